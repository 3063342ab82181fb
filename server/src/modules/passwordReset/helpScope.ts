// Whose password a viewer may help reset (协助重置密码), as one `where`: an office's ADMIN the staff of their own office
// (CONAC's ADMIN also the administrators of every office), an office's ADMIN or REVIEWER the unit accounts of its
// subtree, a unit's primary account its own unit's other users. Anyone else's account is NOT_FOUND.
import type { Prisma } from '../../generated/prisma/client.ts'
import { unitScope } from '../../lib/scope.ts'
import { hasOfficeRole, type Viewer } from '../../viewer.ts'

const NOBODY: Prisma.UserWhereInput = { id: -1 }

export function helpResetScope(viewer: Viewer): Prisma.UserWhereInput {
  if (viewer.kind !== 'user') return NOBODY
  const office = viewer.office
  if (!office) {
    if (viewer.unitRole !== 'PRIMARY' || viewer.unitId == null) return NOBODY
    return { unitId: viewer.unitId, unitRole: 'DEPUTY' }
  }
  const reachable: Prisma.UserWhereInput[] = [{ unitId: { not: null }, unit: unitScope(viewer) }]
  if (hasOfficeRole(viewer, ['ADMIN'])) {
    reachable.push({ officeId: office.officeId })
    if (office.officeLevel === 'CENTRAL') reachable.push({ officeId: { not: null }, officeRoles: { has: 'ADMIN' } })
  }
  return { OR: reachable }
}
