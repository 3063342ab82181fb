// The page's runs work in the API process, in the background: the command claims the run in its request (so the
// page sees VALIDATING or COMMITTING at once and a second click gets CONFLICT), then the work goes on here and the
// page polls migrationRun. A run of this process is kept in `running`; one whose process died keeps an old
// heartbeat, which the page shows as 已中断 and the commit command resumes (run.ts claimableFrom).
import type { MigrationRun, PrismaClient } from '../../generated/prisma/client.ts'
import { fileFromBytes, type SourceFile } from './read/sourceFile.ts'
import { STALE_AFTER_MS, workRun } from './run.ts'

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

/** Tests: waits until the run's background work (if any in this process) has ended. */
export async function settleRun(runId: number): Promise<void> {
  await running.get(runId)
}

/** Whether this process is working on the run now. */
export const isRunningHere = (runId: number) => running.has(runId)

export { STALE_AFTER_MS }
