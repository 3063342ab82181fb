// The one place that decides which rows a viewer may see. Every list, by-id lookup and mutation target uses it,
// so a missing permission rule never leaks rows.
import type { Prisma } from '../generated/prisma/client.ts'
import type { OfficeScope, Viewer } from '../viewer.ts'

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

/** Domains the viewer may see: those of the units it may see. */
export function domainScope(viewer: Viewer): Prisma.DomainWhereInput {
  return { unit: unitScope(viewer) }
}

/** Site applications (网站开办审核) the viewer may see: those of the units it may see; a unit's drafts only by the unit. */
export function siteApplicationScope(viewer: Viewer): Prisma.SiteApplicationWhereInput {
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { unit: unitScope(viewer) }
  return { unit: unitScope(viewer), status: { not: 'DRAFT' } }
}

/** Fee collections (收费记录) the viewer may see: an office its subtree's offices' collections, CONAC all, a unit its own. */
export function feeCollectionScope(viewer: Viewer): Prisma.FeeCollectionWhereInput {
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { unitId: viewer.unitId ?? NOTHING }
  return ofOfficesInReach(viewer)
}

/** Remittances (汇款单) the viewer may see: an office its subtree's offices' remittances, CONAC all, a unit none. */
export function remittanceScope(viewer: Viewer): Prisma.RemittanceWhereInput {
  return ofOfficesInReach(viewer)
}

/** Rows of an office the viewer's office reaches; of every office for CONAC (no filter at all). */
function ofOfficesInReach(viewer: Viewer): { office?: Prisma.OfficeWhereInput } {
  return isConac(viewer) ? {} : { office: officeScope(viewer) }
}

/** Offices the viewer's office reaches: itself and those below it; every office for CONAC; none for anyone else. */
export function officeScope(viewer: Viewer): Prisma.OfficeWhereInput {
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office) return { id: NOTHING }
  if (office.officeLevel === 'CENTRAL') return {}
  return { region: { path: { startsWith: office.regionPath } } }
}

/**
 * Units whose first review (初审) belongs to this office: the same-level office (同级编办) is the office of the
 * unit's own region, so a county office reviews its county's units, a city office the city-level units, and so on.
 */
export function sameLevelUnits(office: OfficeScope): Prisma.UnitWhereInput {
  return { region: { path: office.regionPath } }
}

/** The viewer's office when the viewer is office staff below CONAC (by session or token), else null. */
export function localOfficeOf(viewer: Viewer): OfficeScope | null {
  if (viewer.kind === 'anonymous' || !viewer.office) return null
  return viewer.office.officeLevel === 'CENTRAL' ? null : viewer.office
}

/** True for CONAC staff (by session or token). */
export function isConac(viewer: Viewer): boolean {
  return viewer.kind !== 'anonymous' && viewer.office?.officeLevel === 'CENTRAL'
}

/** The unit of a logged-in unit user, or null for anyone else (staff, tokens, nobody, a unit user without a unit). */
export function ownUnitOf(viewer: Viewer): number | null {
  return viewer.kind === 'user' && viewer.role === 'UNIT_USER' ? viewer.unitId : null
}

/** Invoice requests (预开发票) the viewer may see: an office its subtree's offices' requests, CONAC all, nobody else any. */
export function invoiceRequestScope(viewer: Viewer): Prisma.InvoiceRequestWhereInput {
  if (isConac(viewer)) return {}
  const office = localOfficeOf(viewer)
  if (!office) return { id: NOTHING }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}

/** Invoices (用户发票) the viewer may see: an office its subtree's offices', CONAC all, a unit user its own unit's. */
export function invoiceScope(viewer: Viewer): Prisma.InvoiceWhereInput {
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { unitId: viewer.unitId ?? NOTHING }
  if (isConac(viewer)) return {}
  const office = localOfficeOf(viewer)
  if (!office) return { id: NOTHING }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}
