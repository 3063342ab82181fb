// One import run end to end, for the CLI (cli.ts) and CONAC's page (worker.ts): the files' kinds, one validation
// context, then file by file in KIND_ORDER: validate (refused rows become migration_problems) and, unless it is a
// dry run, hand the valid records straight on to the writer (one streaming pass: nothing is held in memory beyond a
// batch), then finishImport. migration_runs is kept current all along (status, phase, rows done of total,
// heartbeat, counts per kind), so the page can poll it and a run that dies can be told from one that runs.
//
// Resume: a commit that FAILED, or whose heartbeat is older than STALE_AFTER_MS (the process was killed), is run
// again from the start of its files: validation is repeated (it is cheap and writes nothing) and the writer skips
// the batches migration_batches already records for this run, so nothing is written twice.
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { MigrationRun } from '../../generated/prisma/client.ts'
import { finishImport } from './commit/finish.ts'
import { writeRecords } from './commit/writer.ts'
import { kindOf } from './read/kind.ts'
import type { SourceFile } from './read/sourceFile.ts'
import { KIND_ORDER, type FileKind, type KindCounts, type Problem, type Progress } from './templates.ts'
import { loadValidationContext } from './validate/context.ts'
import { validateFile } from './validate/validateFile.ts'

/** A running run moves its heartbeat about every second; one silent for this long was interrupted. */
export const STALE_AFTER_MS = 10_000
const HEARTBEAT_MS = 1_000
/** Problems are stored in batches of this many rows. */
const PROBLEM_BATCH = 1_000

export type RunSource = 'CLI' | 'PORTAL'

export interface RunImportOptions {
  dryRun: boolean
  /** Resume a run, or go on with a PORTAL run created by the upload (claimRun: which states it may be in). */
  runId?: number
  source: RunSource
  createdById?: number | null
  onProgress?: (progress: Progress) => void
  /** Rows per writer transaction (the writer's default otherwise). */
  batchSize?: number
  /**
   * A bulk import into a database nobody reads statistics from meanwhile (the first national import): batches skip
   * the 区域统计 counters and finishImport rebuilds them once at the end (commit/writer.ts countStatistics).
   */
  bulk?: boolean
  /** Batches written at once (commit/writer.ts parallelBatches): 2 for the CLI on PostgreSQL, 1 otherwise. */
  parallelBatches?: number
}

/** What the run records per kind: the writer's counts plus the rows read and found valid (a dry run has only those). */
export interface RunKindCounts extends KindCounts {
  rows: number
  valid: number
}

export interface RunImportResult {
  runId: number
  /** Rows refused (a file of unknown kind counts as one). */
  problemCount: number
  counts: Partial<Record<FileKind, RunKindCounts>>
}

/** One entry of migration_runs.files. */
export interface RunFileEntry {
  name: string
  kind: FileKind | null
  size: number
  /** Data rows (the header not counted); an estimate until the file was read when it could not be counted. */
  rows: number
}

/** Whether the run's heartbeat says it is still being worked on by some process. */
export function isLive(run: Pick<MigrationRun, 'status' | 'heartbeatAt'>, now = Date.now()): boolean {
  return (
    (run.status === 'VALIDATING' || run.status === 'COMMITTING') &&
    !!run.heartbeatAt &&
    now - run.heartbeatAt.getTime() < STALE_AFTER_MS
  )
}

/** The states a run may be claimed from for a dry run or a commit. */
export function claimableFrom(run: Pick<MigrationRun, 'status' | 'heartbeatAt' | 'dryRun'>, dryRun: boolean): boolean {
  if (isLive(run)) return false
  if (dryRun)
    return ['UPLOADED', 'VALIDATED', 'VALIDATING'].includes(run.status) || (run.status === 'FAILED' && run.dryRun)
  // A commit follows a finished dry run, or resumes a commit that failed or was interrupted.
  return (
    (run.status === 'VALIDATED' && run.dryRun) ||
    (run.status === 'FAILED' && !run.dryRun) ||
    run.status === 'COMMITTING'
  )
}

/**
 * Takes the run for this process: a conditional update on its id, status and version (two callers cannot both
 * claim it). A new run (no runId) is created already claimed. Refuses with CONFLICT while another commit is live.
 */
