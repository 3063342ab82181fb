// `npm run import -w server` as a child process (server/src/modules/migration/cli.ts) against a database of its
// own (a PGlite data directory from the test snapshot, or a PostgreSQL copy of the template): a dry run with
// refused rows exits 1, writes the XLSX report and nothing else; a clean commit exits 0; a commit killed with
// SIGKILL half-way is finished by --resume <id> with every row exactly once.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase, type Database } from '../../server/src/db/connect.ts'
import { STALE_AFTER_MS } from '../../server/src/modules/migration/run.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'
import { badCheckCharacter, templateCsv, unitsAndDomains, writeFolder } from '../testkit/migrationFiles.ts'
import { repositoryRoot } from '../testkit/paths.ts'

const serverDir = path.join(repositoryRoot, 'server')
const cli = path.join(serverDir, 'src/modules/migration/cli.ts')

interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** The database the CLI imports into, and a way for the test to look at it between runs. */
interface Target {
  env: Record<string, string>
  /** Runs `look` on an open connection (PGlite: only while no CLI holds the directory). */
  inspect<T>(look: (database: Database) => Promise<T>): Promise<T>
  destroy(): Promise<void>
}

async function cliTarget(): Promise<Target> {
  if (process.env.TEST_DATABASE_URL) {
    const db: TestDatabase = await createTestDatabase({ poolSize: 2 })
    return {
      env: { DATABASE_URL: db.url! },
      inspect: (look) => look(db),
      destroy: () => db.destroy(),
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'migration-pglite-'))
  const seeded = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) })
  await seeded.close()
  return {
    env: { PGLITE_DIR: dataDir, DATABASE_URL: '' },
    inspect: async (look) => {
      const db = await openDatabase({ kind: 'pglite', dataDir })
      try {
        return await look(db)
      } finally {
        await db.close()
      }
    },
    destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** Starts the CLI; `onStderr` sees its progress lines as they come (and may kill it). */
function runCli(
  args: string[],
  env: Record<string, string>,
  onStderr?: (text: string, kill: () => void) => void,
): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    onStderr?.(stderr, () => child.kill('SIGKILL'))
  })
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

let target: Target
beforeAll(async () => {
  target = await cliTarget()
}, 120_000)
afterAll(() => target?.destroy())

describe('npm run import', () => {
  it('--dry-run with refused rows: exit 1, the report written, nothing imported', async () => {
    const data = unitsAndDomains(3)
    const units = [
      ...data.units,
      { ...unitsAndDomains(1).units[0]!, 统一社会信用代码: badCheckCharacter(makeCreditCode('410922')) },
    ]
    const folder = writeFolder({
      '注册单位.csv': templateCsv('units', units),
      '域名.csv': templateCsv('domains', data.domains),
    })
    const report = path.join(folder, 'report.xlsx')
    const before = await target.inspect((db) => db.prisma.unit.count())
    const result = await runCli([folder, '--dry-run', '--report', report], target.env)
    expect(result.code, result.stderr).toBe(1)
    expect(result.stdout).toContain('试运行')
    expect(result.stdout).toMatch(/1 行被拒绝/)
    expect(existsSync(report)).toBe(true)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(report)
    expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toContain('注册单位.csv')
    expect(await target.inspect((db) => db.prisma.unit.count())).toBe(before)
  }, 120_000)

  it('wrong usage: exit 2', async () => {
    expect((await runCli([], target.env)).code).toBe(2)
    expect((await runCli(['/no/such/folder'], target.env)).code).toBe(2)
    expect((await runCli([tmpdir(), '--resume', 'x'], target.env)).code).toBe(2)
  }, 60_000)

  it('a clean commit exits 0; killed with SIGKILL half-way, --resume finishes it without duplicates', async () => {
    const small = unitsAndDomains(3)
    const clean = writeFolder({
      '注册单位.csv': templateCsv('units', small.units),
      '域名.csv': templateCsv('domains', small.domains),
    })
    const committed = await runCli([clean], target.env)
    expect(committed.code, committed.stderr).toBe(0)
    expect(committed.stdout).toMatch(/新增 3/)

    const data = unitsAndDomains(3000)
    const folder = writeFolder({
      '注册单位.csv': templateCsv('units', data.units),
      '域名.csv': templateCsv('domains', data.domains),
    })
    let killedAt = ''
    const killed = await runCli([folder, '--batch-size', '100'], target.env, (stderr, kill) => {
      // Killed once some hundreds of rows of the commit have gone by (batches of 100 are written as it reads).
      const done = [...stderr.matchAll(/\[提交\].*?([\d,]+)\/[\d,]+ 行/g)].at(-1)
      if (!killedAt && done && Number(done[1]!.replace(/,/g, '')) >= 400) {
        killedAt = done[0]
        kill()
      }
    })
    expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL')
    const run = await target.inspect((db) => db.prisma.migrationRun.findFirstOrThrow({ orderBy: { id: 'desc' } }))
    expect(run.status).toBe('COMMITTING')
    // Half-way through the run (units, then domains): on PostgreSQL the CLI writes two batches at once, so the
    // units may all be in by the kill; the domains are not.
    const partial = await target.inspect(async (db) => ({
      units: await db.prisma.unit.count({ where: { creditCode: { in: data.creditCodes } } }),
      domains: await db.prisma.domain.count({ where: { unit: { creditCode: { in: data.creditCodes } } } }),
    }))
    expect(partial.units + partial.domains).toBeLessThan(6000)

    // Too soon: the killed run's heartbeat is fresh, so it might still be running somewhere.
    await new Promise((resolve) => setTimeout(resolve, STALE_AFTER_MS + 1000))
    const resumed = await runCli([folder, '--resume', String(run.id), '--batch-size', '100'], target.env)
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toContain(`导入 #${run.id}`)
    const after = await target.inspect(async (db) => ({
      units: await db.prisma.unit.count({ where: { creditCode: { in: data.creditCodes } } }),
      users: await db.prisma.user.count({ where: { username: { in: data.usernames } } }),
      domains: await db.prisma.domain.count({ where: { unit: { creditCode: { in: data.creditCodes } } } }),
      batches: await db.prisma.migrationBatch.count({ where: { runId: run.id } }),
      status: (await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: run.id } })).status,
    }))
    expect(after).toEqual({ units: 3000, users: 3000, domains: 3000, batches: 60, status: 'COMMITTED' })
  }, 600_000)
})
