// The scheduled jobs: name, Chinese title, schedule (Beijing time), period and what a run does. runJob runs one
// period of one job at most once (JobRun claim in runs.ts; the daily charge keeps its own JobRun handling).
import { GraphQLError } from 'graphql'
import type { JobRun, Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { config } from '../../config.ts'
import { anonymous, type Viewer } from '../../viewer.ts'
import { DAILY_CHARGE_JOB, DAILY_CHARGE_SCHEDULE, runDailyCharge } from '../fees/dailyCharge.ts'
import { INSTALL_CHECK_JOB, INSTALL_CHECK_STALENESS, INSTALL_CHECK_TITLE } from '../installChecks/manualRun.ts'
import { finalCounts } from '../installChecks/recorder.ts'
import { carryOutRun, type InstallCheckOptions } from '../installChecks/runs.ts'
import { runDomainLifecycle } from '../lifecycle/advance.ts'
import { inviteImportedAccounts } from '../migration/claim/invite.ts'
import { reserveMissingVariants } from '../domainNames/backfill.ts'
import type { SmsBudget } from '../verification/budget.ts'
import { runOfficeDigest } from './digest.ts'
import { runReviewEscalation } from './escalation.ts'
import { notifyOverdueInstallations } from './installNotices.ts'
import { runExpiryReminders } from './reminders.ts'
import { claimJobRun, finishJobRun, RunInterrupted } from './runs.ts'
import { periodKeyFor, type Schedule } from './schedule.ts'
import { logFor } from '../../observability/log.ts'
import { jobRunDuration, jobRuns } from '../../observability/metrics.ts'

export interface JobOptions {
  /** Working days an application may wait for its same-level office (default config.jobs.reviewEscalationWorkingDays). */
  reviewEscalationWorkingDays?: number
  installChecks?: InstallCheckOptions
  /** 迁移账号认领通知: accounts per run (default config) and the SMS budget (tests). */
  claimInvites?: { perRun?: number; smsBudget?: SmsBudget }
  /** 简繁变体补留: domains per run and per transaction (default config; tests use small ones). */
  variantBackfill?: { domainsPerRun?: number; chunk?: number }
}

export interface JobRunContext {
  prisma: PrismaClient
  /** The JobRun this process claimed (undefined for a job with its own JobRun handling). */
  run?: JobRun
  /** The time the run acts on (injectable for tests). */
  now: Date
  periodKey: string
  actor: { viewer: Viewer; ip: string | null }
  options: JobOptions
  /** Aborted when the process stops: a long job stops taking work and throws RunInterrupted. */
  signal?: AbortSignal
}

type Summary = Record<string, number | string>

export interface JobDefinition {
  name: string
  title: string
  schedule: Schedule
  /** A RUNNING row older than this is taken to have died with its process. */
  timeoutMs: number
  /**
   * A long job that writes JobRun.heartbeatAt as it goes: its RUNNING row is dead once the beat is older than this
   * (instead of timeoutMs), and the scheduler resumes such a row of any period (a run CONAC started by hand too).
   */
  heartbeatTimeoutMs?: number
  /** Runs the period with its own JobRun handling (the daily charge); else `run` is wrapped by claimJobRun. */
  runOwn?: (ctx: JobRunContext) => Promise<JobRun>
  run?: (ctx: JobRunContext) => Promise<Summary>
}

const MINUTES = 60_000

export const JOBS: readonly JobDefinition[] = [
  {
    name: DAILY_CHARGE_JOB,
    title: '每日扣费',
    schedule: DAILY_CHARGE_SCHEDULE,
    timeoutMs: 30 * MINUTES,
    // The period is the day of `now`: runDailyCharge claims (dailyCharge, day) itself. `now` is the scheduler's
    // clock (or the slot it catches up), so the day is always one the charge accepts.
    runOwn: ({ prisma, now, actor }) => runDailyCharge(prisma, now, actor, { now }),
  },
  {
    name: 'domainLifecycle',
    title: '域名到期处理',
    // After the daily charge (01:00), so a renewal charged tonight keeps its domain out of the next state.
    schedule: { days: 'DAILY', hour: 2, minute: 0 },
    timeoutMs: 60 * MINUTES,
    run: ({ prisma, now, actor }) => runDomainLifecycle(prisma, now, actor),
  },
  {
    name: INSTALL_CHECK_JOB,
    title: INSTALL_CHECK_TITLE,
    schedule: { days: 'DAILY', hour: 3, minute: 0 },
    ...INSTALL_CHECK_STALENESS,
    run: async ({ prisma, run, now, options, signal }) => {
      const progress = await carryOutRun(prisma, run!, { ...options.installChecks, signal })
      const notices = await notifyOverdueInstallations(prisma, now)
      return { ...finalCounts(progress), ...notices }
    },
  },
  {
    name: 'expiryReminders',
    title: '域名到期提醒',
    schedule: { days: 'DAILY', hour: 8, minute: 0 },
    timeoutMs: 30 * MINUTES,
    run: ({ prisma, now }) => runExpiryReminders(prisma, now),
  },
  {
    name: 'reviewEscalation',
    title: '审核超时提醒',
    schedule: { days: 'WORKDAYS', hour: 9, minute: 0 },
    timeoutMs: 30 * MINUTES,
    run: ({ prisma, now, options }) =>
      runReviewEscalation(prisma, now, { workingDays: options.reviewEscalationWorkingDays }),
  },
  {
    name: 'officeDigest',
    title: '每日待办提醒',
    schedule: { days: 'DAILY', hour: 8, minute: 30 },
    timeoutMs: 30 * MINUTES,
    run: ({ prisma, periodKey }) => runOfficeDigest(prisma, periodKey),
  },
  {
    name: 'migrationClaimInvites',
    title: '迁移账号认领通知',
    // A few hundred every few minutes: the accounts imported from the old system are invited to claim (set their
    // password) without spending the SMS budget in one go (modules/migration/claim/invite.ts).
    schedule: { everyMinutes: config.migrationClaim.everyMinutes },
    timeoutMs: 30 * MINUTES,
    run: async ({ prisma, now, actor, options }) => {
      const summary = await inviteImportedAccounts(prisma, { now, actor, ...options.claimInvites })
      const { invited, deferred, notYetInvited, stoppedBy } = summary
      return { invited, deferred, notYetInvited, ...(stoppedBy ? { stoppedBy } : {}) }
    },
  },
  {
    name: 'variantBackfill',
    title: '简繁变体补留',
    // Imported domains (数据迁移) get their 简繁 variants a chunk at a time, from where the last run stopped
    // (its result's lastDomainId): each domain is looked at once, and a national import's are done in hours
    // without holding up the API (modules/domainNames/backfill.ts).
    schedule: { everyMinutes: config.variantBackfill.everyMinutes },
    timeoutMs: 30 * MINUTES,
    run: async ({ prisma, options }) => {
      const last = await prisma.jobRun.findFirst({
        where: { job: 'variantBackfill', status: 'SUCCEEDED' },
        orderBy: { id: 'desc' },
        select: { result: true },
      })
      const afterId = Number((last?.result as { lastDomainId?: unknown } | null)?.lastDomainId ?? 0) || 0
      const result = await reserveMissingVariants(prisma, {
        afterId,
        maxDomains: options.variantBackfill?.domainsPerRun ?? config.variantBackfill.domainsPerRun,
        chunk: options.variantBackfill?.chunk,
      })
      return { scanned: result.scanned, reserved: result.reserved, lastDomainId: result.lastDomainId }
    },
  },
]

export function jobByName(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name)
}

