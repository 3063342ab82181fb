// 审核超时提醒: work waiting for the same-level office longer than N working days (REVIEW_ESCALATION_WORKING_DAYS,
// default 5; Beijing working-day calendar with holidays and 调休) is brought to the staff of the next office up
// (IN_APP, and EMAIL where the staff member has an address); after 2N working days to the office above that, and so
// on up to CONAC. The kinds of waiting work:
//   - domain applications in PENDING_OFFICE_REVIEW, counted from submittedAt;
//   - site applications (网站开办申请) in PENDING_OFFICE_REVIEW, counted from submittedAt;
//   - site applications in AWAITING_PAPER (paper materials not confirmed), counted from the CONAC approval: the
//     latest APPROVED ReviewDecision of level CONAC for the application (its updatedAt when there is none);
//   - badge change / cancel requests (标识变更/注销申请) in PENDING, counted from requestedAt.
// Once per item, waiting period (its start instant) and level; each escalation is written to the audit log in the
// same transaction as its notices (the audit rows are what the next run dedupes on).
import { config } from '../../config.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { addWorkingDays, beijingDay } from '../../lib/workdays.ts'
import { anonymous } from '../../viewer.ts'
import { draftsForUsers, type NotificationParams, type NotificationTemplateName } from '../notifications/templates.ts'
import { enqueueNew } from './notices.ts'

export const ESCALATION_ACTION = 'domain.reviewEscalate'
export const SITE_ESCALATION_ACTION = 'siteApplication.reviewEscalate'
export const PAPER_ESCALATION_ACTION = 'siteApplication.paperEscalate'
export const BADGE_CHANGE_ESCALATION_ACTION = 'badgeChange.reviewEscalate'
const SUFFIX_TEXT = { ZHENGWU: '.政务', GONGYI: '.公益' } as const
const CHANGE_KIND_TEXT = { CHANGE: '变更', CANCEL: '注销' } as const

const codesOf = (path: string) => path.split('/').filter(Boolean)

type Kind = 'domains' | 'siteApplications' | 'paper' | 'badgeChanges'

interface KindSpec {
  action: string
  subjectType: string
  /** Prefix of the notification dedupeKeys. */
  keyPrefix: string
  /** Name of the audit `after` field holding the start of the waiting period. */
  sinceField: string
  template: NotificationTemplateName
  /** Payload field naming the item. */
  idField: string
}

const KINDS: Record<Kind, KindSpec> = {
  domains: {
    action: ESCALATION_ACTION,
    subjectType: 'Domain',
    keyPrefix: 'domain.reviewEscalation',
    sinceField: 'submittedAt',
    template: 'review.escalated',
    idField: 'domainId',
  },
  siteApplications: {
    action: SITE_ESCALATION_ACTION,
    subjectType: 'SiteApplication',
    keyPrefix: 'siteApplication.reviewEscalation',
    sinceField: 'submittedAt',
    template: 'review.escalated',
    idField: 'siteApplicationId',
  },
  paper: {
    action: PAPER_ESCALATION_ACTION,
    subjectType: 'SiteApplication',
    keyPrefix: 'siteApplication.paperEscalation',
    sinceField: 'approvedAt',
    template: 'paper.escalated',
    idField: 'siteApplicationId',
  },
  badgeChanges: {
    action: BADGE_CHANGE_ESCALATION_ACTION,
    subjectType: 'BadgeChangeRequest',
    keyPrefix: 'badgeChange.reviewEscalation',
    sinceField: 'requestedAt',
    template: 'review.escalated',
    idField: 'badgeChangeId',
  },
}

interface Waiting {
  kind: Kind
  id: number
  /** Start of the waiting period. */
  since: Date
  unitRegionCode: string
  regionPath: string
  /** Template params naming the item (the office, days and deadline are added here). */
  params: NotificationParams
}

