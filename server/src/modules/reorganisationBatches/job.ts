// 执行 of an approved 批量机构改革: the rows run one by one in 序号 order, each reorganisation in a transaction of
// its own (carryOutPlan: all of its objects move or none). The row's state lives in the database and is set in the
// same transaction that carries it out, so a job that stops half-way (a crash, a restart) resumes with the first
// row still PENDING and never carries a row out twice; two runners racing over one row cannot both claim it (the
// claim is a conditional update on the row's status).
// A row that fails at carry-out (the world changed since the dry run: a domain got an open renewal, a unit was
// renamed meanwhile) is recorded FAILED with its reason and the batch goes on: the dry run was clean when it was
// submitted, so each remaining row is still a valid, independent reorganisation. The page says so.
import { GraphQLError } from 'graphql'
import type { Context } from '../../context.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { signInSettings } from '../secondFactor/settings.ts'
import type { Viewer } from '../../viewer.ts'
import { carryOutPlan, type ReorganisationPlan } from '../reorganisations/plan.ts'
import { recordBatchRequest } from './requests.ts'

/** Batches being carried out by this process (a second start of the same batch waits for nothing and returns). */
const running = new Map<number, Promise<BatchRunResult>>()

let autoStart = true
/** Tests drive the job themselves (crash and resume); the server starts it on approval and at start-up. */
export function setBatchAutoStart(on: boolean): void {
  autoStart = on
}

export interface BatchRunResult {
  carriedOut: number
  failed: number
  /** Rows left PENDING (only when stopped by `stopAfter`). */
  pending: number
}

export interface BatchRunOptions {
  /** Test seam: stop (as a crash would) after this many rows of this run, leaving the batch RUNNING. */
  stopAfter?: number
  /**
   * Test seam: called inside a row's transaction after carryOutPlan, before commit. A JobCrash thrown here stops the
   * run as a crash would (the row's transaction rolls back, the row stays PENDING); any other error fails the row.
   */
  duringRow?: (sequence: number) => void | Promise<void>
}

/** What a test throws from duringRow to stop the job mid-row, like a process that dies. */
export class JobCrash extends Error {}

/** Starts the job in the background unless tests turned that off; returns at once. */
export function startBatchJob(prisma: PrismaClient, batchId: number): void {
  if (!autoStart) return
  void runBatch(prisma, batchId).catch((error: unknown) =>
    console.error(`[reorganisation-batch] batch ${batchId} stopped:`, (error as Error).message),
  )
}

