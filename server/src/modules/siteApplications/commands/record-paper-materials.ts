// 登记书面材料: the unit's same-level office records which paper materials have arrived (any number of times
// until it confirms them); the status stays AWAITING_PAPER, the version moves on.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { badInput } from '../../../errors.ts'
import { FORM_COPIES_REQUIRED, PAPER_STEP_POLICY } from '../paper.ts'
import { applicationInScope, sameLevelOffice } from '../targets.ts'

const WHAT = '登记书面材料'

export interface RecordPaperInput {
  id: string | number
  version: number
  letterReceived: boolean
  formCopiesReceived: number
  idCopyReceived: boolean
  missingNote?: string | null
}

export const recordPaperMaterials = defineCommand({
  name: 'recordPaperMaterials',
  policy: { ...PAPER_STEP_POLICY, refusal: `只有单位的同级编办可以${WHAT}` },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: ['AWAITING_PAPER'], to: ['AWAITING_PAPER'] },
  effects: ['PaperSubmission: what was received, when and by whom'],

  async run(ctx, input: RecordPaperInput) {
    const app = await applicationInScope(ctx, input.id)
    const { reviewerId } = sameLevelOffice(ctx, app, WHAT)
    if (!Number.isInteger(input.formCopiesReceived) || input.formCopiesReceived < 0 || input.formCopiesReceived > 99) {
      throw badInput('书面材料信息有误', { formCopiesReceived: '申请表份数应为 0-99 的整数' })
    }
    const missingNote = input.missingNote?.trim() || null
    if (missingNote && [...missingNote].length > 500)
      throw badInput('书面材料信息有误', { missingNote: '不能超过 500 个字' })
    const { letterReceived, formCopiesReceived, idCopyReceived } = input
    const data = {
      letterReceived,
      formCopiesReceived,
      idCopyReceived,
      missingNote,
      receivedAt: new Date(),
      receivedById: reviewerId,
    }

    await ctx.prisma.$transaction(async (tx) => {
      await transition(tx, ctx, 'siteApplication', {
        entity: app,
        from: 'AWAITING_PAPER',
        expectedVersion: input.version,
        audit: {
          action: 'siteApplication.recordPaper',
          regionPath: app.unit.region.path,
          before: app.paperSubmission ?? undefined,
          after: data,
        },
      })
      await tx.paperSubmission.upsert({
        where: { siteApplicationId: app.id },
        create: { siteApplicationId: app.id, copiesRequired: FORM_COPIES_REQUIRED, ...data },
        update: data,
      })
    })
    return app.id
  },
})
