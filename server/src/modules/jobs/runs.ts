// One run per (job, period), recorded in JobRun: the first caller claims the period (RUNNING), finishes it
// (SUCCEEDED or FAILED with a JSON summary); a second run of a SUCCEEDED period does nothing; a FAILED period, or
// a RUNNING one whose process died (older than the job's timeout), may be taken over by one caller (a conditional
// update), the same rules as runDailyCharge in modules/fees/dailyCharge.ts.
import { appError } from '../../errors.ts'
import type { JobRun, Prisma, PrismaClient } from '../../generated/prisma/client.ts'

export const jobRunning = (title: string) =>
  appError('CONFLICT', `${title}正在执行，请稍后再试`, { reason: 'JOB_RUNNING' })

/**
 * Thrown by a job that stopped because its process is stopping (the scheduler's signal): the run stays RUNNING with
 * its heartbeat cleared, so the next scheduler to look resumes it at once instead of after the heartbeat timeout.
 */
export class RunInterrupted extends Error {
  constructor() {
    super('interrupted: the process is stopping')
    this.name = 'RunInterrupted'
  }
}

export type Claim = { claimed: true; run: JobRun } | { claimed: false; run: JobRun }

/** What decides that a RUNNING row's process died: its age, or (a long job that beats) its last heartbeat's. */
export interface Staleness {
  /** A RUNNING row older than this is taken to have died with its process. */
  timeoutMs: number
  /** A job that writes JobRun.heartbeatAt while it works: dead once the last beat is older than this. */
  heartbeatTimeoutMs?: number
}

/** Whether a RUNNING row's process is taken to have died. */
export function isStale(
  run: Pick<JobRun, 'status' | 'startedAt' | 'heartbeatAt'>,
  staleness: Staleness,
  at = Date.now(),
): boolean {
  if (run.status !== 'RUNNING') return false
  if (staleness.heartbeatTimeoutMs !== undefined)
    return at - (run.heartbeatAt ?? run.startedAt).getTime() > staleness.heartbeatTimeoutMs
  return at - run.startedAt.getTime() > staleness.timeoutMs
}

/** Claims (job, periodKey); `claimed: false` when the period already SUCCEEDED. CONFLICT when it is running. */
export async function claimJobRun(
  prisma: PrismaClient,
  job: { name: string; title: string } & Staleness,
  periodKey: string,
): Promise<Claim> {
  const where = { job_periodKey: { job: job.name, periodKey } }
  const existing = await prisma.jobRun.findUnique({ where })
  if (existing) {
    if (existing.status === 'SUCCEEDED') return { claimed: false, run: existing }
    if (existing.status === 'RUNNING' && !isStale(existing, job)) throw jobRunning(job.title)
    // A lease, not a person's command: the caller takes over a FAILED or dead run, conditional on the row being as it
    // read it (status, startedAt and heartbeat; a JobRun has no version). The loser is told the job is running, so
    // this stays a claim of its own rather than a transition() with its stale CONFLICT and audit row (runJobNow
    // audits the run). The result is kept: a job that resumes (标识安装检测) reads its progress from it, and keeps
    // its start (the run goes on; it did not start again).
    const now = new Date()
    const resumes = job.heartbeatTimeoutMs !== undefined && existing.status === 'RUNNING'
    const taken = await prisma.jobRun.updateMany({
      where: {
        id: existing.id,
        status: existing.status,
        startedAt: existing.startedAt,
        heartbeatAt: existing.heartbeatAt,
      },
      data: {
        status: 'RUNNING',
        startedAt: resumes ? existing.startedAt : now,
        heartbeatAt: now,
        finishedAt: null,
        error: null,
      },
    })
    if (taken.count !== 1) throw jobRunning(job.title)
    return { claimed: true, run: await prisma.jobRun.findUniqueOrThrow({ where: { id: existing.id } }) }
  }
  try {
    return {
      claimed: true,
      run: await prisma.jobRun.create({ data: { job: job.name, periodKey, heartbeatAt: new Date() } }),
    }
  } catch (error) {
    // Lost the race for the unique (job, periodKey).
    const winner = await prisma.jobRun.findUnique({ where })
    if (winner?.status === 'SUCCEEDED') return { claimed: false, run: winner }
    if (winner) throw jobRunning(job.title)
    throw error
  }
}

/** Records the end of a claimed run. */
export async function finishJobRun(
  prisma: PrismaClient,
  run: JobRun,
  outcome: { result: Prisma.InputJsonValue; error?: unknown },
): Promise<JobRun> {
  const failed = outcome.error !== undefined
  return prisma.jobRun.update({
    where: { id: run.id },
    data: {
      status: failed ? 'FAILED' : 'SUCCEEDED',
      finishedAt: new Date(),
      result: outcome.result,
      error: failed ? String((outcome.error as Error)?.message ?? outcome.error).slice(0, 2000) : null,
    },
  })
}
