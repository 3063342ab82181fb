// 经办人交接 (cancel): the unit's primary account, or the staff member who started it, withdraws a PENDING handover
// (the wrong person was named, the handler stays after all). Its emailed link stops working at once.
import { defineCommand } from '../../../commands/define.ts'
import { appError, forbidden, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { parseId } from '../../../lib/rowId.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { actingUser, HANDOVER_NOT_FOUND, handoverScope, handoverStarters } from '../handover/access.ts'

export const cancelHandover = defineCommand({
  name: 'cancelHandover',
  policy: {
    ...handoverStarters,
    rule: 'the unit’s primary account (本单位), or the office staff member who started it',
    refusal: '只有发起人或单位主账号可以取消经办人交接',
  },
  scope: 'handovers of the units the viewer may see (unitScope); office staff: only those they started',
  transition: { entity: 'UnitHandover', from: ['PENDING'], to: ['CANCELLED'] },
  effects: ['the unit’s HANDOVER links are consumed', 'audit unit.handover.cancel'],

  async run(ctx, input: { id: string }) {
    const id = parseId(input.id, HANDOVER_NOT_FOUND)
    const userId = actingUser(ctx)
    const handover = await ctx.prisma.unitHandover.findFirst({
      where: { AND: [{ id }, handoverScope(ctx)] },
      include: {
        unit: {
          select: {
            region: { select: { path: true } },
            users: { where: { unitRole: 'PRIMARY' }, select: { id: true } },
          },
        },
      },
    })
    if (!handover) throw notFound(HANDOVER_NOT_FOUND)
    if (ownUnitOf(ctx.viewer) == null && handover.startedById !== userId)
      throw forbidden('只有发起人或单位主账号可以取消经办人交接')
    const now = new Date()
    return ctx.prisma.$transaction(async (tx) => {
      const cancelled = await tx.unitHandover.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: 'CANCELLED', cancelledAt: now, cancelledById: userId },
      })
      if (cancelled.count !== 1) throw appError('CONFLICT', '该交接已完成或已取消，请刷新后查看')
      const primaryIds = handover.unit.users.map((user) => user.id)
      await tx.accountToken.updateMany({
        where: { userId: { in: primaryIds }, purpose: 'HANDOVER', consumedAt: null },
        data: { consumedAt: now },
      })
      await writeAudit(tx, ctx, {
        action: 'unit.handover.cancel',
        subjectType: 'UnitHandover',
        subjectId: id,
        regionPath: handover.unit.region.path,
        before: { status: 'PENDING', newName: handover.newName, newMobile: maskMobile(handover.newMobile) },
        after: { status: 'CANCELLED' },
      })
      return id
    })
  },
})
