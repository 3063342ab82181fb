// The object history a reorganisation leaves for the statistics. region_statistics counts a domain, badge or site
// application under its unit's region; stat_region_at (migration unit_reorganisations) reads these rows so that a
// count dated before the effective date (a month of creation, registration, issue) stays with the old unit's
// region, while the all-time and current counts follow the object to its new unit. The triggers are deferred to
// commit, so the rows written here are seen by both the before and the after side of every moved row.
import type { Prisma } from '../../generated/prisma/client.ts'
import type { ReorganisedObjectType } from './plan.ts'

type Tx = Prisma.TransactionClient

export interface ObjectOutcome {
  objectType: ReorganisedObjectType
  objectId: number
  label: string
  fromUnitId: number
  /** Null: cancelled. */
  toUnitId: number | null
}

/** 00:00 Beijing time of a YYYY-MM-DD Beijing day. */
export const startOfBeijingDate = (day: string) => new Date(`${day}T00:00:00+08:00`)

export async function recordObjectHistory(
  tx: Tx,
  reorganisationId: number,
  outcomes: readonly ObjectOutcome[],
  regionOf: (unitId: number) => string,
  effectiveDate: string,
): Promise<void> {
  if (!outcomes.length) return
  const effectiveAt = startOfBeijingDate(effectiveDate)
  await tx.reorganisedObject.createMany({
    data: outcomes.map((o) => ({
      reorganisationId,
      objectType: o.objectType,
      objectId: o.objectId,
      label: o.label.slice(0, 200),
      fromUnitId: o.fromUnitId,
      fromRegionCode: regionOf(o.fromUnitId),
      toUnitId: o.toUnitId,
      toRegionCode: o.toUnitId == null ? null : regionOf(o.toUnitId),
      effectiveAt,
    })),
  })
}
