// 保存网络红页: the unit creates its micro-site (as a DRAFT) when it has none, else edits it if `version` is still
// current. A PUBLISHED page shows the change at once.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { microSiteFields, staleMicroSite, UNIT_EDITORS, type MicroSiteContent } from '../rules.ts'
import { editableUnit } from '../targets.ts'

export const saveMicroSite = defineCommand({
  name: 'saveMicroSite',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',
  // Not a status change: the first save creates the page as a DRAFT, later ones edit it at the version read.
  effects: ['the MicroSite: created as DRAFT on the first save, else edited (version +1, status kept)'],

  /** Returns the micro-site's id. */
  async run(ctx, input: MicroSiteContent) {
    const { unitId, regionPath, site } = await editableUnit(ctx)
    const fields = microSiteFields(input)
    try {
      return await ctx.prisma.$transaction(async (tx) => {
        if (!site) {
          const created = await tx.microSite.create({ data: { unitId, ...fields } })
          await writeAudit(tx, ctx, {
            action: 'microSite.create',
            subjectType: 'MicroSite',
            subjectId: created.id,
            regionPath,
            after: fields,
          })
          return created.id
        }
        await transition(tx, ctx, 'microSite', {
          entity: site,
          expectedVersion: input.version ?? -1,
          set: fields,
          audit: {
            action: 'microSite.update',
            regionPath,
            before: {
              title: site.title,
              introduction: site.introduction,
              functions: site.functions,
              contacts: site.contacts,
            },
            after: fields,
          },
          stale: staleMicroSite,
        })
        return site.id
      })
    } catch (error) {
      // Two first saves at once: the second one meets micro_sites.unitId's unique index.
      if (isUniqueViolation(error)) throw staleMicroSite()
      throw error
    }
  },
})
