// 添加工作动态 to the unit's own micro-site, which must have been saved first. News items have no version of their
// own; every change is audited.
import { defineCommand } from '../../../commands/define.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { newsFields, UNIT_EDITORS } from '../rules.ts'
import { editableUnit, requireSaved } from '../targets.ts'

export const addMicroSiteNewsItem = defineCommand({
  name: 'addMicroSiteNewsItem',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',

  /** Returns the news item's id. */
  async run(ctx, input: { title: string; body: string }) {
    const { regionPath, site: saved } = await editableUnit(ctx)
    const fields = newsFields(input)
    const site = requireSaved(saved)
    return ctx.prisma.$transaction(async (tx) => {
      const item = await tx.microSiteNewsItem.create({ data: { microSiteId: site.id, ...fields } })
      await writeAudit(tx, ctx, {
        action: 'microSite.addNews',
        subjectType: 'MicroSiteNewsItem',
        subjectId: item.id,
        regionPath,
        after: { microSiteId: site.id, ...fields },
      })
      return item.id
    })
  },
})
