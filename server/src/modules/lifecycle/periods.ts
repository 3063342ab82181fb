// 域名生命周期期限: how long a domain stays in grace (宽限期) and redemption (赎回期) after expiry, and how long its
// name stays held after deletion. Dated like the price list: a domain follows the entry in force on its expiry date,
// so changing the periods never moves a domain that has already expired under the old ones.
import type { DomainStatus } from '../../generated/prisma/enums.ts'
import type { Tx } from '../../lib/ledger.ts'
import { beijingDay } from '../../lib/workdays.ts'

const DAY_MS = 86_400_000

export interface LifecyclePeriods {
  graceDays: number
  redemptionDays: number
  holdDays: number
  effectiveFrom: Date
}

/** The state a domain moves to after each one, in order; the job walks this chain. */
export const LIFECYCLE_CHAIN = ['GRACE', 'REDEMPTION', 'DELETED', 'RELEASED'] as const
export type LifecycleStatus = (typeof LIFECYCLE_CHAIN)[number]

/** States the lifecycle job moves on: a registered domain past expiry, EXPIRED ones from before the job, and its own. */
export const ADVANCING_STATUSES: readonly DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION', 'DELETED']

/** Every dated entry, newest first (a handful of rows: one read serves a whole run). */
export async function loadLifecyclePeriods(tx: Tx): Promise<LifecyclePeriods[]> {
  return tx.domainLifecyclePeriods.findMany({
    orderBy: { effectiveFrom: 'desc' },
    select: { graceDays: true, redemptionDays: true, holdDays: true, effectiveFrom: true },
  })
}

export type LifecycleDayField = 'graceDays' | 'redemptionDays' | 'holdDays'

/** The bounds CONAC may set (setDomainLifecyclePeriods), inside the table's CHECK constraint (0-365, 0-3650). */
export const LIFECYCLE_DAY_LIMITS: Record<LifecycleDayField, { label: string; min: number; max: number }> = {
  graceDays: { label: '宽限期', min: 1, max: 365 },
  redemptionDays: { label: '赎回期', min: 1, max: 365 },
  // No hold at all is allowed: the name is then free on the day the domain is deleted.
  holdDays: { label: '保留期', min: 0, max: 3650 },
}

/** "2027-01-01" as the DATE column holds it (UTC midnight), or null when it is no real calendar day. */
export function parseCalendarDay(text: string): Date | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const date = new Date(`${text}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date
}

/** The calendar day of an entry's effectiveFrom (a DATE column: UTC midnight of that day). */
export const calendarDayOf = (effectiveFrom: Date) => effectiveFrom.toISOString().slice(0, 10)

/**
 * The entry in force on `date`: the newest whose day is on or before the Beijing calendar day of `date` (an entry
 * from 2027-01-01 governs a domain that expires at 00:30 Beijing time on that day). The migration's entry dates
 * from 2000, so one always exists.
 */
export function periodsOn<Entry extends LifecyclePeriods>(entries: readonly Entry[], date: Date): Entry {
  const day = beijingDay(date)
  const entry = entries.find((candidate) => calendarDayOf(candidate.effectiveFrom) <= day) ?? entries.at(-1)
  if (!entry) throw new Error('domain_lifecycle_periods is empty: the migration inserts the default periods')
  return entry
}

/** When a domain that expires at `expiresAt` enters each state after expiry. */
export function lifecycleDates(expiresAt: Date, periods: LifecyclePeriods): Record<LifecycleStatus, Date> {
  const at = (days: number) => new Date(expiresAt.getTime() + days * DAY_MS)
  const redemption = periods.graceDays
  const deleted = redemption + periods.redemptionDays
  return { GRACE: at(0), REDEMPTION: at(redemption), DELETED: at(deleted), RELEASED: at(deleted + periods.holdDays) }
}

/** The state and its date that come next for a domain in `status`, or null when nothing follows. */
export function nextLifecycleStep(
  status: DomainStatus,
  expiresAt: Date,
  periods: LifecyclePeriods,
  deletedAt: Date | null = null,
): { status: LifecycleStatus; at: Date } | null {
  // A deleted domain keeps its name for the hold period from its deletion: by the job that is the expiry-dated day,
  // by an approved 注销 (domainCancellations) any day before expiry.
  if (status === 'DELETED' && deletedAt)
    return { status: 'RELEASED', at: new Date(deletedAt.getTime() + periods.holdDays * DAY_MS) }
  const beforeChain = status === 'REGISTERED' || status === 'EXPIRED'
  const position = LIFECYCLE_CHAIN.indexOf(status as LifecycleStatus)
  if (!beforeChain && position === -1) return null
  const next = LIFECYCLE_CHAIN[beforeChain ? 0 : position + 1]
  return next ? { status: next, at: lifecycleDates(expiresAt, periods)[next] } : null
}

/** The states a domain in `status` passes through by `now`, in order (empty when none is due). */
export function dueLifecycleSteps(
  status: DomainStatus,
  expiresAt: Date,
  periods: LifecyclePeriods,
  now: Date,
  deletedAt: Date | null = null,
): { status: LifecycleStatus; at: Date }[] {
  const steps: { status: LifecycleStatus; at: Date }[] = []
  for (let step = nextLifecycleStep(status, expiresAt, periods, deletedAt); step;) {
    if (step.at.getTime() > now.getTime()) break
    steps.push(step)
    step = nextLifecycleStep(step.status, expiresAt, periods)
  }
  return steps
}
