// The one place that decides which rows a viewer may see. Every list, by-id lookup and mutation target uses it,
// so a missing permission rule never leaks rows.
import type { Prisma } from '../generated/prisma/client.ts'
import type { Viewer } from '../viewer.ts'

/** Nothing matches this id. */
const NOTHING = -1

/** Units the viewer may see: a unit user its own unit; an office the units in its region subtree; CONAC all. */
export function unitScope(viewer: Viewer): Prisma.UnitWhereInput {
  if (viewer.kind === 'anonymous') return { id: NOTHING }
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { id: viewer.unitId ?? NOTHING }
  const office = viewer.office
  if (!office) return { id: NOTHING }
  if (office.officeLevel === 'CENTRAL') return {}
  return { region: { path: { startsWith: office.regionPath } } }
}
