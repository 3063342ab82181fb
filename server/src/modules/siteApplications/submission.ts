// Sending an application to the unit's same-level office (submit a draft, or resubmit a rejected one): the full
// checks, the handler's SMS code spent in the same transaction, 绑定域名 recorded, the office's staff told.
import type { Context } from '../../context.ts'
import { transition } from '../../commands/transition.ts'
import { appError } from '../../errors.ts'
import type { SiteApplicationStatus } from '../../generated/prisma/enums.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { staffNotices } from '../notifications/drafts.ts'
import { withVerifiedCode } from '../verification/codes.ts'
import { submissionProblems, throwProblems } from './checks.ts'
import { LIVE } from './statuses.ts'
import { columnsOf, maskedFields, type SiteApplicationFields } from './fields.ts'
import { unitFacts, type LoadedApplication } from './targets.ts'

const domainTaken = () =>
  appError('CONFLICT', '该中文域名已有进行中的网站开办申请或有效的网站标识；如需重新申请，请先撤回原申请或注销原标识', {
    reason: 'DOMAIN_HAS_LIVE_APPLICATION',
  })

export interface Sending {
  /** The fields as they go to the office (the draft's, or the resubmission's edits applied). */
  fields: SiteApplicationFields
  /** The SMS code sent to fields.handlerMobile (purpose SITE_APPLICATION). */
  code: string
  from: readonly SiteApplicationStatus[]
  action: 'siteApplication.submit' | 'siteApplication.resubmit'
}

/** → PENDING_OFFICE_REVIEW (初审中). The version was checked against app.version by the caller. */
export async function sendToOffice(ctx: Context, app: LoadedApplication, sending: Sending): Promise<number> {
  const { fields } = sending
  throwProblems(await submissionProblems(ctx.prisma, app.unit, fields))
  // Checked before the code is spent; the unique index settles a race between two submissions.
  const live = await ctx.prisma.siteApplication.findFirst({
    where: { chineseDomainId: fields.chineseDomainId, status: { in: LIVE }, id: { not: app.id } },
    select: { id: true },
  })
  if (live) throw domainTaken()
  try {
    return await withVerifiedCode(
      ctx.prisma,
      { mobile: fields.handlerMobile, purpose: 'SITE_APPLICATION', code: sending.code.trim() },
      async (tx) => {
        // 绑定域名: every domain the unit has registered, as of this submission.
        const registered = await tx.domain.findMany({
          where: { unitId: app.unitId, status: 'REGISTERED' },
          select: { id: true },
        })
        const params = { unit: app.unit.name, site: fields.siteName, serialNumber: app.serialNumber }
        const key = `site-submit:${app.id}:${app.version + 1}`
        await transition(tx, ctx, 'siteApplication', {
          entity: app,
          from: sending.from,
          to: 'PENDING_OFFICE_REVIEW',
          set: { ...columnsOf(fields), ...unitFacts(app.unit), submittedAt: new Date() },
          audit: {
            action: sending.action,
            regionPath: app.unit.region.path,
            after: { fields: maskedFields(fields), boundDomainIds: registered.map((d) => d.id) },
          },
          notify: await staffNotices(
            tx,
            { sameLevelOfficeOf: app.unit.regionCode },
            'siteApplication.awaitingOfficeReview',
            params,
            { key },
          ),
        })
        await tx.siteApplicationDomain.deleteMany({ where: { siteApplicationId: app.id } })
        await tx.siteApplicationDomain.createMany({
          data: registered.map((d) => ({ siteApplicationId: app.id, domainId: d.id })),
        })
        return app.id
      },
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTaken()
    throw error
  }
}
