// 经办人交接 records: a unit its own, an office those of its subtree's units, CONAC all; newest first. Mobiles and
// ID numbers come masked.
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { parseId } from '../../../lib/rowId.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { handoverScope } from '../handover/access.ts'
import { maskedHandoverIdNumber } from '../handover/idNumber.ts'

export interface UnitHandoverView {
  id: number
  unitId: number
  unitName: string
  status: 'PENDING' | 'COMPLETED' | 'CANCELLED'
  /** A PENDING handover whose link has lapsed. */
  expired: boolean
  oldName: string
  oldMobile: string
  newName: string
  newMobile: string
  newEmail: string
  newIdNumber: string | null
  startedByName: string
  createdAt: Date
  expiresAt: Date
  completedAt: Date | null
  cancelledAt: Date | null
  /** Whether the viewer may cancel it now (PENDING, and the unit's primary account or its starter). */
  canCancel: boolean
}

/**
 * Who started the handover, as they were then. The unit's primary account stays the same user while its person
 * changes (a completed handover renames it to the new handler), so its name now would rewrite the history; the person
 * behind it when the handover started was the handler of that time, `oldName`. Office staff keep their own names.
 */
function starterName(row: {
  unitId: number
  oldName: string
  startedBy: { displayName: string; unitId: number | null; unitRole: string | null }
}): string {
  const byUnitPrimary = row.startedBy.unitId === row.unitId && row.startedBy.unitRole === 'PRIMARY'
  return byUnitPrimary ? row.oldName : row.startedBy.displayName
}

/** Enough rows for a unit's history; handovers are rare. */
const MAX_ROWS = 100

export const unitHandovers = defineQuery({
  name: 'unitHandovers',
  policy: { who: SIGNED_IN, tokens: true, rule: 'scoped: a unit its own unit, an office its subtree, CONAC all' },
  scope: 'lib/scope.ts unitScope (through the handover’s unit)',
  async run(ctx, input: { unitId?: string | null }): Promise<UnitHandoverView[]> {
    const unitId = input.unitId ? parseId(input.unitId, '单位') : undefined
    const rows = await ctx.prisma.unitHandover.findMany({
      where: { AND: [handoverScope(ctx), unitId ? { unitId } : {}] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: MAX_ROWS,
      include: {
        unit: { select: { name: true } },
        startedBy: { select: { displayName: true, unitId: true, unitRole: true } },
      },
    })
    const { viewer } = ctx
    const now = new Date()
    const primaryOfOwnUnit = viewer.kind === 'user' && ownUnitOf(viewer) != null && viewer.unitRole === 'PRIMARY'
    return rows.map((row) => {
      const expired = row.status === 'PENDING' && row.expiresAt <= now
      const mayCancel = primaryOfOwnUnit || (viewer.kind === 'user' && row.startedById === viewer.userId)
      return {
        id: row.id,
        unitId: row.unitId,
        unitName: row.unit.name,
        status: row.status,
        expired,
        oldName: row.oldName,
        oldMobile: maskMobile(row.oldMobile),
        newName: row.newName,
        newMobile: maskMobile(row.newMobile),
        newEmail: row.newEmail,
        newIdNumber: maskedHandoverIdNumber(row),
        startedByName: starterName(row),
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        completedAt: row.completedAt,
        cancelledAt: row.cancelledAt,
        canCancel: row.status === 'PENDING' && mayCancel,
      }
    })
  },
})
