// 标识安装检测, the run itself: whether each ACTIVE self-built site shows its badge snippet before </body>. A run
// checks every such badge (at most 4 at a time; one site's failure never stops the others), records a
// BadgeInstallCheck row per site and the latest result on the badge (installedAt the first time the snippet is found,
// never cleared). CONAC starts one (commands/run-install-checks.ts), so do the daily job and the CLI (run.ts); a
// unit or its offices check one badge now through commands/check-badge-installation.ts, which records the same way.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import type { Viewer } from '../../viewer.ts'
import type { OutboundOptions } from '../../lib/outbound/guardedFetch.ts'
import { checkSite, DETAIL, type CheckOutcome } from './fetch.ts'

export interface InstallCheckOptions {
  /** Test seams for name resolution and the TCP dial (the address checks still run); never from configuration. */
  outbound?: OutboundOptions
  /** Per site, redirects included. Default 10 s. */
  timeoutMs?: number
  /** The time recorded for the checks. Default the current time. */
  now?: () => Date
}

export interface InstallCheckRunSummary {
  /** Sites checked. */
  checked: number
  /** The snippet was found before </body>. */
  found: number
  /** The site answered, but without the snippet (or with an HTTP error, or a redirect elsewhere). */
  missing: number
  /** No answer at all: timeout, connection refused, DNS or TLS failure. */
  failed: number
  startedAt: Date
  finishedAt: Date
}

/** Sites checked at the same time in a run. */
export const RUN_CONCURRENCY = 4
type Actor = { viewer: Viewer; ip: string | null }
export type CheckableBadge = { id: number; badgeNumber: string; englishDomain: string }

/** Badges a run checks: ACTIVE, on a self-built site with an English domain. */
export const checkableWhere: Prisma.BadgeWhereInput = {
  status: 'ACTIVE',
  placement: 'SELF_BUILT',
  englishDomain: { not: null },
}

/** Overdue: ACTIVE self-built, past its deadline, never found installed. */
export function overdueWhere(now: Date): Prisma.BadgeWhereInput {
  return { status: 'ACTIVE', placement: 'SELF_BUILT', installedAt: null, installDeadline: { lt: now } }
}

export function isInstallOverdue(
  badge: { status: string; placement: string; installDeadline: Date; installedAt: Date | null },
  now = new Date(),
): boolean {
  return (
    badge.status === 'ACTIVE' &&
    badge.placement === 'SELF_BUILT' &&
    badge.installedAt === null &&
    now.getTime() > badge.installDeadline.getTime()
  )
}

/** Fetches one site and records the outcome. Never throws for the site's faults. */
export async function checkAndRecord(
  prisma: PrismaClient,
  badge: CheckableBadge,
  options: InstallCheckOptions,
): Promise<CheckOutcome> {
  let outcome: CheckOutcome
  try {
    outcome = await checkSite(badge.englishDomain, badge.badgeNumber, {
      outbound: options.outbound,
      timeoutMs: options.timeoutMs,
    })
  } catch (error) {
    // checkSite does not throw; this is a guard so one odd site cannot stop a run. The message is for the log
    // only: a unit is never shown an internal error.
    console.error(`[install-checks] badge ${badge.id}: ${(error as Error)?.message ?? error}`)
    outcome = {
      url: `http://${badge.englishDomain}/`,
      httpStatus: null,
      snippetFound: false,
      detail: DETAIL.error,
      failed: true,
    }
  }
  const checkedAt = options.now?.() ?? new Date()
  await prisma.$transaction(async (tx) => {
    await tx.badgeInstallCheck.create({
      data: {
        badgeId: badge.id,
        url: outcome.url.slice(0, 512),
        checkedAt,
        httpStatus: outcome.httpStatus,
        snippetFound: outcome.snippetFound,
        detail: outcome.detail.slice(0, 500),
      },
    })
    // Only while the badge still points at the domain that was checked (a change or cancellation may have
    // been approved meanwhile). Not a state transition: the version is left alone.
    const current = {
      id: badge.id,
      status: 'ACTIVE' as const,
      placement: 'SELF_BUILT' as const,
      englishDomain: badge.englishDomain,
    }
    await tx.badge.updateMany({
      where: current,
      data: { lastCheckedAt: checkedAt, lastCheckFound: outcome.snippetFound },
    })
    if (outcome.snippetFound)
      await tx.badge.updateMany({ where: { ...current, installedAt: null }, data: { installedAt: checkedAt } })
  })
  return outcome
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** One run over every checkable badge. The caller checks who may start it (CONAC, or the CLI). */
export async function runInstallChecks(
  prisma: PrismaClient,
  actor: Actor,
  options: InstallCheckOptions = {},
): Promise<InstallCheckRunSummary> {
  const startedAt = options.now?.() ?? new Date()
  const badges = (await prisma.badge.findMany({
    where: checkableWhere,
    select: { id: true, badgeNumber: true, englishDomain: true },
    orderBy: { id: 'asc' },
  })) as CheckableBadge[]
  const summary = { checked: 0, found: 0, missing: 0, failed: 0 }
  await eachLimited(badges, RUN_CONCURRENCY, async (badge) => {
    let outcome: CheckOutcome
    try {
      outcome = await checkAndRecord(prisma, badge, options)
    } catch (error) {
      // Recording failed (the database, not the site): count it and go on with the others.
      console.error(`[install-checks] badge ${badge.id}: ${(error as Error)?.message ?? error}`)
      summary.checked += 1
      summary.failed += 1
      return
    }
    summary.checked += 1
    if (outcome.snippetFound) summary.found += 1
    else if (outcome.failed) summary.failed += 1
    else summary.missing += 1
  })
  const finishedAt = options.now?.() ?? new Date()
  await writeAudit(prisma, actor, {
    action: 'badge.installCheck.run',
    subjectType: 'InstallCheckRun',
    after: { ...summary, startedAt, finishedAt },
  })
  return { ...summary, startedAt, finishedAt }
}
