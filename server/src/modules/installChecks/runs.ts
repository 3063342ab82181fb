// 标识安装检测, the run itself: whether each ACTIVE self-built site shows its badge snippet before </body>. A run is
// a JobRun of the job installChecks (the daily one, or one CONAC or the CLI starts: manualRun.ts). It
// - reads the badges that are due in batches, site by site (sites.ts): never the whole list in memory;
// - fetches each site once however many badges point to it, at most `concurrency` requests at a time and at most
//   `perAddress` to one resolved address (politeness.ts), started at most `maxSitesPerSecond` a second;
// - writes the results in batches (recorder.ts): a BadgeInstallCheck row per badge with the run's id, the latest
//   result on the badge (installedAt the first time the snippet is found, never cleared), and the progress
//   (checked / total, found, missing, failed, ETA) and heartbeat on the JobRun, all in one statement;
// - resumes where it stopped when it is run again after a crash: a badge recorded in this run is not due any more.
// One site's failure never stops the others. A unit or its offices check one badge now through
// commands/check-badge-installation.ts, which records through checkAndRecord below.
import type { JobRun, Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { config } from '../../config.ts'
import { connectAddress, systemResolve, type OutboundOptions } from '../../lib/outbound/guardedFetch.ts'
import { logFor } from '../../observability/log.ts'
import { RunInterrupted } from '../jobs/runs.ts'
import { checkSite, DETAIL, fetchSite, outcomeFor, type CheckOutcome, type SitePage } from './fetch.ts'
import { AddressLimiter, type Limits } from './politeness.ts'
import { ResultRecorder, retryingWhileAway, type RunProgress } from './recorder.ts'
import { countDueBadges, dueSiteBatches, type DueSite } from './sites.ts'

const log = logFor('installChecks')

export interface InstallCheckOptions {
  /** Test seams for name resolution and the TCP dial (the address checks still run); never from configuration. */
  outbound?: OutboundOptions
  /** Per site, redirects included. Default config (10 s). */
  timeoutMs?: number
  /** The time recorded for the checks. Default the current time. */
  now?: () => Date
  /** Default config: 256 in all, 2 per address. */
  limits?: Partial<Limits>
  /** Sites started per second at most; 0: no limit. Default config. */
  maxSitesPerSecond?: number
  /** Days before a badge found installed is checked again. Default config. */
  recheckInstalledDays?: number
  /** Badges read per query; results written per statement; the longest a result waits to be written. */
  readBatch?: number
  writeBatch?: number
  writeIntervalMs?: number
  /** Called after each batch is recorded (tests, the CLI's progress line). */
  onProgress?: (progress: RunProgress) => void
  /** Aborted: no new site is started; what was checked is recorded and RunInterrupted is thrown. */
  signal?: AbortSignal
}

export interface InstallCheckRunSummary {
  /** The JobRun of the run. */
  runId: number
  /** Badges checked. */
  checked: number
  /** The snippet was found before </body>. */
  found: number
  /** The site answered, but without the snippet (or with an HTTP error, or a redirect elsewhere). */
  missing: number
  /** No usable page: timeout, connection refused, DNS or TLS failure, a page over the size limit, a redirect loop. */
  failed: number
  startedAt: Date
  finishedAt: Date
}

export type CheckableBadge = { id: number; badgeNumber: string; englishDomain: string }

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

/** Fetches one site and records the outcome of one badge (立即检测). Never throws for the site's faults. */
export async function checkAndRecord(
  prisma: PrismaClient,
  badge: CheckableBadge,
  options: InstallCheckOptions,
): Promise<CheckOutcome> {
  const outcome = await checkSite(badge.englishDomain, badge.badgeNumber, {
    outbound: options.outbound,
    timeoutMs: options.timeoutMs ?? config.installChecks.timeoutMs,
  })
  const checkedAt = options.now?.() ?? new Date()
  await prisma.$transaction(async (tx) => {
    await tx.badgeInstallCheck.create({
      data: {
        badgeId: badge.id,
        url: outcome.url.slice(0, 512),
        checkedAt,
        httpStatus: outcome.httpStatus,
        snippetFound: outcome.snippetFound,
        failed: outcome.failed,
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

/** Sites that may wait at once for a slot of their address (a few MB), beside those being fetched. */
export const MAX_WAITING = 10_000

/**
 * Spaces the starts of site fetches `1 / perSecond` apart on average (0: no spacing). A timer that fires late (a busy
 * machine) is made up for by starting the next ones at once, up to a second's worth, so the pace holds.
 */
function startPacer(perSecond: number): () => Promise<void> {
  if (!(perSecond > 0)) return async () => {}
  const gapMs = 1000 / perSecond
  let nextAt = 0
  return async () => {
    const now = performance.now()
    const at = Math.max(nextAt, now - 1000)
    nextAt = at + gapMs
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }
}

/**
 * Carries out (or resumes) the run `run`, a RUNNING JobRun this process holds. Returns when every due badge is
 * recorded; throws only when the results cannot be written (the database is gone for longer than the recorder
 * waits), leaving what was recorded in place for the next try to resume from.
 */
export async function carryOutRun(
  prisma: PrismaClient,
  run: Pick<JobRun, 'id' | 'startedAt' | 'result'>,
  options: InstallCheckOptions = {},
): Promise<RunProgress> {
  const settings = config.installChecks
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs
  const limiter = new AddressLimiter({
    global: options.limits?.global ?? settings.concurrency,
    perAddress: options.limits?.perAddress ?? settings.perAddress,
  })
  const pace = startPacer(options.maxSitesPerSecond ?? settings.maxSitesPerSecond)
  const recheckDays = options.recheckInstalledDays ?? settings.recheckInstalledDays
  const installedCheckedBefore = new Date(run.startedAt.getTime() - recheckDays * 86_400_000)
  const resolve = options.outbound?.resolve ?? systemResolve
  const clock = options.now ?? (() => new Date())

  const previous = (run.result ?? {}) as Partial<RunProgress>
  const recorder = new ResultRecorder(prisma, run.id, {
    batch: options.writeBatch,
    intervalMs: options.writeIntervalMs,
    onProgress: options.onProgress,
  })
  // A fresh run counts what it will do; a resumed one keeps its total and counts on from what it recorded.
  if (typeof previous.total !== 'number') {
    const due = await retryingWhileAway('counting the badges due', () =>
      countDueBadges(prisma, run.id, installedCheckedBefore),
    )
    await recorder.start({ total: due.badges, sites: due.sites })
  } else {
    await recorder.start(null)
  }

  /**
   * One site: resolve, wait for a slot for its address, fetch once, record each of its badges. A site still waiting
   * for its slot when the run is stopped is not fetched: nothing is recorded, its badges stay due for the resume.
   */
  async function checkOneSite(site: DueSite): Promise<void> {
    let page: SitePage
    if (options.signal?.aborted) return
    try {
      // Resolved here once so the slot is taken for the address the request will connect to; the fetch is given
      // the same answers (its own checks of them still run). A name that does not resolve is left to the fetch,
      // which reports it as it does any other (DNS failure or timeout).
      let addresses: string[] | null = null
      try {
        addresses = await withTimeout(resolve(site.domain), timeoutMs)
      } catch {}
      if (addresses?.length) {
        const answers = addresses
        waiting += 1
        const release = await limiter.acquire(connectAddress(answers)).finally(() => {
          waiting -= 1
          slotFreed?.()
          slotFreed = null
        })
        try {
          if (options.signal?.aborted) return
          page = await fetchSite(site.domain, {
            timeoutMs,
            outbound: {
              ...options.outbound,
              resolve: (name) => (sameName(name, site.domain) ? Promise.resolve(answers) : resolve(name)),
            },
          })
        } finally {
          release()
        }
      } else {
        page = await fetchSite(site.domain, { timeoutMs, outbound: options.outbound })
      }
    } catch (error) {
      // fetchSite does not throw; this guard keeps one odd site from stopping a run. The message is for the log:
      // a unit is never shown an internal error.
      log.error({ err: error, domain: site.domain }, 'install check of a site failed unexpectedly')
      page = { url: `http://${site.domain}/`, httpStatus: null, failed: true, html: null, detail: DETAIL.error }
    }
    const checkedAt = clock()
    // Each badge with its domain as it was read: the site groups them case-insensitively, and a badge is updated
    // only while its own domain is unchanged.
    for (const badge of site.badges)
      await recorder.add({
        badge,
        domain: badge.englishDomain,
        checkedAt,
        outcome: outcomeFor(page, badge.badgeNumber),
      })
  }

  // The sites in flight are bounded, so memory stays flat however many sites there are: those being fetched (or
  // resolved) by the global limit, and those waiting for a slot of their address by MAX_WAITING. The two are counted
  // apart so that the sites of one busy address (a hosting server with many slow sites) wait without holding up
  // the sites of every other address.
  const maxActive = Math.max(limiter.limits.global * 2, 64)
  const inFlight = new Set<Promise<void>>()
  let waiting = 0
  /** Wakes the reader when a site ends (one waiter at most: the reader). */
  let slotFreed: (() => void) | null = null
  try {
    try {
      reading: for await (const batch of dueSiteBatches(prisma, run.id, installedCheckedBefore, options.readBatch)) {
        for (const site of batch) {
          while (inFlight.size - waiting >= maxActive || waiting >= MAX_WAITING)
            await new Promise<void>((resolve) => (slotFreed = resolve))
          recorder.throwIfFailed()
          await pace()
          if (options.signal?.aborted) break reading
          const task: Promise<void> = checkOneSite(site).finally(() => {
            inFlight.delete(task)
            slotFreed?.()
            slotFreed = null
          })
          // A site's task fails only when the recorder has failed for good, which the loop checks (throwIfFailed).
          task.catch(() => {})
          inFlight.add(task)
        }
      }
    } finally {
      // Whatever happened, the sites already fetched are recorded (if the database is gone, left to the resume).
      await Promise.allSettled(inFlight)
    }
    const progress = await recorder.finish()
    if (options.signal?.aborted) throw new RunInterrupted()
    return progress
  } finally {
    recorder.close()
  }
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '')

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work,
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('timeout')), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

export const summaryOf = (run: Pick<JobRun, 'id' | 'startedAt'>, progress: RunProgress, finishedAt: Date) => ({
  runId: run.id,
  checked: progress.checked,
  found: progress.found,
  missing: progress.missing,
  failed: progress.failed,
  startedAt: run.startedAt,
  finishedAt,
})
