// The scheduler loop in the API process: every minute it runs each job whose latest slot (Beijing time) has come
// and whose period has not run yet. At start this catches up the latest missed period of each job once (a server
// down at 01:00 runs that day's charge when it comes back). Several API processes may run it: the JobRun claim
// lets one of them run a period. A FAILED period is tried again after retryFailedAfterMs. Each tick also folds the
// 区域统计 counter deltas in (compact_region_statistics() serialises itself), seals the audit rows written since
// the last tick into the hash chain (modules/audit/chain.ts; audit_chain_seal() serialises itself) and deletes the
// rate limits' full buckets (limits/rateLimit.ts), so that table holds only the buckets in use.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { forgetFullBuckets } from '../../limits/rateLimit.ts'
import { sealAuditChain } from '../audit/chain.ts'
import { compactRegionStatistics } from '../statistics/counters.ts'
import { JOBS, runJob, type JobDefinition, type JobOptions } from './registry.ts'
import { isStale } from './runs.ts'
import { latestDueSlot, periodKeyFor } from './schedule.ts'
import { logFor } from '../../observability/log.ts'

export interface SchedulerOptions {
  /** Default one minute. */
  tickMs?: number
  /** Default 30 minutes. */
  retryFailedAfterMs?: number
  /** The clock (tests). */
  now?: () => Date
  jobs?: readonly JobDefinition[]
  jobOptions?: JobOptions
  /** Instead of the process's log (observability/log.ts, component "jobs"): every message as one string (tests). */
  log?: (message: string) => void
}

const wakers = new Set<() => void>()

/** Asks the schedulers of this process to look for due runs now (a run was queued); others see it at their tick. */
export function wakeSchedulers() {
  for (const wake of wakers) wake()
}

/** Which jobs are due at `now`: the latest slot passed and its period not SUCCEEDED, not running, not failed just now. */
export async function dueJobs(
  prisma: PrismaClient,
  now: Date,
  jobs: readonly JobDefinition[] = JOBS,
  retryFailedAfterMs = 30 * 60_000,
) {
  const due: { job: JobDefinition; slot: Date; periodKey: string }[] = []
  for (const job of jobs) {
    const slot = latestDueSlot(job.schedule, now)
    if (!slot) continue
    const periodKey = periodKeyFor(job.schedule, slot)
    const run = await prisma.jobRun.findUnique({ where: { job_periodKey: { job: job.name, periodKey } } })
    if (run?.status === 'SUCCEEDED') continue
    if (run?.status === 'RUNNING' && !isStale(run, job)) continue
    if (run?.status === 'FAILED' && Date.now() - (run.finishedAt ?? run.startedAt).getTime() < retryFailedAfterMs)
      continue
    due.push({ job, slot, periodKey })
  }
  // A job that beats runs one period at a time: while one of its runs goes on (a live heartbeat) nothing else of it
  // starts; otherwise a run that died or was queued by hand (installChecks' 立即运行) is resumed first, the oldest,
  // before its latest scheduled period.
  for (const job of jobs) {
    if (job.heartbeatTimeoutMs === undefined) continue
    const running = await prisma.jobRun.findMany({
      where: { job: job.name, status: 'RUNNING' },
      orderBy: { id: 'asc' },
    })
    const scheduled = due.findIndex((each) => each.job === job)
    const live = running.some((run) => !isStale(run, job))
    const resumable = running.find((run) => isStale(run, job))
    if (live || resumable) {
      if (scheduled >= 0) due.splice(scheduled, 1)
      if (!live) due.push({ job, slot: now, periodKey: resumable!.periodKey })
    }
  }
  return due
}

/** Starts the loop; the returned function stops it and waits for a run in progress. */
export function startScheduler(prisma: PrismaClient, options: SchedulerOptions = {}): () => Promise<void> {
  const tickMs = options.tickMs ?? 60_000
  const clock = options.now ?? (() => new Date())
  const jobsLog = logFor('jobs')
  const log = (level: 'info' | 'error', fields: Record<string, unknown>, message: string) =>
    options.log ? options.log(`[jobs] ${message}`) : jobsLog[level](fields, message)
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> = Promise.resolve()

  /** Runs of long jobs (those that beat) going on in the background while the ticks go on. */
  const background = new Set<Promise<void>>()
  /** Stops the long runs when the scheduler stops (they are left to be resumed). */
  const stopping = new AbortController()
  const runningHere = new Set<string>()

  async function runOne(job: JobDefinition, slot: Date, periodKey: string, now: Date) {
    try {
      // A catch-up of an earlier day acts on that day's slot, so the run records (and charges for) that period.
      const at = periodKey === periodKeyFor(job.schedule, now) ? now : slot
      const { run, alreadyRan } = await runJob(prisma, job, {
        now: at,
        periodKey,
        options: options.jobOptions,
        signal: stopping.signal,
      })
      if (!alreadyRan)
        log(
          run.status === 'FAILED' ? 'error' : 'info',
          { job: job.name, period: periodKey, status: run.status, error: run.error ?? undefined },
          `${job.name} ${periodKey}: ${run.status}${run.error ? ` (${run.error})` : ''}`,
        )
    } catch (error) {
      // CONFLICT: another process is running the period.
      log('info', { job: job.name, period: periodKey }, `${job.name} ${periodKey}: ${(error as Error).message}`)
    }
  }

  async function tick() {
    try {
      const now = clock()
      for (const { job, slot, periodKey } of await dueJobs(prisma, now, options.jobs, options.retryFailedAfterMs)) {
        if (stopped) return
        const key = `${job.name} ${periodKey}`
        if (runningHere.has(key)) continue
        if (job.heartbeatTimeoutMs === undefined) {
          await runOne(job, slot, periodKey, now)
          continue
        }
        // 标识安装检测 takes most of an hour: the other jobs must not wait for it.
        runningHere.add(key)
        const work = runOne(job, slot, periodKey, now).finally(() => {
          runningHere.delete(key)
          background.delete(work)
        })
        background.add(work)
      }
    } catch (error) {
      log('error', {}, `scheduler tick failed: ${(error as Error).message}`)
    }
    // 区域统计: fold the minute's counter deltas into the counters, so readers keep reading a few rows per key.
    if (!stopped) {
      try {
        await compactRegionStatistics(prisma)
      } catch (error) {
        log('error', {}, `compacting the statistics counters failed: ${(error as Error).message}`)
      }
    }
    // 操作日志: link the rows committed since the last tick into the hash chain (at most a minute unsealed).
    if (!stopped) {
      try {
        await sealAuditChain(prisma)
      } catch (error) {
        log('error', {}, `sealing the audit log failed: ${(error as Error).message}`)
      }
      try {
        await forgetFullBuckets(prisma)
      } catch (error) {
        log('error', {}, `deleting full rate-limit buckets failed: ${(error as Error).message}`)
      }
    }
  }

  let ticking = false
  function schedule(delay: number) {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      ticking = true
      current = tick().finally(() => {
        ticking = false
        schedule(wakeAfterTick ? 0 : tickMs)
        wakeAfterTick = false
      })
    }, delay)
    timer.unref?.()
  }
  schedule(0)
  // A run queued by hand (标识安装检测) starts at once in this process instead of at the next tick; asked during a
  // tick, right after it.
  let wakeAfterTick = false
  const wake = () => {
    if (ticking) wakeAfterTick = true
    else schedule(0)
  }
  wakers.add(wake)

  return async () => {
    stopped = true
    stopping.abort()
    wakers.delete(wake)
    if (timer) clearTimeout(timer)
    await current
    await Promise.all(background)
  }
}
