// 每日待办: each office's waiting work as one IN_APP notice per staff member, only when there is any. A local
// office's: domain applications and site applications waiting for its first review (初审), paper materials to
// confirm (AWAITING_PAPER) and badge changes/cancellations to review, all of its same-level units. CONAC's:
// domain and site applications waiting for the second review (复审). One notice per staff member and day.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { NotificationDraft } from '../../lib/outbox.ts'
import { renderNotification } from '../notifications/templates.ts'
import { enqueueNew } from './notices.ts'

interface Counts {
  domains: number
  sites: number
  paper: number
  badgeChanges: number
}

const empty = (): Counts => ({ domains: 0, sites: 0, paper: 0, badgeChanges: 0 })

export async function runOfficeDigest(prisma: PrismaClient, periodKey: string) {
  const byRegion = new Map<string, Counts>()
  const add = (regionCode: string, field: keyof Counts) => {
    const counts = byRegion.get(regionCode) ?? empty()
    counts[field] += 1
    byRegion.set(regionCode, counts)
  }
  const [domains, sites, badgeChanges, conacDomains, conacSites] = await Promise.all([
    prisma.domain.findMany({
      where: { status: 'PENDING_OFFICE_REVIEW' },
      select: { unit: { select: { regionCode: true } } },
    }),
    prisma.siteApplication.findMany({
      where: { status: { in: ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'] } },
      select: { status: true, unit: { select: { regionCode: true } } },
    }),
    prisma.badgeChangeRequest.findMany({
      where: { status: 'PENDING' },
      select: { badge: { select: { unit: { select: { regionCode: true } } } } },
    }),
    prisma.domain.count({ where: { status: 'OFFICE_APPROVED' } }),
    prisma.siteApplication.count({ where: { status: 'PENDING_CONAC_REVIEW' } }),
  ])
  for (const row of domains) add(row.unit.regionCode, 'domains')
  for (const row of sites) add(row.unit.regionCode, row.status === 'AWAITING_PAPER' ? 'paper' : 'sites')
  for (const row of badgeChanges) add(row.badge.unit.regionCode, 'badgeChanges')

  const staff = await prisma.user.findMany({
    where: { status: 'ACTIVE', role: { in: ['OFFICE_STAFF', 'CONAC_STAFF'] }, officeId: { not: null } },
    select: { id: true, office: { select: { level: true, regionCode: true } } },
    orderBy: { id: 'asc' },
  })
  const summary = { offices: 0, staff: 0, notifications: 0 }
  const offices = new Set<string>()
  const drafts: (NotificationDraft & { dedupeKey: string })[] = []
  for (const user of staff) {
    const office = user.office!
    const central = office.level === 'CENTRAL'
    const counts = central
      ? { ...empty(), domains: conacDomains, sites: conacSites }
      : (byRegion.get(office.regionCode) ?? empty())
    if (!counts.domains && !counts.sites && !counts.paper && !counts.badgeChanges) continue
    offices.add(office.regionCode)
    summary.staff += 1
    const { subject, body } = renderNotification('office.digest', {
      waitingDomains: counts.domains,
      waitingSites: counts.sites,
      waitingPaper: counts.paper,
      waitingBadgeChanges: counts.badgeChanges,
      secondReview: central,
    })
    // One per staff member and day (the key is the day's, not draftsForUsers' per-event key).
    const dedupeKey = `office.digest:${periodKey}:${user.id}`
    drafts.push({
      channel: 'IN_APP',
      userId: user.id,
      template: 'office.digest',
      subject,
      body,
      payload: { ...counts },
      dedupeKey,
    })
  }
  summary.offices = offices.size
  summary.notifications = await enqueueNew(prisma, drafts)
  return summary
}
