// The facts a 单位信息变更 may change, how a request's `after` is checked against the unit as it is, and the
// before → after that the request stores: only the facts that really change. The region is not among them (moving
// a unit changes its office, which stays an office matter).
import { badInput } from '../../errors.ts'
import type { SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import { normaliseCreditCode, optionalText, UNIT_FACT_RULES, type Fields } from '../registration/factRules.ts'

export interface UnitFacts {
  name: string
  type: UnitType
  systemCategory: SystemCategory
  creditCode: string
  address: string
  postcode: string
  superiorUnitName: string | null
  functions: string | null
}

export type UnitFactName = keyof UnitFacts

/** In the order the portal shows them. */
export const UNIT_FACT_NAMES = [
  'name',
  'type',
  'systemCategory',
  'creditCode',
  'address',
  'postcode',
  'superiorUnitName',
  'functions',
] as const satisfies readonly UnitFactName[]

/** The facts whose unique index makes an approval re-check them (another unit may have taken them meanwhile). */
export const UNIQUE_FACTS = ['name', 'creditCode'] as const satisfies readonly UnitFactName[]

/** What the unit asks for: each fact omitted (null or absent) stays as it is; blank optional text clears it. */
export type RequestedUnitFacts = { [K in UnitFactName]?: UnitFacts[K] | null }

export type FactChanges = Partial<UnitFacts>

export function factsOf(unit: UnitFacts): UnitFacts {
  return Object.fromEntries(UNIT_FACT_NAMES.map((name) => [name, unit[name]])) as unknown as UnitFacts
}

/** A requested value as it would be stored. */
function normalise(name: UnitFactName, value: string): string | null {
  if (name === 'creditCode') return normaliseCreditCode(value)
  if (name === 'superiorUnitName' || name === 'functions') return optionalText(value)
  return value.trim()
}

/**
 * The facts that change, before → after, or BAD_USER_INPUT with a message per field when a value breaks its rule
 * or nothing changes at all.
 */
export function changesAgainst(
  current: UnitFacts,
  requested: RequestedUnitFacts,
): { before: FactChanges; after: FactChanges } {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  const problems: Fields = {}
  for (const name of UNIT_FACT_NAMES) {
    const raw = requested[name]
    if (raw === undefined || raw === null) continue
    const value = normalise(name, raw)
    const rule = (UNIT_FACT_RULES as Record<string, (value: string | null) => string | null>)[name]
    const problem = rule?.(value)
    if (problem) problems[name] = problem
    else if (value !== current[name]) {
      before[name] = current[name]
      after[name] = value
    }
  }
  if (Object.keys(problems).length) throw badInput('单位信息有误', problems)
  if (!Object.keys(after).length) throw badInput('没有需要变更的单位信息', { after: '请至少修改一项单位信息后再提交' })
  return { before: before as FactChanges, after: after as FactChanges }
}

/** A stored before/after (JSON) read back as facts, ignoring anything that is not a changeable fact. */
export function storedFacts(json: unknown): FactChanges {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {}
  const row = json as Record<string, unknown>
  return Object.fromEntries(
    UNIT_FACT_NAMES.filter((name) => name in row).map((name) => [name, row[name]]),
  ) as FactChanges
}

/** The facts of a request, in display order: each changed fact's value when asked and the value asked for. */
export function factChangeRows(request: { before: unknown; after: unknown }) {
  const before = storedFacts(request.before)
  const after = storedFacts(request.after)
  return UNIT_FACT_NAMES.filter((name) => name in after).map((field) => ({
    field,
    before: (before[field] as string | null | undefined) ?? null,
    after: (after[field] as string | null | undefined) ?? null,
  }))
}