export async function claimRun(
  prisma: PrismaClient,
  options: Pick<RunImportOptions, 'dryRun' | 'runId' | 'source' | 'createdById'> & { version?: number },
): Promise<MigrationRun> {
  const now = new Date()
  const status = options.dryRun ? 'VALIDATING' : 'COMMITTING'
  if (!options.dryRun) {
    const live = await prisma.migrationRun.findFirst({
      where: {
        status: 'COMMITTING',
        heartbeatAt: { gte: new Date(now.getTime() - STALE_AFTER_MS) },
        ...(options.runId ? { id: { not: options.runId } } : {}),
      },
      select: { id: true },
    })
    if (live)
      throw appError('CONFLICT', `导入 #${live.id} 正在提交，请等它结束后再提交`, { reason: 'MIGRATION_RUN_ACTIVE' })
  }
  const fresh = {
    status,
    dryRun: options.dryRun,
    phase: 'reading',
    rowsDone: 0,
    rowsTotal: 0,
    error: null,
    startedAt: now,
    heartbeatAt: now,
    finishedAt: null,
  } satisfies Prisma.MigrationRunUpdateInput
  if (options.runId == null)
    return prisma.migrationRun.create({
      data: { ...fresh, source: options.source, createdById: options.createdById ?? null },
    })
  const run = await prisma.migrationRun.findUnique({ where: { id: options.runId } })
  if (!run) throw appError('NOT_FOUND', `没有导入 #${options.runId}`)
  if (options.version != null && options.version !== run.version)
    throw appError('CONFLICT', '导入的状态已变化，请刷新后重试', { reason: 'STALE_VERSION' })
  if (!claimableFrom(run, options.dryRun))
    throw appError('CONFLICT', claimRefusal(run, options.dryRun), { reason: 'MIGRATION_RUN_STATE' })
  const claimed = await prisma.migrationRun.updateMany({
    where: { id: run.id, status: run.status, version: run.version },
    data: { ...fresh, version: { increment: 1 } },
  })
  if (!claimed.count) throw appError('CONFLICT', '导入的状态已变化，请刷新后重试', { reason: 'STALE_VERSION' })
  return prisma.migrationRun.findUniqueOrThrow({ where: { id: run.id } })
}

function claimRefusal(run: Pick<MigrationRun, 'status' | 'heartbeatAt'>, dryRun: boolean): string {
  if (isLive(run)) return run.status === 'VALIDATING' ? '该导入正在校验中' : '该导入正在提交中'
  if (run.status === 'COMMITTED') return '该导入已提交完成'
  return dryRun ? '该导入当前不能校验' : '请先完成校验，再提交导入'
}

/** runImport in full: claims (or creates) the run, then works it through. */
export async function runImport(
  prisma: PrismaClient,
  files: SourceFile[],
  options: RunImportOptions,
): Promise<RunImportResult> {
  const run = await claimRun(prisma, options)
  return workRun(prisma, run, files, options)
}

/**
 * Works a claimed run through (the page's worker claims in the request, then calls this in the background).
 * Marks the run FAILED with the message and rethrows on any error.
 */
