// What changed since a review, for every two-level review of something the applicant edits and resubmits (domain
// applications, site applications). Each decision stores the fields it was made on (ReviewDecision.snapshot, in the
// decision's own transaction); a resubmission is compared with the snapshot of an earlier decision.
import type { Prisma } from '../../generated/prisma/client.ts'

/** One field that differs from the values at a review; values as text (null: empty). */
export interface FieldChange {
  field: string
  before: string | null
  after: string | null
}

type Value = string | number | boolean | null

/** The given fields of a record, as stored with a decision. */
export function reviewSnapshot<T extends object>(
  record: T,
  fields: readonly (keyof T & string)[],
): Prisma.InputJsonObject {
  return Object.fromEntries(fields.map((field) => [field, (record[field] ?? null) as Value]))
}

const asText = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value))

/**
 * The fields of `current` that differ from `snapshot`, in the order of `fields`. A field the snapshot does not hold is
 * unknown (a decision recorded before snapshots were stored, where the audit trail did not tell), so it is not
 * reported as changed. No snapshot: nothing to compare with.
 */
export function changesSince<T extends object>(
  snapshot: unknown,
  current: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return []
  const before = snapshot as Record<string, unknown>
  return fields
    .filter((field) => field in before && asText(before[field]) !== asText(current[field]))
    .map((field) => ({ field, before: asText(before[field]), after: asText(current[field]) }))
}

/** The stored snapshot's value of one field (undefined: not recorded). */
export function snapshotValue(snapshot: unknown, field: string): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return undefined
  return (snapshot as Record<string, unknown>)[field]
}
