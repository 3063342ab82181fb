// What the unit-change queries read beyond a request row: the list filter of unitChangeRequests, in the viewer's
// unit scope.
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { UnitChangeStatus } from '../../generated/prisma/enums.ts'
import { unitScope } from '../../lib/scope.ts'

export function unitChangeListWhere(
  ctx: Context,
  args: { unitId?: string | number | null; statuses?: readonly UnitChangeStatus[] | null },
): Prisma.UnitChangeRequestWhereInput {
  const and: Prisma.UnitChangeRequestWhereInput[] = [{ unit: unitScope(ctx.viewer) }]
  if (args.unitId != null) {
    const id = Number(args.unitId)
    and.push({ unitId: Number.isSafeInteger(id) ? id : -1 })
  }
  if (args.statuses?.length) and.push({ status: { in: [...args.statuses] } })
  return { AND: and }
}
