// `npm run import -w server -- <folder or files> [--dry-run] [--resume <runId>] [--report <out.xlsx>]
// [--database-url <url>]`: one import run (run.ts) from files on disk. A folder stands for its .csv and .xlsx files.
// The database is DATABASE_URL (or --database-url), else the embedded PGlite in PGLITE_DIR (data/pglite), as for
// the server; PGlite is one process's at a time, so stop the API first when importing into it.
// Progress goes to stderr (phase, file, rows done of total, rows per second, time left); the summary to stdout.
// Exit code: 0 no problems; 1 rows were refused (a dry run wrote nothing, a commit wrote the valid rows);
// 2 wrong usage or the run failed (a commit that failed, or was killed, is finished by --resume <runId>).
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { config } from '../../config.ts'
import { openDatabase, type Database } from '../../db/connect.ts'
import { applyMigrations } from '../../db/migrate.ts'
import { fileFromPath, type SourceFile } from './read/sourceFile.ts'
import { problemsReportXlsx } from './report.ts'
import { runImport, storedProblems, type RunImportResult } from './run.ts'
import { KIND_ORDER, TEMPLATES, type Progress } from './templates.ts'

const USAGE = `用法: npm run import -w server -- <文件夹或文件…> [--dry-run] [--resume <导入编号>] [--report <报告.xlsx>] [--database-url <url>]
  --dry-run         只校验，不写入任何数据
  --resume <编号>    继续一次中断或失败的导入（给出同样的文件）
  --report <文件>    把校验报告（文件、行号、列、原因）写成 XLSX
  --database-url    PostgreSQL 连接串；默认 DATABASE_URL，未设置时用内嵌 PGlite（PGLITE_DIR）
  --batch-size <n>  每个事务写入的行数（默认 5000）
  --bulk            大批量首次导入：逐批不更新统计计数，结束时一次重建（导入期间不要查看统计）`

const PHASE_TEXT: Record<Progress['phase'], string> = {
  reading: '读取',
  validating: '校验',
  committing: '提交',
  finishing: '收尾',
}

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'string' },
      report: { type: 'string' },
      'database-url': { type: 'string' },
      'batch-size': { type: 'string' },
      bulk: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return null
  if (!positionals.length) throw new UsageError('请给出要导入的文件或文件夹')
  const resume = values.resume == null ? undefined : Number(values.resume)
  if (resume != null && (!Number.isInteger(resume) || resume <= 0))
    throw new UsageError(`--resume 应为导入编号（正整数），收到 ${values.resume}`)
  const batchSize = values['batch-size'] == null ? undefined : Number(values['batch-size'])
  if (batchSize != null && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000))
    throw new UsageError(`--batch-size 应为 1 到 100000 的整数，收到 ${values['batch-size']}`)
  if (values.report && !/\.xlsx$/i.test(values.report)) throw new UsageError('--report 的文件名应以 .xlsx 结尾')
  return {
    paths: positionals,
    dryRun: values['dry-run'],
    resume,
    report: values.report,
    batchSize,
    bulk: values.bulk,
    databaseUrl: values['database-url'] || config.databaseUrl,
  }
}

/** The files named: a folder's .csv and .xlsx files (not its subfolders), in name order. */
function expandPaths(paths: string[]): string[] {
  const files: string[] = []
  for (const each of paths) {
    let stats
    try {
      stats = statSync(each)
    } catch {
      throw new UsageError(`找不到文件或文件夹：${each}`)
    }
    if (stats.isDirectory()) {
      const inside = readdirSync(each)
        .filter((name) => /\.(csv|xlsx)$/i.test(name) && !name.startsWith('~$'))
        .sort()
        .map((name) => path.join(each, name))
      if (!inside.length) throw new UsageError(`文件夹中没有 .csv 或 .xlsx 文件：${each}`)
      files.push(...inside)
    } else files.push(each)
  }
  return files
}

const number = (value: number) => value.toLocaleString('en-US')

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (value: number) => String(value).padStart(2, '0')
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}

