// 修改工作动态 of the unit's own micro-site (NOT_FOUND for any other, also when it was deleted meanwhile).
import { defineCommand } from '../../../commands/define.ts'
import { notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { newsFields, UNIT_EDITORS } from '../rules.ts'
import { editableNewsItem } from '../targets.ts'

export const updateMicroSiteNewsItem = defineCommand({
  name: 'updateMicroSiteNewsItem',
  policy: UNIT_EDITORS,
  scope: 'the viewer’s own unit',

  /** Returns the news item's id. */
  async run(ctx, input: { id: string | number; title: string; body: string }) {
    const { unitId, regionPath, item } = await editableNewsItem(ctx, input.id)
    const fields = newsFields(input)
    if (!item) throw notFound('工作动态')
    return ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.microSiteNewsItem.updateMany({
        where: { id: item.id, microSite: { unitId } },
        data: fields,
      })
      if (count === 0) throw notFound('工作动态')
      const before = { title: item.title, body: item.body }
      await writeAudit(tx, ctx, {
        action: 'microSite.updateNews',
        subjectType: 'MicroSiteNewsItem',
        subjectId: item.id,
        regionPath,
        before,
        after: fields,
      })
      return item.id
    })
  },
})
