// 审核超时提醒: a domain application waiting for its same-level office (PENDING_OFFICE_REVIEW) longer than N working
// days (REVIEW_ESCALATION_WORKING_DAYS, default 5; Beijing working-day calendar with holidays and 调休) is brought to
// the staff of the next office up (IN_APP, and EMAIL where the staff member has an address); after 2N working days
// to the office above that, and so on up to CONAC. Once per application, submission and level; each escalation
// is written to the audit log in the same transaction as its notices.
import { config } from '../../config.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { addWorkingDays, beijingDay } from '../../lib/workdays.ts'
import { anonymous } from '../../viewer.ts'
import { renderNotification } from '../notifications/templates.ts'
import { enqueueNew } from './notices.ts'

export const ESCALATION_ACTION = 'domain.reviewEscalate'
const SUFFIX_TEXT = { ZHENGWU: '.政务', GONGYI: '.公益' } as const

const codesOf = (path: string) => path.split('/').filter(Boolean)

export async function runReviewEscalation(prisma: PrismaClient, now: Date, options: { workingDays?: number } = {}) {
  const workingDays = options.workingDays ?? config.jobs.reviewEscalationWorkingDays
  const summary = { waiting: 0, escalations: 0, notifications: 0 }
  if (!Number.isInteger(workingDays) || workingDays < 1) return summary
  const pending = await prisma.domain.findMany({
    where: { status: 'PENDING_OFFICE_REVIEW' },
    select: { id: true, name: true, suffix: true, submittedAt: true, unit: { select: { name: true, regionCode: true, region: { select: { path: true } } } } },
    orderBy: { id: 'asc' },
  })
  // Levels due per domain: the k-th office above the same-level office after k*N working days.
  const due: { domain: (typeof pending)[number]; level: number; officeRegionCode: string; days: number }[] = []
  for (const domain of pending) {
    const codes = codesOf(domain.unit.region.path)
    for (let level = 1; level < codes.length; level += 1) {
      const days = level * workingDays
      if (now.getTime() <= addWorkingDays(domain.submittedAt, days).getTime()) break
      due.push({ domain, level, officeRegionCode: codes[codes.length - 1 - level]!, days })
    }
  }
  summary.waiting = new Set(due.map((item) => item.domain.id)).size
  if (!due.length) return summary

  const done = new Set<string>()
  const previous = await prisma.auditLog.findMany({
    where: { action: ESCALATION_ACTION, subjectType: 'Domain', subjectId: { in: [...new Set(due.map((item) => String(item.domain.id)))] } },
    select: { subjectId: true, after: true },
  })
  for (const row of previous) {
    const after = (row.after ?? {}) as { level?: number; submittedAt?: string }
    done.add(`${row.subjectId}:${after.submittedAt}:${after.level}`)
  }
  const regionCodes = [...new Set(due.flatMap((item) => [item.officeRegionCode, item.domain.unit.regionCode]))]
  const offices = await prisma.office.findMany({
    where: { regionCode: { in: regionCodes } },
    select: { id: true, name: true, regionCode: true, users: { where: { status: 'ACTIVE' }, select: { id: true, email: true } } },
  })
  const officeByRegion = new Map(offices.map((office) => [office.regionCode, office]))

  for (const item of due) {
    const { domain, level } = item
    const submittedAt = domain.submittedAt.toISOString()
    if (done.has(`${domain.id}:${submittedAt}:${level}`)) continue
    const target = officeByRegion.get(item.officeRegionCode)
    if (!target) continue
    const sameLevel = officeByRegion.get(domain.unit.regionCode)
    const fullName = domain.name + SUFFIX_TEXT[domain.suffix]
    const { subject, body } = renderNotification('review.escalated', {
      unit: domain.unit.name,
      what: '域名申请',
      domain: fullName,
      office: sameLevel?.name ?? '同级编办',
      days: item.days,
      deadline: beijingDay(addWorkingDays(domain.submittedAt, workingDays)),
    })
    const payload = { domainId: domain.id, level, officeId: target.id, workingDays: item.days }
    const key = `domain.reviewEscalation:${domain.id}:${domain.submittedAt.getTime()}:${level}`
    await prisma.$transaction(async (tx) => {
      await writeAudit(tx, { viewer: anonymous, ip: null }, {
        action: ESCALATION_ACTION,
        subjectType: 'Domain',
        subjectId: domain.id,
        regionPath: domain.unit.region.path,
        after: { level, submittedAt, escalatedToOfficeId: target.id, escalatedToOffice: target.name, workingDays: item.days, notifiedUserIds: target.users.map((u) => u.id) },
      })
      summary.notifications += await enqueueNew(tx, [
        ...target.users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template: 'review.escalated', subject, body, payload, dedupeKey: `${key}:IN_APP:${user.id}` })),
        ...target.users
          .filter((user) => user.email?.trim())
          .map((user) => ({ channel: 'EMAIL' as const, address: user.email!.trim(), template: 'review.escalated', subject, body, payload, dedupeKey: `${key}:EMAIL:${user.id}` })),
      ])
    })
    summary.escalations += 1
  }
  return summary
}