function progressLine(progress: Progress): string {
  const parts = [`[${PHASE_TEXT[progress.phase]}]`]
  if (progress.fileName) parts.push(progress.fileName)
  parts.push(`${number(progress.rowsDone)}/${number(progress.rowsTotal)} 行`)
  if (progress.rowsPerSecond) parts.push(`${number(progress.rowsPerSecond)} 行/秒`)
  if (progress.etaSeconds != null) parts.push(`预计剩余 ${duration(progress.etaSeconds)}`)
  return parts.join('  ')
}

/** Progress on stderr: one line rewritten in a terminal, else a line a second (and at each change of phase or file). */
function progressPrinter() {
  const tty = process.stderr.isTTY
  let last = 0
  let lastKey = ''
  return {
    update(progress: Progress) {
      const key = `${progress.phase}|${progress.fileName}`
      const now = Date.now()
      if (tty) {
        process.stderr.write(`\r\x1b[K${progressLine(progress)}`)
      } else if (key !== lastKey || now - last >= 1000) {
        process.stderr.write(`${progressLine(progress)}\n`)
        last = now
      }
      lastKey = key
    },
    end() {
      if (tty) process.stderr.write('\n')
    },
  }
}

function printSummary(result: RunImportResult, dryRun: boolean) {
  const lines = [`导入 #${result.runId}${dryRun ? '（试运行，未写入数据）' : ''}`]
  for (const kind of KIND_ORDER) {
    const counts = result.counts[kind]
    if (!counts) continue
    const title = TEMPLATES[kind].fileName
    lines.push(
      dryRun
        ? `  ${title}: ${number(counts.rows)} 行，有效 ${number(counts.valid)}，拒绝 ${number(counts.refused)}`
        : `  ${title}: ${number(counts.rows)} 行，新增 ${number(counts.inserted)}，更新 ${number(counts.updated)}，` +
            `未变 ${number(counts.unchanged)}，拒绝 ${number(counts.refused)}`,
    )
  }
  lines.push(result.problemCount ? `共 ${number(result.problemCount)} 行被拒绝` : '没有发现问题')
  console.log(lines.join('\n'))
}

async function openTarget(databaseUrl: string | undefined): Promise<Database> {
  const database = databaseUrl
    ? await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 4 })
    : await openDatabase({ kind: 'pglite', dataDir: config.pgliteDir })
  await applyMigrations(database.sql, config.migrationsDir)
  return database
}

async function main(argv: string[]): Promise<number> {
  let options
  let files: SourceFile[]
  try {
    options = parse(argv)
    if (!options) {
      console.log(USAGE)
      return 0
    }
    files = expandPaths(options.paths).map((each) => fileFromPath(each))
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const database = await openTarget(options.databaseUrl)
  const printer = progressPrinter()
  const startedAt = new Date()
  try {
    const result = await runImport(database.prisma, files, {
      dryRun: options.dryRun,
      runId: options.resume,
      source: 'CLI',
      createdById: null,
      batchSize: options.batchSize,
      bulk: options.bulk,
      // Two batches at once let PostgreSQL use a second core (the pool has 4 connections); PGlite has one.
      parallelBatches: database.kind === 'postgres' ? 2 : 1,
      onProgress: (progress) => printer.update(progress),
    })
    printer.end()
    printSummary(result, options.dryRun)
    if (options.report) {
      writeFileSync(options.report, await problemsReportXlsx(storedProblems(database.prisma, result.runId)))
      console.log(`校验报告：${options.report}`)
    }
    return result.problemCount ? 1 : 0
  } catch (error) {
    printer.end()
    console.error(`导入失败：${(error as Error).message}`)
    const run = await database.prisma.migrationRun
      .findFirst({
        where: options.resume
          ? { id: options.resume }
          : { source: 'CLI', status: 'FAILED', startedAt: { gte: startedAt } },
        orderBy: { id: 'desc' },
        select: { id: true, dryRun: true, status: true },
      })
      .catch(() => null)
    if (run?.status === 'FAILED' && !run.dryRun) console.error(`修正后可用 --resume ${run.id} 继续（给出同样的文件）`)
    return 2
  } finally {
    await database.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
