// One run per (job, period), recorded in JobRun: the first caller claims the period (RUNNING), finishes it
// (SUCCEEDED or FAILED with a JSON summary); a second run of a SUCCEEDED period does nothing; a FAILED period, or
// a RUNNING one whose process died (older than the job's timeout), may be taken over by one caller (a conditional
// update), the same rules as runDailyCharge in modules/fees/dailyCharge.ts.
import { appError } from '../../errors.ts'
import type { JobRun, Prisma, PrismaClient } from '../../generated/prisma/client.ts'

export const jobRunning = (title: string) =>
  appError('CONFLICT', `${title}正在执行，请稍后再试`, { reason: 'JOB_RUNNING' })

export type Claim = { claimed: true; run: JobRun } | { claimed: false; run: JobRun }

/** Whether a RUNNING row has outlived the timeout (its process is taken to have died). */
export const isStale = (run: Pick<JobRun, 'status' | 'startedAt'>, timeoutMs: number, at = Date.now()) =>
  run.status === 'RUNNING' && at - run.startedAt.getTime() > timeoutMs

/** Claims (job, periodKey); `claimed: false` when the period already SUCCEEDED. CONFLICT when it is running. */
export async function claimJobRun(
  prisma: PrismaClient,
  job: { name: string; title: string; timeoutMs: number },
  periodKey: string,
): Promise<Claim> {
  const where = { job_periodKey: { job: job.name, periodKey } }
  const existing = await prisma.jobRun.findUnique({ where })
  if (existing) {
    if (existing.status === 'SUCCEEDED') return { claimed: false, run: existing }
    if (existing.status === 'RUNNING' && !isStale(existing, job.timeoutMs)) throw jobRunning(job.title)
    // A lease, not a person's command: the caller takes over a FAILED or dead run, conditional on the row being as it
    // read it (status and startedAt; a JobRun has no version). The loser is told the job is running, so this stays a
    // claim of its own rather than a transition() with its stale CONFLICT and audit row (runJobNow audits the run).
    const taken = await prisma.jobRun.updateMany({
      where: { id: existing.id, status: existing.status, startedAt: existing.startedAt },
      data: { status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null },
    })
    if (taken.count !== 1) throw jobRunning(job.title)
    return { claimed: true, run: await prisma.jobRun.findUniqueOrThrow({ where: { id: existing.id } }) }
  }
  try {
    return { claimed: true, run: await prisma.jobRun.create({ data: { job: job.name, periodKey } }) }
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
