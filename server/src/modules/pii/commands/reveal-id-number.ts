// 查看完整号码: the one way a person sees a stored ID number in full (design doc accounts.md §1.8, §3.2). The reason is
// required and recorded with the subject in audit `pii.reveal` (never the number); the portal shows the number for
// 60 s and masks it again.
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import type { Context } from '../../../context.ts'
import { badInput, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { openIdNumber, type IdNumberOwner } from '../../../lib/idNumberColumns.ts'
import { siteApplicationScope, unitScope } from '../../../lib/scope.ts'

export type PiiSubject = 'UNIT' | 'SITE_APPLICATION'

export interface RevealIdNumberInput {
  subject: PiiSubject
  id: string | number
  reason: string
}

export const REVEAL_REASON_LENGTH = { min: 2, max: 200 } as const

export const revealIdNumber = defineCommand({
  name: 'revealIdNumber',
  policy: {
    who: SIGNED_IN,
    tokens: false,
    rule: 'a unit its own unit and its applications; an office the units of its subtree and their submitted applications; CONAC all (unitScope, siteApplicationScope: NOT_FOUND outside)',
    refusal: '查看完整身份证号需要登录',
    // Staff see a full ID number only to review the facts it proves.
    roles: ['REVIEWER'],
  },
  scope: 'unitScope (UNIT), siteApplicationScope (SITE_APPLICATION)',
  effects: ['audit pii.reveal with the subject and the reason (not the number)'],

  async run(ctx, input: RevealIdNumberInput): Promise<string | null> {
    const reason = input.reason.trim()
    if ([...reason].length < REVEAL_REASON_LENGTH.min || [...reason].length > REVEAL_REASON_LENGTH.max)
      throw badInput('请填写查看原因（2-200 个字）', { reason: '请填写查看原因（2-200 个字）' })
    const found = await findSubject(ctx, input.subject, Number(input.id))
    if (!found.stored) return null
    const idNumber = openIdNumber(found.owner, found.stored)
    await writeAudit(ctx.prisma, ctx, {
      action: 'pii.reveal',
      subjectType: found.owner === 'unit' ? 'Unit' : 'SiteApplication',
      subjectId: found.id,
      regionPath: found.regionPath,
      after: { field: 'handlerIdNumber', reason },
    })
    return idNumber
  },
})

/** The subject's stored ciphertext, read only inside the viewer's scope (NOT_FOUND otherwise, like a missing id). */
async function findSubject(ctx: Context, subject: PiiSubject, id: number) {
  const what = subject === 'UNIT' ? '单位' : '网站开办申请'
  if (!Number.isSafeInteger(id)) throw notFound(what)
  if (subject === 'UNIT') {
    const unit = await ctx.prisma.unit.findFirst({
      where: { AND: [{ id }, unitScope(ctx.viewer)] },
      select: { handlerIdNumberEnc: true, region: { select: { path: true } } },
    })
    if (!unit) throw notFound(what)
    return { owner: 'unit' as IdNumberOwner, id, stored: unit.handlerIdNumberEnc, regionPath: unit.region.path }
  }
  const app = await ctx.prisma.siteApplication.findFirst({
    where: { AND: [{ id }, siteApplicationScope(ctx.viewer)] },
    select: { handlerIdNumberEnc: true, unit: { select: { region: { select: { path: true } } } } },
  })
  if (!app) throw notFound(what)
  return {
    owner: 'siteApplication' as IdNumberOwner,
    id,
    stored: app.handlerIdNumberEnc,
    regionPath: app.unit.region.path,
  }
}