export type ReviewEscalationSummary = {
  /** Items overdue at least one level (all kinds). */
  waiting: number
  /** Escalations written by this run (all kinds). */
  escalations: number
  notifications: number
  domains: number
  siteApplications: number
  paper: number
  badgeChanges: number
}

async function waitingItems(prisma: PrismaClient): Promise<Waiting[]> {
  const unitSelect = { select: { name: true, regionCode: true, region: { select: { path: true } } } } as const
  const [domains, sites, paper, changes] = await Promise.all([
    prisma.domain.findMany({
      where: { status: 'PENDING_OFFICE_REVIEW' },
      select: { id: true, name: true, suffix: true, submittedAt: true, unit: unitSelect },
      orderBy: { id: 'asc' },
    }),
    prisma.siteApplication.findMany({
      where: { status: 'PENDING_OFFICE_REVIEW', submittedAt: { not: null } },
      select: { id: true, siteName: true, serialNumber: true, submittedAt: true, unit: unitSelect },
      orderBy: { id: 'asc' },
    }),
    prisma.siteApplication.findMany({
      where: { status: 'AWAITING_PAPER' },
      select: {
        id: true,
        siteName: true,
        serialNumber: true,
        updatedAt: true,
        unit: unitSelect,
        reviewDecisions: {
          where: { level: 'CONAC', result: 'APPROVED' },
          select: { decidedAt: true },
          orderBy: { decidedAt: 'desc' },
          take: 1,
        },
      },
      orderBy: { id: 'asc' },
    }),
    prisma.badgeChangeRequest.findMany({
      where: { status: 'PENDING' },
      select: {
        id: true,
        kind: true,
        requestedAt: true,
        badge: { select: { badgeNumber: true, siteName: true, unit: unitSelect } },
      },
      orderBy: { id: 'asc' },
    }),
  ])
  const items: Waiting[] = []
  for (const d of domains) {
    items.push({
      kind: 'domains',
      id: d.id,
      since: d.submittedAt,
      unitRegionCode: d.unit.regionCode,
      regionPath: d.unit.region.path,
      params: { unit: d.unit.name, what: '域名申请', domain: d.name + SUFFIX_TEXT[d.suffix] },
    })
  }
  for (const s of sites) {
    items.push({
      kind: 'siteApplications',
      id: s.id,
      since: s.submittedAt!,
      unitRegionCode: s.unit.regionCode,
      regionPath: s.unit.region.path,
      params: { unit: s.unit.name, what: '网站开办申请', site: s.siteName, serialNumber: s.serialNumber },
    })
  }
  for (const s of paper) {
    const since = s.reviewDecisions[0]?.decidedAt ?? s.updatedAt
    items.push({
      kind: 'paper',
      id: s.id,
      since,
      unitRegionCode: s.unit.regionCode,
      regionPath: s.unit.region.path,
      params: { unit: s.unit.name, what: '网站开办申请书面材料', site: s.siteName, serialNumber: s.serialNumber },
    })
  }
  for (const c of changes) {
    const unit = c.badge.unit
    items.push({
      kind: 'badgeChanges',
      id: c.id,
      since: c.requestedAt,
      unitRegionCode: unit.regionCode,
      regionPath: unit.region.path,
      params: {
        unit: unit.name,
        what: `标识${CHANGE_KIND_TEXT[c.kind]}申请`,
        kind: CHANGE_KIND_TEXT[c.kind],
        site: c.badge.siteName,
        badgeNumber: c.badge.badgeNumber,
      },
    })
  }
  return items
}

