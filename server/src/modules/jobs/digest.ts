// 每日待办: each office's waiting work as one IN_APP notice per staff member, only when there is any. A local
// office's: domain applications and site applications waiting for its first review (初审), paper materials to
// confirm (AWAITING_PAPER) and badge changes/cancellations to review, all of its same-level units. CONAC's:
// domain and site applications waiting for the second review (复审). One notice per staff member and day.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { enqueueNew } from './notices.ts'

interface Counts {
  domains: number
  sites: number
  paper: number
  badgeChanges: number
}

const empty = (): Counts => ({ domains: 0, sites: 0, paper: 0, badgeChanges: 0 })

function describe(counts: Counts, central: boolean): string {
  const parts: string[] = []
  if (counts.domains) parts.push(`域名申请待${central ? '复审' : '审核'} ${counts.domains} 件`)
  if (counts.sites) parts.push(`网站开办申请待${central ? '复审' : '初审'} ${counts.sites} 件`)
  if (counts.paper) parts.push(`书面材料待确认 ${counts.paper} 件`)
  if (counts.badgeChanges) parts.push(`标识变更/注销待审核 ${counts.badgeChanges} 件`)
  return parts.join('，')
}

export async function runOfficeDigest(prisma: PrismaClient, periodKey: string) {
  const byRegion = new Map<string, Counts>()
  const add = (regionCode: string, field: keyof Counts) => {
    const counts = byRegion.get(regionCode) ?? empty()
    counts[field] += 1
    byRegion.set(regionCode, counts)
  }
  const [domains, sites, badgeChanges, conacDomains, conacSites] = await Promise.all([
    prisma.domain.findMany({ where: { status: 'PENDING_OFFICE_REVIEW' }, select: { unit: { select: { regionCode: true } } } }),
    prisma.siteApplication.findMany({ where: { status: { in: ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'] } }, select: { status: true, unit: { select: { regionCode: true } } } }),
    prisma.badgeChangeRequest.findMany({ where: { status: 'PENDING' }, select: { badge: { select: { unit: { select: { regionCode: true } } } } } }),
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
  const drafts = []
  for (const user of staff) {
    const office = user.office!
    const central = office.level === 'CENTRAL'
    const counts = central ? { ...empty(), domains: conacDomains, sites: conacSites } : (byRegion.get(office.regionCode) ?? empty())
    const text = describe(counts, central)
    if (!text) continue
    offices.add(office.regionCode)
    summary.staff += 1
    drafts.push({
      channel: 'IN_APP' as const,
      userId: user.id,
      template: 'office.digest',
      subject: '每日待办提醒',
      body: `截至今日，您所在编办有待办事项：${text}。请登录系统及时处理。`,
      payload: { ...counts },
      dedupeKey: `office.digest:${periodKey}:${user.id}`,
    })
  }
  summary.offices = offices.size
  summary.notifications = await enqueueNew(prisma, drafts)
  return summary
}
