// 标为已读: the viewer marks its own unread notifications read, the listed ones or all. Ids of other users'
// notifications (or that are no ids at all) are ignored, never an error: they simply match none of the viewer's rows.
import { defineCommand } from '../../../commands/define.ts'
import { badInput } from '../../../errors.ts'
import { inboxPolicy, inboxWhere } from '../inbox.ts'

/** The most ids one markNotificationsRead call may name. */
export const MAX_MARK_IDS = 500

export const markNotificationsRead = defineCommand({
  name: 'markNotificationsRead',
  policy: inboxPolicy,
  scope: 'the viewer’s own unread IN_APP notifications (inboxWhere)',
  effects: ['readAt of the viewer’s own notifications'],

  /** How many changed (already read ones do not count). */
  async run(ctx, input: { ids?: ReadonlyArray<string | number> | null; all?: boolean | null }): Promise<number> {
    const where = inboxWhere(ctx, true)
    if (input.all) {
      const { count } = await ctx.prisma.notification.updateMany({ where, data: { readAt: new Date() } })
      return count
    }
    if (!input.ids?.length) throw badInput('请选择要标为已读的消息', { ids: '请选择消息，或使用 all: true' })
    if (input.ids.length > MAX_MARK_IDS)
      throw badInput(`一次最多标记 ${MAX_MARK_IDS} 条消息`, { ids: `最多 ${MAX_MARK_IDS} 条` })
    const ids = input.ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0)
    if (!ids.length) return 0
    const { count } = await ctx.prisma.notification.updateMany({
      where: { ...where, id: { in: ids } },
      data: { readAt: new Date() },
    })
    return count
  },
})