export async function runReviewEscalation(
  prisma: PrismaClient,
  now: Date,
  options: { workingDays?: number } = {},
): Promise<ReviewEscalationSummary> {
  const workingDays = options.workingDays ?? config.jobs.reviewEscalationWorkingDays
  const summary: ReviewEscalationSummary = {
    waiting: 0,
    escalations: 0,
    notifications: 0,
    domains: 0,
    siteApplications: 0,
    paper: 0,
    badgeChanges: 0,
  }
  if (!Number.isInteger(workingDays) || workingDays < 1) return summary
  const pending = await waitingItems(prisma)
  // Levels due per item: the k-th office above the same-level office after k*N working days.
  const due: { item: Waiting; level: number; officeRegionCode: string; days: number }[] = []
  for (const item of pending) {
    const codes = codesOf(item.regionPath)
    for (let level = 1; level < codes.length; level += 1) {
      const days = level * workingDays
      if (now.getTime() <= addWorkingDays(item.since, days).getTime()) break
      due.push({ item, level, officeRegionCode: codes[codes.length - 1 - level]!, days })
    }
  }
  summary.waiting = new Set(due.map(({ item }) => `${item.kind}:${item.id}`)).size
  if (!due.length) return summary

  const done = new Set<string>()
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const ids = [...new Set(due.filter(({ item }) => item.kind === kind).map(({ item }) => String(item.id)))]
    if (!ids.length) continue
    const spec = KINDS[kind]
    const previous = await prisma.auditLog.findMany({
      where: { action: spec.action, subjectType: spec.subjectType, subjectId: { in: ids } },
      select: { subjectId: true, after: true },
    })
    for (const row of previous) {
      const after = (row.after ?? {}) as Record<string, unknown>
      done.add(`${kind}:${row.subjectId}:${String(after[spec.sinceField])}:${String(after.level)}`)
    }
  }
  const regionCodes = [...new Set(due.flatMap(({ item, officeRegionCode }) => [officeRegionCode, item.unitRegionCode]))]
  const offices = await prisma.office.findMany({
    where: { regionCode: { in: regionCodes } },
    select: {
      id: true,
      name: true,
      regionCode: true,
      users: {
        where: { status: 'ACTIVE' },
        select: { id: true, email: true, officeRoles: true },
        orderBy: { id: 'asc' },
      },
    },
  })
  const officeByRegion = new Map(offices.map((office) => [office.regionCode, office]))

  for (const { item, level, officeRegionCode, days } of due) {
    const spec = KINDS[item.kind]
    const since = item.since.toISOString()
    if (done.has(`${item.kind}:${item.id}:${since}:${level}`)) continue
    const target = officeByRegion.get(officeRegionCode)
    if (!target) continue
    const sameLevel = officeByRegion.get(item.unitRegionCode)
    const params: NotificationParams = {
      ...item.params,
      office: sameLevel?.name ?? '同级编办',
      days,
      deadline: beijingDay(addWorkingDays(item.since, workingDays)),
    }
    const payload = { [spec.idField]: item.id, level, officeId: target.id, workingDays: days }
    const key = `${spec.keyPrefix}:${item.id}:${item.since.getTime()}:${level}`
    // Reviews are the 审核员's work: the office's 财务 and 管理员 are not told of them. (The role is filtered here
    // rather than in SQL: an enum-array "has" filter fails on the embedded database's adapter.)
    const recipients = target.users
      .filter((user) => user.officeRoles.includes('REVIEWER'))
      .map((user) => ({ id: user.id, email: user.email?.trim() || null }))
    await prisma.$transaction(async (tx) => {
      await writeAudit(
        tx,
        { viewer: anonymous, ip: null },
        {
          action: spec.action,
          subjectType: spec.subjectType,
          subjectId: item.id,
          regionPath: item.regionPath,
          after: {
            level,
            [spec.sinceField]: since,
            escalatedToOfficeId: target.id,
            escalatedToOffice: target.name,
            workingDays: days,
            notifiedUserIds: recipients.map((u) => u.id),
          },
        },
      )
      summary.notifications += await enqueueNew(
        tx,
        draftsForUsers(recipients, spec.template, params, { key, payload, channels: ['IN_APP', 'EMAIL'] }),
      )
    })
    summary.escalations += 1
    summary[item.kind] += 1
  }
  return summary
}
