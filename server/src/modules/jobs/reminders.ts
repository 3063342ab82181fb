// 到期提醒: REGISTERED domains expiring within 30, 7 and 1 days (Beijing calendar days), and those that expired
// (within the last 30 days, so a first run does not dig up long-dead domains), by SMS and email to the unit's
// handler and in the portal to its users. One notice per domain, threshold and expiry date: a run repeated the
// same day, or the next day within the same threshold, sends nothing new; a renewal moves expiresAt and so starts
// over. Only the most urgent threshold reached is sent (a run missed for a week does not send 30 and 7 at once).
// A domain with a renewal already under way (requested or paid) is not reminded.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { unitContactNotices } from '../notifications/drafts.ts'
import { enqueueNew } from './notices.ts'

const DAY_MS = 86_400_000
const BEIJING_OFFSET_MS = 8 * 3_600_000
export const EXPIRY_THRESHOLDS = [1, 7, 30] as const
const EXPIRED_LOOKBACK_DAYS = 30
const SUFFIX_TEXT = { ZHENGWU: '.政务', GONGYI: '.公益' } as const

const dayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)

/** The reminder due for an expiry date at `now`: EXPIRED, a threshold in days, or null. */
export function expiryThreshold(expiresAt: Date, now: Date): 'EXPIRED' | (typeof EXPIRY_THRESHOLDS)[number] | null {
  if (expiresAt.getTime() <= now.getTime()) return 'EXPIRED'
  const daysLeft = dayNumber(expiresAt) - dayNumber(now)
  return EXPIRY_THRESHOLDS.find((threshold) => daysLeft <= threshold) ?? null
}

export async function runExpiryReminders(prisma: PrismaClient, now: Date) {
  const horizon = new Date(now.getTime() + 31 * DAY_MS)
  const since = new Date(now.getTime() - EXPIRED_LOOKBACK_DAYS * DAY_MS)
  const domains = await prisma.domain.findMany({
    where: {
      status: 'REGISTERED',
      expiresAt: { gt: since, lte: horizon },
      renewals: { none: { status: { in: ['REQUESTED', 'FEE_COLLECTED'] } } },
    },
    select: {
      id: true,
      name: true,
      suffix: true,
      expiresAt: true,
      unit: {
        select: {
          name: true,
          handlerMobile: true,
          handlerEmail: true,
          users: { where: { status: 'ACTIVE' }, select: { id: true } },
        },
      },
    },
    orderBy: { id: 'asc' },
  })
  const summary = { domains: 0, expired: 0, within1: 0, within7: 0, within30: 0, notifications: 0 }
  for (const domain of domains) {
    const expiresAt = domain.expiresAt!
    const threshold = expiryThreshold(expiresAt, now)
    if (threshold === null) continue
    const fullName = domain.name + SUFFIX_TEXT[domain.suffix]
    const date = beijingDay(expiresAt)
    const daysLeft = Math.max(dayNumber(expiresAt) - dayNumber(now), 0)
    const expired = threshold === 'EXPIRED'
    const created = await enqueueNew(
      prisma,
      unitContactNotices(
        domain.unit,
        expired ? 'domain.expired' : 'renewal.due',
        { unit: domain.unit.name, domain: fullName, deadline: date, days: daysLeft },
        {
          key: `domain.expiry:${domain.id}:${expired ? 'expired' : `d${threshold}`}:${expiresAt.toISOString()}`,
          payload: {
            domainId: domain.id,
            threshold: expired ? 'EXPIRED' : threshold,
            expiresAt: expiresAt.toISOString(),
          },
        },
      ),
    )
    if (created > 0) {
      summary.domains += 1
      if (expired) summary.expired += 1
      else summary[`within${threshold}`] += 1
    }
    summary.notifications += created
  }
  return summary
}
