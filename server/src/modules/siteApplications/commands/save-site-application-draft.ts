// 保存草稿: a unit user creates a draft for its own unit, or edits its draft. Only what the columns can hold and
// the English domain's kind are checked here; submission checks the rest.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { checkDomainOwned, draftProblems, throwProblems } from '../checks.ts'
import {
  columnsOf,
  EMPTY_FIELDS,
  fieldsOf,
  maskedFields,
  mergeFields,
  type SiteApplicationFieldsInput,
} from '../fields.ts'
import { applicationInScope, ownUnitId, UNIT_USERS_ONLY, unitFacts, unitSelect } from '../targets.ts'

export interface SaveDraftInput extends SiteApplicationFieldsInput {
  /** Omitted to create a draft. */
  id?: string | number | null
  version?: number | null
}

export const saveSiteApplicationDraft = defineCommand({
  name: 'saveSiteApplicationDraft',
  policy: {
    who: ['unit'],
    tokens: false,
    rule: 'a unit user: a new draft for its own unit (ACTIVE), edits to its own drafts; offices and CONAC review, they do not apply',
    refusal: UNIT_USERS_ONLY,
  },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: ['DRAFT'], to: ['DRAFT'] },

  async run(ctx, input: SaveDraftInput) {
    const unitId = ownUnitId(ctx)
    if (input.id != null) {
      const app = await applicationInScope(ctx, input.id)
      if (app.status !== 'DRAFT')
        throw appError('CONFLICT', '只有草稿可以保存，已提交的申请请在审核未通过后修改重新提交')
      const fields = mergeFields(fieldsOf(app), input)
      throwProblems(draftProblems(fields, app.unit.type))
      await checkDomainOwned(ctx, unitId, fields.chineseDomainId)
      await ctx.prisma.$transaction((tx) =>
        transition(tx, ctx, 'siteApplication', {
          entity: app,
          from: 'DRAFT',
          // A save without the version it edited is stale by definition.
          expectedVersion: input.version ?? -1,
          set: columnsOf(fields),
          audit: {
            action: 'siteApplication.saveDraft',
            regionPath: app.unit.region.path,
            after: { ...maskedFields(fields) },
          },
        }),
      )
      return app.id
    }

    const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: unitSelect })
    if (unit.status !== 'ACTIVE') throw forbidden('该单位已停用，不能申请')
    const fields = mergeFields(EMPTY_FIELDS, input)
    throwProblems(draftProblems(fields, unit.type))
    await checkDomainOwned(ctx, unitId, fields.chineseDomainId)
    return ctx.prisma.$transaction(async (tx) => {
      // The serial number comes from the id, which exists only after the insert.
      const created = await tx.siteApplication.create({
        data: {
          ...columnsOf(fields),
          ...unitFacts(unit),
          unitId,
          serialNumber: `TMP-${crypto.randomUUID().slice(0, 24)}`,
        },
      })
      const serialNumber = `WZ-${created.createdAt.getUTCFullYear()}-${String(created.id).padStart(6, '0')}`
      await tx.siteApplication.update({ where: { id: created.id }, data: { serialNumber } })
      await writeAudit(tx, ctx, {
        action: 'siteApplication.create',
        subjectType: 'SiteApplication',
        subjectId: created.id,
        regionPath: unit.region.path,
        after: { ...maskedFields(fields), serialNumber },
      })
      return created.id
    })
  },
})