export async function workRun(
  prisma: PrismaClient,
  run: MigrationRun,
  files: SourceFile[],
  options: Pick<RunImportOptions, 'dryRun' | 'createdById' | 'onProgress' | 'batchSize' | 'bulk' | 'parallelBatches'>,
): Promise<RunImportResult> {
  const runId = run.id
  const dryRun = run.status === 'VALIDATING'
  const progress = new ProgressKeeper(prisma, runId, options.onProgress)
  const problems = new ProblemSink(prisma, runId)
  const counts: Partial<Record<FileKind, RunKindCounts>> = {}
  progress.start()
  try {
    // Problems of an earlier pass over the same files are found again: keep only this pass's.
    await prisma.migrationProblem.deleteMany({ where: { runId } })

    progress.phase('reading', null)
    const entries: { file: SourceFile; entry: RunFileEntry }[] = []
    for (const file of files) {
      const kind = await kindOf(file)
      if (!kind)
        problems.add({
          fileName: file.fileName,
          row: 0,
          column: '',
          message: '无法识别文件类型：文件名应以模板名称开头（如 注册单位.csv），或表头与模板一致',
        })
      entries.push({ file, entry: { name: file.fileName, kind, size: file.size, rows: await countRows(file) } })
    }
    const ordered = entries
      .filter((each) => each.entry.kind)
      .sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.entry.kind!) - KIND_ORDER.indexOf(b.entry.kind!) ||
          a.entry.name.localeCompare(b.entry.name),
      )
    const rowsTotal = ordered.reduce((sum, each) => sum + each.entry.rows, 0)
    await prisma.migrationRun.update({
      where: { id: runId },
      data: {
        files: entries.map((each) => each.entry) as unknown as Prisma.InputJsonValue,
        rowsTotal,
        counts: {},
        problemCount: 0,
      },
    })
    progress.setTotal(rowsTotal)

    const context = await loadValidationContext(prisma)
    progress.phase(dryRun ? 'validating' : 'committing', null)
    for (const { file, entry } of ordered) {
      const kind = entry.kind!
      const kindCounts = (counts[kind] ??= { rows: 0, valid: 0, inserted: 0, updated: 0, unchanged: 0, refused: 0 })
      progress.file(file.fileName)
      const refusedBefore = problems.refusedRows(file.fileName)
      let rowsRead = 0
      const onRow = (read: number) => {
        rowsRead = read
        progress.rows(read)
      }
      let valid = 0
      const records = countingRecords(
        validateFile(kind, file, context, (problem) => problems.add(problem), onRow),
        () => {
          valid++
        },
      )
      if (dryRun) {
        // A dry run only counts the valid rows (countingRecords does).
        for await (const record of records) void record
      } else {
        const written = await writeRecords(prisma, kind, records, {
          runId,
          fileName: file.fileName,
          batchSize: options.batchSize,
          createdById: options.createdById ?? run.createdById,
          countStatistics: !options.bulk,
          parallelBatches: options.parallelBatches,
        })
        kindCounts.inserted += written.inserted
        kindCounts.updated += written.updated
        kindCounts.unchanged += written.unchanged
        kindCounts.refused += written.refused
      }
      kindCounts.rows += rowsRead
      kindCounts.valid += valid
      kindCounts.refused += problems.refusedRows(file.fileName) - refusedBefore
      // The estimate (an .xlsx could not be counted beforehand) gives way to the rows actually read.
      progress.fileDone(entry.rows, rowsRead)
      entry.rows = rowsRead
      await problems.flush()
      await prisma.migrationRun.update({
        where: { id: runId },
        data: {
          counts: counts as unknown as Prisma.InputJsonValue,
          problemCount: problems.refusedTotal(),
          files: entries.map((each) => each.entry) as unknown as Prisma.InputJsonValue,
          rowsTotal: progress.total,
        },
      })
    }
    if (!dryRun) {
      progress.phase('finishing', null)
      await finishImport(prisma, { rebuildStatistics: !!options.bulk })
    }
    await problems.flush()
    await progress.settle()
    const problemCount = problems.refusedTotal()
    // A committed run's uploaded files are not needed again, and they hold what the database keeps only encrypted
    // (handlers' ID numbers): their bytes go, their names, kinds and sizes stay for the page.
    if (!dryRun) await prisma.$executeRaw`UPDATE "migration_uploads" SET "content" = ''::bytea WHERE "runId" = ${runId}`
    await prisma.migrationRun.update({
      where: { id: runId },
      data: {
        status: dryRun ? 'VALIDATED' : 'COMMITTED',
        phase: null,
        rowsDone: progress.total,
        rowsTotal: progress.total,
        problemCount,
        counts: counts as unknown as Prisma.InputJsonValue,
        heartbeatAt: new Date(),
        finishedAt: new Date(),
        version: { increment: 1 },
      },
    })
    return { runId, problemCount, counts }
  } catch (error) {
    await progress.settle()
    await problems.flush().catch(() => undefined)
    const message = error instanceof Error ? error.message : String(error)
    await prisma.migrationRun
      .update({
        where: { id: runId },
        data: {
          status: 'FAILED',
          error: message.slice(0, 2000),
          problemCount: problems.refusedTotal(),
          counts: counts as unknown as Prisma.InputJsonValue,
          heartbeatAt: new Date(),
          finishedAt: new Date(),
          version: { increment: 1 },
        },
      })
      .catch(() => undefined)
    throw error
  }
}

