// The page's runs work in the API process, in the background: the command claims the run in its request (so the
// page sees VALIDATING or COMMITTING at once and a second click gets CONFLICT), then the work goes on here and the
// page polls migrationRun. A run of this process is kept in `running`; one whose process died keeps an old
// heartbeat, which the page shows as 已中断 and the commit command resumes (run.ts claimableFrom).
import type { MigrationRun, PrismaClient } from '../../generated/prisma/client.ts'
import { fileFromBytes, type SourceFile } from './read/sourceFile.ts'
import { claimRun, STALE_AFTER_MS, workRun } from './run.ts'

const running = new Map<number, Promise<void>>()

/** The run's uploaded files, in upload order. */
export async function uploadedFiles(prisma: PrismaClient, runId: number): Promise<SourceFile[]> {
  const uploads = await prisma.migrationUpload.findMany({ where: { runId }, orderBy: { id: 'asc' } })
  return uploads.map((upload) => fileFromBytes(upload.fileName, new Uint8Array(upload.content)))
}

/** Works a claimed run in the background; returns at once. */
export function startRunInBackground(prisma: PrismaClient, run: MigrationRun): void {
  const work = (async () => {
    const files = await uploadedFiles(prisma, run.id)
    await workRun(prisma, run, files, { dryRun: run.status === 'VALIDATING', createdById: run.createdById })
  })()
    .catch((error: unknown) => console.error(`[migration] run ${run.id} failed:`, (error as Error).message))
    .finally(() => running.delete(run.id))
  running.set(run.id, work)
}

/**
 * At start-up: a page's commit whose process died (its heartbeat is old) goes on where it stopped, as 继续导入
 * would. A dry run is not restarted: the page offers 重新校验. Returns how many were resumed.
 */
export async function resumeMigrationRuns(prisma: PrismaClient): Promise<number> {
  const stale = await prisma.migrationRun.findMany({
    where: {
      source: 'PORTAL',
      status: 'COMMITTING',
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } }],
    },
    select: { id: true, createdById: true },
  })
  let resumed = 0
  for (const run of stale) {
    try {
      const claimed = await claimRun(prisma, {
        dryRun: false,
        runId: run.id,
        source: 'PORTAL',
        createdById: run.createdById,
      })
      startRunInBackground(prisma, claimed)
      resumed++
    } catch (error) {
      console.error(`[migration] run ${run.id} not resumed:`, (error as Error).message)
    }
  }
  return resumed
}

/** Tests: waits until the run's background work (if any in this process) has ended. */
export async function settleRun(runId: number): Promise<void> {
  await running.get(runId)
}
