// 删除工作动态 of the unit's own micro-site (NOT_FOUND for any other). The audit row keeps what was deleted.
import { defineCommand } from '../../../commands/define.ts'
import { notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { UNIT_EDITORS } from '../rules.ts'
import { editableNewsItem } from '../targets.ts'

export const deleteMicroSiteNewsItem = defineCommand({
  name: 'deleteMicroSiteNewsItem',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',

  /** Returns the id deleted. */
  async run(ctx, input: { id: string | number }): Promise<string> {
    const { unitId, regionPath, item } = await editableNewsItem(ctx, input.id)
    if (!item) throw notFound('工作动态')
    return ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.microSiteNewsItem.deleteMany({ where: { id: item.id, microSite: { unitId } } })
      if (count === 0) throw notFound('工作动态')
      const before = {
        microSiteId: item.microSiteId,
        title: item.title,
        body: item.body,
        publishedAt: item.publishedAt,
      }
      await writeAudit(tx, ctx, {
        action: 'microSite.deleteNews',
        subjectType: 'MicroSiteNewsItem',
        subjectId: item.id,
        regionPath,
        before,
      })
      return String(item.id)
    })
  },
})