export interface RunJobResult {
  job: JobDefinition
  periodKey: string
  run: JobRun
  /** The period had already SUCCEEDED: nothing was done. */
  alreadyRan: boolean
}

/**
 * Runs the period of `now` (its Beijing day) of a job, once: a SUCCEEDED period is left alone (alreadyRan), a
 * RUNNING one is a CONFLICT, a FAILED or stale one is run again. A failure of the work itself is recorded
 * (status FAILED, error) and returned, not thrown.
 */
export async function runJob(
  prisma: PrismaClient,
  job: JobDefinition,
  input: {
    now?: Date
    actor?: { viewer: Viewer; ip: string | null }
    options?: JobOptions
    /** Another period than that of `now` (a stale run of a job that resumes, e.g. one CONAC started by hand). */
    periodKey?: string
    signal?: AbortSignal
  } = {},
): Promise<RunJobResult> {
  const now = input.now ?? new Date()
  const periodKey = input.periodKey ?? periodKeyFor(job.schedule, now)
  const ctx: JobRunContext = {
    prisma,
    now,
    periodKey,
    actor: input.actor ?? { viewer: anonymous, ip: null },
    options: input.options ?? {},
    signal: input.signal,
  }
  const where = { job_periodKey: { job: job.name, periodKey } }
  const started = performance.now()
  // Every run that did something is counted (conac_job_runs_total, by result) and timed, whoever started it.
  const counted = (run: JobRun): RunJobResult => {
    jobRuns.inc({ job_name: job.name, status: run.status })
    jobRunDuration.observe({ job_name: job.name }, (performance.now() - started) / 1000)
    return { job, periodKey, run, alreadyRan: false }
  }
  if (job.runOwn) {
    const before = await prisma.jobRun.findUnique({ where })
    if (before?.status === 'SUCCEEDED') return { job, periodKey, run: before, alreadyRan: true }
    try {
      return counted(await job.runOwn(ctx))
    } catch (error) {
      if (error instanceof GraphQLError) throw error
      const failed = await prisma.jobRun.findUnique({ where })
      if (failed?.status === 'FAILED') return counted(failed)
      throw error
    }
  }
  const claim = await claimJobRun(prisma, job, periodKey)
  if (!claim.claimed) return { job, periodKey, run: claim.run, alreadyRan: true }
  try {
    const result = await job.run!({ ...ctx, run: claim.run })
    return counted(await finishJobRun(prisma, claim.run, { result: result as Prisma.InputJsonValue }))
  } catch (error) {
    if (error instanceof RunInterrupted) {
      const left = await prisma.jobRun.update({ where: { id: claim.run.id }, data: { heartbeatAt: new Date(0) } })
      return { job, periodKey, run: left, alreadyRan: false }
    }
    logFor('jobs').error({ job: job.name, period: periodKey, err: error }, `${job.name} ${periodKey} failed`)
    return counted(await finishJobRun(prisma, claim.run, { result: {}, error }))
  }
}