/** Resumes every approved or running batch (at start-up, after a crash). */
export async function resumeBatches(prisma: PrismaClient): Promise<number> {
  const open = await prisma.reorganisationBatch.findMany({
    where: { status: { in: ['APPROVED', 'RUNNING'] } },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  for (const batch of open) startBatchJob(prisma, batch.id)
  return open.length
}

/** Carries out the batch's PENDING rows; returns when none is left (or `stopAfter` rows were done). */
export function runBatch(
  prisma: PrismaClient,
  batchId: number,
  options: BatchRunOptions = {},
): Promise<BatchRunResult> {
  const already = running.get(batchId)
  if (already) return already
  const run = carryOut(prisma, batchId, options).finally(() => running.delete(batchId))
  running.set(batchId, run)
  return run
}

async function carryOut(prisma: PrismaClient, batchId: number, options: BatchRunOptions): Promise<BatchRunResult> {
  const batch = await prisma.reorganisationBatch.findUnique({ where: { id: batchId } })
  if (!batch || !['APPROVED', 'RUNNING'].includes(batch.status)) return { carriedOut: 0, failed: 0, pending: 0 }
  if (batch.status === 'APPROVED')
    await prisma.reorganisationBatch.updateMany({
      where: { id: batchId, status: 'APPROVED' },
      data: { status: 'RUNNING', startedAt: new Date(), version: { increment: 1 } },
    })
  const ctx = await jobContext(prisma, batch.reviewedById ?? batch.uploadedById)
  let carriedOut = 0
  let failed = 0
  let done = 0
  for (;;) {
    if (options.stopAfter != null && done >= options.stopAfter) {
      const pending = await prisma.reorganisationBatchRow.count({ where: { batchId, status: 'PENDING' } })
      return { carriedOut, failed, pending }
    }
    const row = await prisma.reorganisationBatchRow.findFirst({
      where: { batchId, status: 'PENDING' },
      orderBy: { sequence: 'asc' },
    })
    if (!row) break
    const plan = row.plan as unknown as ReorganisationPlan
    try {
      const claimed = await prisma.$transaction(
        async (tx) => {
          // The claim: only one transaction turns this row from PENDING, and it is the one that carries it out.
          const claim = await tx.reorganisationBatchRow.updateMany({
            where: { id: row.id, status: 'PENDING' },
            data: { status: 'CARRIED_OUT', finishedAt: new Date() },
          })
          if (!claim.count) return false
          const requestId = await recordBatchRequest(tx, ctx, batch, row, plan)
          const result = await carryOutPlan(tx, ctx, requestId, plan)
          await options.duringRow?.(row.sequence)
          await tx.unitReorganisation.update({
            where: { id: requestId },
            data: { outcome: result as unknown as Prisma.InputJsonValue },
          })
          await tx.reorganisationBatchRow.update({ where: { id: row.id }, data: { reorganisationId: requestId } })
          await tx.reorganisationBatch.update({ where: { id: batchId }, data: { doneCount: { increment: 1 } } })
          await writeAudit(tx, ctx, {
            action: 'reorganisationBatch.row',
            subjectType: 'ReorganisationBatch',
            subjectId: batchId,
            after: { sequence: row.sequence, reorganisationId: requestId, ...result },
          })
          return true
        },
        { timeout: 60_000 },
      )
      if (claimed) carriedOut++
    } catch (error) {
      if (error instanceof JobCrash) throw error
      const reason = failureText(error)
      const marked = await prisma.$transaction(async (tx) => {
        const mark = await tx.reorganisationBatchRow.updateMany({
          where: { id: row.id, status: 'PENDING' },
          data: { status: 'FAILED', failure: reason, finishedAt: new Date() },
        })
        if (!mark.count) return false
        await tx.reorganisationBatch.update({ where: { id: batchId }, data: { failedCount: { increment: 1 } } })
        await writeAudit(tx, ctx, {
          action: 'reorganisationBatch.rowFailed',
          subjectType: 'ReorganisationBatch',
          subjectId: batchId,
          after: { sequence: row.sequence, reason },
        })
        return true
      })
      if (marked) failed++
    }
    done++
  }
  await prisma.$transaction(async (tx) => {
    const finish = await tx.reorganisationBatch.updateMany({
      where: { id: batchId, status: 'RUNNING' },
      data: { status: 'COMPLETED', finishedAt: new Date(), version: { increment: 1 } },
    })
    if (finish.count) {
      const counts = await tx.reorganisationBatch.findUniqueOrThrow({
        where: { id: batchId },
        select: { doneCount: true, failedCount: true },
      })
      await writeAudit(tx, ctx, {
        action: 'reorganisationBatch.complete',
        subjectType: 'ReorganisationBatch',
        subjectId: batchId,
        before: { status: 'RUNNING' },
        after: { status: 'COMPLETED', ...counts },
      })
    }
  })
  return { carriedOut, failed, pending: 0 }
}

/** The reason a row failed, as the page shows it: the command's Chinese message, never a stack or an SQL error. */
function failureText(error: unknown): string {
  if (error instanceof GraphQLError && error.extensions?.code !== 'INTERNAL_SERVER_ERROR')
    return error.message.slice(0, 1000)
  console.error('[reorganisation-batch] row failed:', error)
  return '执行时发生系统错误，该行未执行，请联系管理员'
}

/** The job acts as the reviewer who approved the batch (audit rows name them), without an HTTP request. */
async function jobContext(prisma: PrismaClient, userId: number): Promise<Context> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, unitId: true, officeRoles: true, office: { include: { region: true } } },
  })
  const viewer: Viewer = {
    kind: 'user',
    userId: user.id,
    sessionId: 0,
    role: user.role,
    unitId: user.unitId,
    office: user.office
      ? { officeId: user.office.id, officeLevel: user.office.level, regionPath: user.office.region.path }
      : null,
    officeRoles: user.officeRoles,
    unitRole: null,
  }
  return {
    prisma,
    viewer,
    request: new Request('http://localhost/jobs/reorganisation-batch'),
    ip: null,
    signIn: signInSettings(),
    setCookie: () => {},
  }
}
