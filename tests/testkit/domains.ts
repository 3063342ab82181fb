// Helpers for the domain application and review tests: ids of the demo units and offices, and row counts.
import type { TestApp } from './app.ts'

export async function demoUnitId(t: TestApp, name: string): Promise<number> {
  const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { name } })
  return unit.id
}

/** The region code of a demo office by its staff login. */
export async function officeOfLogin(t: TestApp, username: string) {
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username }, include: { office: true } })
  return user.office!
}

/** What a domain's review left behind: its decisions, audit rows and notifications. */
export async function reviewTrail(t: TestApp, domainId: number) {
  const prisma = t.db.prisma
  const decisions = await prisma.reviewDecision.findMany({ where: { domainId }, orderBy: { id: 'asc' } })
  const audits = await prisma.auditLog.findMany({
    where: { subjectType: 'Domain', subjectId: String(domainId) },
    orderBy: { id: 'asc' },
  })
  const notifications = await prisma.notification.findMany({
    where: { OR: decisions.map((decision) => ({ dedupeKey: { startsWith: `domain-review:${decision.id}:` } })) },
    orderBy: { id: 'asc' },
  })
  return { decisions, audits, notifications: decisions.length ? notifications : [] }
}

/** A name no test has used yet. */
let counter = 0
export function freshName(prefix = '测试申请'): string {
  counter += 1
  return `${prefix}${Date.now().toString(36)}${counter}`
}
