// Runs of 标识安装检测 other than the daily one: CONAC's 立即运行检测 queues one (the scheduler carries it out, in
// the scheduler process, not in the API process that took the request), and the CLI (run.ts) and tests carry one
// out in their own process. Each is a JobRun of the job installChecks with a period of its own, the Beijing time it
// was started to the second. At most one run of the job goes on at a time.
import type { JobRun, PrismaClient } from '../../generated/prisma/client.ts'
import { appError } from '../../errors.ts'
import { writeAudit } from '../../lib/audit.ts'
import { beijingDay } from '../../lib/workdays.ts'
import type { Viewer } from '../../viewer.ts'
import { finishJobRun, isStale, type Staleness } from '../jobs/runs.ts'
import { finalCounts } from './recorder.ts'
import { carryOutRun, summaryOf, type InstallCheckOptions, type InstallCheckRunSummary } from './runs.ts'

export const INSTALL_CHECK_JOB = 'installChecks'
export const INSTALL_CHECK_TITLE = '标识安装检测'
/** The job's staleness (jobs/registry.ts uses it): the run beats with every batch of results and every 15 s. */
export const INSTALL_CHECK_STALENESS: Staleness = { timeoutMs: 3 * 60 * 60_000, heartbeatTimeoutMs: 2 * 60_000 }

type Actor = { viewer: Viewer; ip: string | null }

/** The period of a run started by hand at `at`: YYYY-MM-DD HH:MM:SS.mmm, Beijing time. */
export function manualPeriodKey(at: Date): string {
  const beijing = new Date(at.getTime() + 8 * 3_600_000)
  return `${beijingDay(at)} ${beijing.toISOString().slice(11, 23)}`
}

const alreadyRunning = () =>
  appError('CONFLICT', `${INSTALL_CHECK_TITLE}正在执行，请等待本轮完成`, { reason: 'JOB_RUNNING' })

/**
 * Creates the JobRun of a run started by hand. `queued`: its heartbeat is left at the epoch, so the first scheduler
 * to look takes it over (runs.ts of jobs: a stale RUNNING row); otherwise this process holds it and carries it out.
 * CONFLICT while another run of the job is going on.
 */
async function createManualRun(prisma: PrismaClient, queued: boolean): Promise<JobRun> {
  const now = new Date()
  return prisma.$transaction(async (tx) => {
    // One at a time: the check below and the insert are serialised on the job's name.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`job:${INSTALL_CHECK_JOB}`}))`
    const running = await tx.jobRun.findMany({ where: { job: INSTALL_CHECK_JOB, status: 'RUNNING' } })
    // A queued run has not started yet, but it will: it counts as going on.
    if (running.some((run) => !isStale(run, INSTALL_CHECK_STALENESS) || isQueued(run))) throw alreadyRunning()
    const periodKey = manualPeriodKey(now)
    if (await tx.jobRun.findUnique({ where: { job_periodKey: { job: INSTALL_CHECK_JOB, periodKey } } }))
      throw alreadyRunning()
    return tx.jobRun.create({
      data: {
        job: INSTALL_CHECK_JOB,
        periodKey,
        startedAt: now,
        heartbeatAt: queued ? new Date(0) : now,
        result: queued ? { queued: true } : undefined,
      },
    })
  })
}

/** A run queued by hand that no scheduler has taken yet. */
export const isQueued = (run: Pick<JobRun, 'status' | 'result'>) =>
  run.status === 'RUNNING' && (run.result as { queued?: unknown } | null)?.queued === true

/** 立即运行检测: queues a run for the scheduler. The caller audits and wakes the scheduler. */
export const queueManualRun = (prisma: PrismaClient) => createManualRun(prisma, true)

/** One whole run in this process (the CLI, tests): started, carried out, finished and audited. */
export async function runInstallChecks(
  prisma: PrismaClient,
  actor: Actor,
  options: InstallCheckOptions = {},
): Promise<InstallCheckRunSummary> {
  const run = await createManualRun(prisma, false)
  let summary: InstallCheckRunSummary
  try {
    const progress = await carryOutRun(prisma, run, options)
    const finished = await finishJobRun(prisma, run, { result: finalCounts(progress) })
    summary = summaryOf(run, progress, finished.finishedAt!)
  } catch (error) {
    // FAILED with what it recorded: the next run starts afresh (this one's checks stay recorded).
    const recorded = await prisma.jobRun
      .findUnique({ where: { id: run.id }, select: { result: true } })
      .catch(() => null)
    await finishJobRun(prisma, run, { result: (recorded?.result ?? {}) as object, error }).catch(() => {})
    throw error
  }
  await writeAudit(prisma, actor, {
    action: 'badge.installCheck.run',
    subjectType: 'InstallCheckRun',
    subjectId: run.id,
    after: { ...summary },
  })
  return summary
}