/** The run's stored problems in the order they were found, read page by page (the report, the CLI's --report). */
export async function* storedProblems(prisma: PrismaClient, runId: number): AsyncGenerator<Problem> {
  let after = 0n
  for (;;) {
    const page = await prisma.migrationProblem.findMany({
      where: { runId, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: 5000,
    })
    if (!page.length) return
    for (const problem of page) yield problem
    after = page.at(-1)!.id
  }
}

async function* countingRecords<T>(records: AsyncIterable<T>, onRecord: () => void): AsyncGenerator<T> {
  for await (const record of records) {
    onRecord()
    yield record
  }
}

/** Bytes of an .xlsx file per data row, roughly (compressed XML of a dozen short cells): only for the progress bar. */
const XLSX_BYTES_PER_ROW = 60

/**
 * The file's data rows, cheaply: a CSV's line breaks (in UTF-8 and GB18030 alike, 0x0A is only ever a line feed)
 * less the header; an .xlsx is estimated from its size, and corrected when it has been read.
 */
export async function countRows(file: SourceFile): Promise<number> {
  if (/\.xlsx$/i.test(file.fileName)) return Math.max(1, Math.round(file.size / XLSX_BYTES_PER_ROW))
  let lines = 0
  let last = 0x0a
  for await (const chunk of file.open() as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++
    if (chunk.length) last = chunk[chunk.length - 1]!
  }
  if (last !== 0x0a) lines++
  return Math.max(0, lines - 1)
}

/** Refused rows go to migration_problems in batches; counts distinct refused rows per file. */
class ProblemSink {
  private pending: Problem[] = []
  private writing: Promise<void> = Promise.resolve()
  private readonly refused = new Map<string, Set<number>>()
  constructor(
    private readonly prisma: PrismaClient,
    private readonly runId: number,
  ) {}

  add(problem: Problem): void {
    let rows = this.refused.get(problem.fileName)
    if (!rows) this.refused.set(problem.fileName, (rows = new Set()))
    rows.add(problem.row)
    this.pending.push(problem)
    // Written behind the reader's back (not awaited): validateFile's callback is synchronous.
    if (this.pending.length >= PROBLEM_BATCH) void this.write()
  }

  refusedRows(fileName: string): number {
    return this.refused.get(fileName)?.size ?? 0
  }

  refusedTotal(): number {
    let total = 0
    for (const rows of this.refused.values()) total += rows.size
    return total
  }

  private write(): Promise<void> {
    const batch = this.pending
    this.pending = []
    if (!batch.length) return this.writing
    this.writing = this.writing.then(async () => {
      await this.prisma.migrationProblem.createMany({
        data: batch.map((problem) => ({
          runId: this.runId,
          fileName: problem.fileName.slice(0, 255),
          row: problem.row,
          column: problem.column.slice(0, 64),
          message: problem.message.slice(0, 500),
        })),
      })
    })
    return this.writing
  }

  async flush(): Promise<void> {
    await this.write()
    await this.writing
  }
}

/** Rows done, rate and ETA for the callback (often) and for migration_runs (the heartbeat, about once a second). */
class ProgressKeeper {
  total = 0
  private doneBeforeFile = 0
  private done = 0
  private currentPhase: Progress['phase'] = 'reading'
  private fileName: string | null = null
  private phaseStartedAt = Date.now()
  private doneAtPhaseStart = 0
  private lastReport = 0
  private beating: Promise<unknown> | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly prisma: PrismaClient,
    private readonly runId: number,
    private readonly onProgress?: (progress: Progress) => void,
  ) {}

  setTotal(total: number) {
    this.total = total
    this.tick(true)
  }

  phase(phase: Progress['phase'], fileName: string | null) {
    this.currentPhase = phase
    this.fileName = fileName
    this.phaseStartedAt = Date.now()
    this.doneAtPhaseStart = this.done
    this.tick(true)
  }

  file(fileName: string) {
    this.fileName = fileName
    this.tick(true)
  }

  rows(readInFile: number) {
    this.done = this.doneBeforeFile + readInFile
    this.tick(false)
  }

  fileDone(estimated: number, read: number) {
    this.total += read - estimated
    this.doneBeforeFile += read
    this.done = this.doneBeforeFile
    this.tick(true)
  }

  snapshot(): Progress {
    const seconds = (Date.now() - this.phaseStartedAt) / 1000
    const rowsInPhase = this.done - this.doneAtPhaseStart
    const rowsPerSecond = seconds > 0.5 && rowsInPhase > 0 ? Math.round(rowsInPhase / seconds) : 0
    return {
      phase: this.currentPhase,
      fileName: this.fileName,
      rowsDone: this.done,
      rowsTotal: Math.max(this.total, this.done),
      rowsPerSecond,
      etaSeconds: rowsPerSecond ? Math.ceil(Math.max(0, this.total - this.done) / rowsPerSecond) : null,
    }
  }

  private tick(force: boolean) {
    const now = Date.now()
    if (this.onProgress && (force || now - this.lastReport >= 200)) {
      this.lastReport = now
      this.onProgress(this.snapshot())
    }
  }

  /**
   * The heartbeat: about once a second, whatever the run is doing (a long batch, finishImport). One update in
   * flight at most, never awaited by the reader: on PGlite's single connection it waits for the writer's
   * transaction rather than holding it up.
   */
  start() {
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS)
    this.timer.unref()
  }

  private beat() {
    if (this.beating) return
    const progress = this.snapshot()
    this.beating = this.prisma.migrationRun
      .update({
        where: { id: this.runId },
        data: {
          phase: progress.phase,
          rowsDone: progress.rowsDone,
          rowsTotal: progress.rowsTotal,
          heartbeatAt: new Date(),
        },
      })
      .catch((error: unknown) => console.error('[migration] heartbeat failed:', (error as Error).message))
      .finally(() => {
        this.beating = null
      })
  }

  /** Stops the heartbeat and waits for the one in flight, so the final update is the last word. */
  async settle(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.beating
  }
}
