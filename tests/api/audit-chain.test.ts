// 操作日志的防篡改哈希链 (modules/audit/chain.ts, migration 20261207160634_audit_hash_chain): rows written by
// concurrent transactions are all sealed and the chain verifies; a row committing after a later id was sealed is
// sealed after it; an attacker with database access who changes any column of a sealed row (the guard trigger
// bypassed) is caught at exactly that row, one who deletes a row in the middle or at the end is caught too; the
// guard refuses UPDATE, recent DELETE, TRUNCATE and forged chain columns through ordinary SQL; the retention purge
// keeps the chain verifiable and refuses less than 180 days, as does AUDIT_RETENTION_DAYS at start; and
// `npm run audit:verify` reports both. On PostgreSQL (TEST_DATABASE_URL) the writers really run in parallel.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase, type Database, type SqlRunner } from '../../server/src/db/connect.ts'
import { writeAudit } from '../../server/src/lib/audit.ts'
import { sealAuditChain, verifyAuditChain } from '../../server/src/modules/audit/chain.ts'
import { anonymous } from '../../server/src/viewer.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import { runToExit } from '../testkit/processes.ts'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const serverDir = path.join(repositoryRoot, 'server')
const CHAIN_COLUMNS = ['chainSeq', 'previousHash', 'hash']
const system = { viewer: anonymous, ip: '192.0.2.7' }

/** What an attacker with superuser access does: the statements run with every trigger off (replica role). */
async function asAttacker(db: Database, statement: string, params: unknown[] = []): Promise<void> {
  await db.sql.session(async (sql) => {
    await sql.query('BEGIN')
    try {
      await sql.query('SET LOCAL session_replication_role = replica')
      await sql.query(statement, params)
      await sql.query('COMMIT')
    } catch (error) {
      await sql.query('ROLLBACK')
      throw error
    }
  })
}

/** The SQL error a statement fails with (the test fails if it succeeds). */
async function refusal(sql: SqlRunner, statement: string, params: unknown[] = []): Promise<string> {
  try {
    await sql.query(statement, params)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`not refused: ${statement}`)
}

/** A row with every column filled, sealed: the one the tamper tests change. */
async function sealedFullRow(db: Database): Promise<{ id: number; seq: number }> {
  const [user] = await db.sql.query<{ id: number }>('SELECT "id" FROM "users" ORDER BY "id" LIMIT 1')
  const row = await db.prisma.auditLog.create({
    data: {
      actorUserId: user!.id,
      actorTokenId: 9,
      action: 'test.tamperTarget',
      subjectType: 'Domain',
      subjectId: '42',
      regionPath: '11.1101',
      before: { status: 'PENDING', fee: '1000', tags: ['a', 'b'] },
      after: { status: 'APPROVED', fee: '1000', nested: { ok: true } },
      ip: '192.0.2.1',
    },
  })
  // A few rows after it, so a break there is not at the end of the chain.
  for (let i = 0; i < 3; i++) await writeAudit(db.prisma, system, { action: 'test.after', subjectType: 'Test' })
  await sealAuditChain(db.prisma)
  const sealed = await db.prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })
  return { id: row.id, seq: sealed.chainSeq! }
}

/** An expression that changes a column of its type (a new column of another type must be added here). */
function tamperExpression(column: string, type: string): string {
  const c = `"${column}"`
  if (column === 'id') return `${c} + 1000000`
  if (type === 'integer' || type === 'bigint') return `coalesce(${c}, 0) + 1`
  if (type === 'character varying' || type === 'text' || type === 'character') return `coalesce(${c}, '') || 'x'`
  if (type === 'jsonb' || type === 'json') return `coalesce(${c}::jsonb, '{}'::jsonb) || '{"tampered": true}'::jsonb`
  if (type.startsWith('timestamp')) return `${c} + interval '1 millisecond'`
  if (type === 'uuid') return `gen_random_uuid()`
  if (type === 'boolean') return `NOT coalesce(${c}, false)`
  throw new Error(`audit_logs.${column} has type ${type}: teach tamperExpression how to change it`)
}

describe('sealing', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 })
  }, 120_000)
  afterAll(() => db?.destroy())

  it('rows written by parallel transactions, while the sealer runs, are all sealed and the chain verifies', async () => {
    await sealAuditChain(db.prisma)
    const before = await db.prisma.auditLog.count()
    let writing = true
    // The sealer keeps running while the writers write: it must only ever link committed rows.
    const sealer = (async () => {
      let passes = 0
      while (writing || passes === 0) {
        await sealAuditChain(db.prisma)
        passes++
      }
      return passes
    })()
    const writers = Array.from({ length: 8 }, (_, writer) =>
      db.prisma.$transaction(
        async (tx) => {
          for (let i = 0; i < 5; i++) {
            await writeAudit(tx, system, { action: 'test.parallel', subjectType: 'Test', subjectId: `${writer}-${i}` })
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 10))
          }
        },
        { timeout: 120_000, maxWait: 120_000 },
      ),
    )
    await Promise.all(writers)
    writing = false
    expect(await sealer).toBeGreaterThan(0)
    await sealAuditChain(db.prisma)

    expect(await db.prisma.auditLog.count()).toBe(before + 40)
    expect(await db.prisma.auditLog.count({ where: { chainSeq: null } })).toBe(0)
    const report = await verifyAuditChain(db.prisma)
    expect(report).toMatchObject({ intact: true, brokenId: null, reason: null, unsealed: 0 })
    expect(report.checked).toBe(before + 40)
    expect(report.headSeq).toBe(before + 40)
    // Sequence numbers are gap-free and each row's previous hash is the hash of the row before it.
    const rows = await db.prisma.auditLog.findMany({ orderBy: { chainSeq: 'asc' } })
    rows.forEach((row, index) => {
      expect(row.chainSeq).toBe(index + 1)
      expect(row.previousHash).toBe(index === 0 ? '0'.repeat(64) : rows[index - 1]!.hash)
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
    })
  })

  it('a row whose id was taken before a later id was sealed is sealed after it (seal order, not id order)', async () => {
    await sealAuditChain(db.prisma)
    // An id taken by a transaction that has not inserted (or committed) yet: what a slow transaction looks like.
    const [{ id: early }] = (await db.sql.query<{ id: number }>(
      `SELECT nextval(pg_get_serial_sequence('audit_logs', 'id'))::integer AS "id"`,
    )) as [{ id: number }]
    await writeAudit(db.prisma, system, { action: 'test.later', subjectType: 'Test' })
    expect(await sealAuditChain(db.prisma)).toBe(1)
    const later = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'test.later' } })
    expect(later.id).toBeGreaterThan(early)

    await db.prisma.auditLog.create({ data: { id: early, action: 'test.early', subjectType: 'Test' } })
    expect(await sealAuditChain(db.prisma)).toBe(1)
    const row = await db.prisma.auditLog.findUniqueOrThrow({ where: { id: early } })
    expect(row.chainSeq).toBe(later.chainSeq! + 1)
    expect(row.previousHash).toBe(later.hash)
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true, unsealed: 0 })
  })

  it.skipIf(!postgres)(
    'PostgreSQL: a transaction that commits after a later row was sealed is sealed in the next pass',
    async () => {
      await sealAuditChain(db.prisma)
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      let inserted!: () => void
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve))
      const slow = db.prisma.$transaction(
        async (tx) => {
          await writeAudit(tx, system, { action: 'test.slowCommit', subjectType: 'Test' })
          inserted()
          await gate
        },
        { timeout: 120_000 },
      )
      await insertedYet
      await writeAudit(db.prisma, system, { action: 'test.fastCommit', subjectType: 'Test' })
      // The uncommitted row is invisible to the sealer: only the committed one is sealed.
      expect(await sealAuditChain(db.prisma)).toBe(1)
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true, unsealed: 0 })
      release()
      await slow
      expect(await sealAuditChain(db.prisma)).toBe(1)
      const slowRow = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'test.slowCommit' } })
      const fastRow = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'test.fastCommit' } })
      expect(slowRow.id).toBeLessThan(fastRow.id)
      expect(slowRow.chainSeq).toBe(fastRow.chainSeq! + 1)
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true, unsealed: 0 })
    },
    120_000,
  )
})

describe('tampering with a sealed row', () => {
  let db: TestDatabase
  let target: { id: number; seq: number }
  let original: unknown
  beforeAll(async () => {
    db = await createTestDatabase()
    target = await sealedFullRow(db)
    ;[original] = await db.sql.query('SELECT to_jsonb(a) AS "row" FROM "audit_logs" a WHERE "id" = $1', [target.id])
  }, 120_000)
  afterAll(() => db?.destroy())

  it('a change to any column (as a superuser with the triggers off) is caught at exactly that row, and undoing it heals the chain', async () => {
    const columns = await db.sql.query<{ column_name: string; data_type: string }>(
      `SELECT "column_name", "data_type" FROM information_schema.columns
        WHERE "table_schema" = current_schema() AND "table_name" = 'audit_logs' ORDER BY "ordinal_position"`,
    )
    const business = columns.filter((column) => !CHAIN_COLUMNS.includes(column.column_name))
    expect(business.map((column) => column.column_name)).toEqual(
      expect.arrayContaining(['id', 'actorUserId', 'action', 'subjectId', 'before', 'after', 'ip', 'at']),
    )
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true })
    for (const { column_name: column, data_type: type } of business) {
      await asAttacker(
        db,
        `UPDATE "audit_logs" SET "${column}" = ${tamperExpression(column, type)} WHERE "chainSeq" = $1`,
        [target.seq],
      )
      const [changed] = await db.sql.query<{ id: number }>('SELECT "id" FROM "audit_logs" WHERE "chainSeq" = $1', [
        target.seq,
      ])
      const report = await verifyAuditChain(db.prisma)
      expect({ column, ...report }).toMatchObject({
        column,
        intact: false,
        brokenId: changed!.id,
        brokenSeq: target.seq,
        reason: expect.stringMatching(/content does not match its hash/),
        checked: target.seq - 1,
      })
      // Checking only from the changed row on catches it too; from the next row on, not (that is the trust given).
      expect(await verifyAuditChain(db.prisma, target.seq)).toMatchObject({ intact: false, brokenSeq: target.seq })
      expect(await verifyAuditChain(db.prisma, target.seq + 1)).toMatchObject({ intact: true })
      await asAttacker(
        db,
        `UPDATE "audit_logs" SET "${column}" = (jsonb_populate_record(NULL::"audit_logs", $2::jsonb))."${column}"
          WHERE "chainSeq" = $1`,
        [target.seq, JSON.stringify((original as { row: unknown }).row)],
      )
      expect({ column, ...(await verifyAuditChain(db.prisma)) }).toMatchObject({ column, intact: true })
    }
  })

  it('rewriting the hash of the changed row too is caught at the next row; rewriting the rest, at the head', async () => {
    await asAttacker(db, `UPDATE "audit_logs" SET "action" = 'test.forged' WHERE "chainSeq" = $1`, [target.seq])
    await asAttacker(
      db,
      `UPDATE "audit_logs" a SET "hash" = "audit_chain_link"(a."previousHash", a) WHERE "chainSeq" = $1`,
      [target.seq],
    )
    const next = await db.prisma.auditLog.findUniqueOrThrow({ where: { chainSeq: target.seq + 1 } })
    expect(await verifyAuditChain(db.prisma)).toMatchObject({
      intact: false,
      brokenId: next.id,
      brokenSeq: target.seq + 1,
      reason: expect.stringMatching(/previous hash/),
    })
    // Relinking every later row as well leaves only the recorded head to disagree.
    const later = await db.prisma.auditLog.findMany({
      where: { chainSeq: { gt: target.seq } },
      orderBy: { chainSeq: 'asc' },
    })
    for (const row of later)
      await asAttacker(
        db,
        `UPDATE "audit_logs" a SET "previousHash" = p."hash", "hash" = "audit_chain_link"(p."hash", a)
           FROM "audit_logs" p WHERE a."chainSeq" = $1 AND p."chainSeq" = $1 - 1`,
        [row.chainSeq],
      )
    expect(await verifyAuditChain(db.prisma)).toMatchObject({
      intact: false,
      brokenId: later.at(-1)!.id,
      reason: expect.stringMatching(/head records/),
    })
  })
})

describe('deleting sealed rows', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
    for (let i = 0; i < 6; i++) await writeAudit(db.prisma, system, { action: 'test.row', subjectType: 'Test' })
    await sealAuditChain(db.prisma)
  }, 120_000)
  afterAll(() => db?.destroy())

  const snapshot = async (seq: number) =>
    (
      await db.sql.query<{ row: unknown }>('SELECT to_jsonb(a) AS "row" FROM "audit_logs" a WHERE "chainSeq" = $1', [
        seq,
      ])
    )[0]!.row
  const putBack = (row: unknown) =>
    asAttacker(db, `INSERT INTO "audit_logs" SELECT * FROM jsonb_populate_record(NULL::"audit_logs", $1::jsonb)`, [
      JSON.stringify(row),
    ])

  it('a row deleted in the middle is caught at the row after the gap', async () => {
    const { headSeq } = await verifyAuditChain(db.prisma)
    const middle = headSeq - 3
    const row = await snapshot(middle)
    await asAttacker(db, 'DELETE FROM "audit_logs" WHERE "chainSeq" = $1', [middle])
    const after = await db.prisma.auditLog.findUniqueOrThrow({ where: { chainSeq: middle + 1 } })
    expect(await verifyAuditChain(db.prisma)).toMatchObject({
      intact: false,
      brokenId: after.id,
      brokenSeq: middle + 1,
      checked: middle - 1,
      reason: `sequence numbers ${middle} to ${middle} are missing (rows deleted)`,
    })
    await putBack(row)
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true })
  })

  it('rows deleted at the end are caught against the recorded head', async () => {
    const { headSeq } = await verifyAuditChain(db.prisma)
    const row = await snapshot(headSeq)
    await asAttacker(db, 'DELETE FROM "audit_logs" WHERE "chainSeq" = $1', [headSeq])
    expect(await verifyAuditChain(db.prisma)).toMatchObject({
      intact: false,
      brokenSeq: headSeq,
      reason: `sequence numbers ${headSeq} to ${headSeq} are missing at the end (rows deleted)`,
    })
    await putBack(row)
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true })
  })
})

describe('the guard trigger (ordinary SQL, no superuser tricks)', () => {
  let db: TestDatabase
  let sealed: { id: number; seq: number }
  beforeAll(async () => {
    db = await createTestDatabase()
    sealed = await sealedFullRow(db)
  }, 120_000)
  afterAll(() => db?.destroy())

  it('refuses to change a sealed or unsealed row, its chain columns included, and to forge a sealed insert', async () => {
    await expect(
      db.prisma.auditLog.update({ where: { id: sealed.id }, data: { action: 'test.changed' } }),
    ).rejects.toThrow(/append-only/)
    expect(
      await refusal(db.sql, `UPDATE "audit_logs" SET "hash" = repeat('f', 64) WHERE "id" = $1`, [sealed.id]),
    ).toMatch(/append-only/)
    await writeAudit(db.prisma, system, { action: 'test.unsealed', subjectType: 'Test' })
    const unsealed = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'test.unsealed' } })
    expect(
      await refusal(
        db.sql,
        `UPDATE "audit_logs" SET "chainSeq" = 999999, "previousHash" = repeat('0', 64),
        "hash" = repeat('0', 64) WHERE "id" = $1`,
        [unsealed.id],
      ),
    ).toMatch(/append-only/)
    // Even claiming to be the sealer does not allow a business column to change with the chain columns.
    await db.sql.session(async (sql) => {
      await sql.query('BEGIN')
      await sql.query(`SELECT set_config('conac.audit_sealing', 'on', true)`)
      const message = await refusal(
        sql,
        `UPDATE "audit_logs" SET "action" = 'test.changed', "chainSeq" = 999999, "previousHash" = repeat('0', 64),
          "hash" = repeat('0', 64) WHERE "id" = $1`,
        [unsealed.id],
      )
      await sql.query('ROLLBACK')
      expect(message).toMatch(/append-only/)
    })
    expect(
      await refusal(
        db.sql,
        `INSERT INTO "audit_logs" ("action", "subjectType", "chainSeq", "previousHash", "hash")
         VALUES ('test.forged', 'Test', 999999, repeat('0', 64), repeat('0', 64))`,
      ),
    ).toMatch(/inserted unsealed/)
    expect(await db.prisma.auditLog.findUniqueOrThrow({ where: { id: unsealed.id } })).toMatchObject({
      action: 'test.unsealed',
      chainSeq: null,
    })
    expect(await sealAuditChain(db.prisma)).toBe(1)
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true, unsealed: 0 })
  })

  it('refuses to delete a recent row, sealed or not, and to truncate the table', async () => {
    await writeAudit(db.prisma, system, { action: 'test.recentUnsealed', subjectType: 'Test' })
    await expect(db.prisma.auditLog.delete({ where: { id: sealed.id } })).rejects.toThrow(/at least 180 days/)
    expect(await refusal(db.sql, `DELETE FROM "audit_logs" WHERE "action" = 'test.recentUnsealed'`)).toMatch(
      /at least 180 days/,
    )
    expect(await refusal(db.sql, 'TRUNCATE "audit_logs"')).toMatch(/append-only/)
    expect(await db.prisma.auditLog.count({ where: { action: 'test.recentUnsealed' } })).toBe(1)
  })
})

describe('retention: the purge', () => {
  let db: TestDatabase
  let oldRows: number
  beforeAll(async () => {
    db = await createTestDatabase()
    for (let i = 0; i < 5; i++) await writeAudit(db.prisma, system, { action: 'test.old', subjectType: 'Test' })
    // A log that began 200 days ago: these rows, backdated before they are sealed.
    await asAttacker(db, `UPDATE "audit_logs" SET "at" = "at" - interval '200 days' WHERE "chainSeq" IS NULL`)
    oldRows = await sealAuditChain(db.prisma)
    for (let i = 0; i < 3; i++) await writeAudit(db.prisma, system, { action: 'test.recent', subjectType: 'Test' })
    await sealAuditChain(db.prisma)
  }, 120_000)
  afterAll(() => db?.destroy())

  it('refuses a retention under 180 days and an old row deleted outside the purge', async () => {
    expect(oldRows).toBeGreaterThan(0)
    expect(await refusal(db.sql, 'SELECT "audit_chain_purge"(179)')).toMatch(/at least 180 days.*179/)
    expect(await refusal(db.sql, 'DELETE FROM "audit_logs" WHERE "chainSeq" = 1')).toMatch(/append-only/)
    expect(await db.prisma.auditLog.count()).toBe(oldRows + 3)
  })

  it('deletes the old start of the chain only, keeps a checkpoint, and the rest still verifies', async () => {
    // An old row sealed after recent ones is not at the start of the chain: it stays.
    const [{ id: lateId }] = (await db.sql.query<{ id: number }>(
      `INSERT INTO "audit_logs" ("action", "subjectType", "at")
       VALUES ('test.oldButLate', 'Test', localtimestamp - interval '300 days') RETURNING "id"`,
    )) as [{ id: number }]
    await sealAuditChain(db.prisma)
    const last = await db.prisma.auditLog.findUniqueOrThrow({ where: { chainSeq: oldRows } })

    const [{ deleted }] = (await db.sql.query<{ deleted: number }>('SELECT "audit_chain_purge"(180) AS "deleted"')) as [
      { deleted: number },
    ]
    expect(deleted).toBe(oldRows)
    expect(await db.prisma.auditLog.count()).toBe(4)
    expect(await db.prisma.auditLog.findUnique({ where: { id: lateId } })).not.toBeNull()
    const report = await verifyAuditChain(db.prisma)
    expect(report).toMatchObject({ intact: true, checked: 4, purgedThroughSeq: oldRows, headSeq: oldRows + 4 })
    expect(await db.prisma.auditChainState.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      purgedThroughSeq: oldRows,
      purgedHash: last.hash,
    })
    // A second purge finds nothing more to delete; the first remaining row cannot be dropped unseen.
    expect((await db.sql.query<{ deleted: number }>('SELECT "audit_chain_purge"(180) AS "deleted"'))[0]!.deleted).toBe(
      0,
    )
    await asAttacker(db, 'DELETE FROM "audit_logs" WHERE "chainSeq" = $1', [oldRows + 1])
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: false, brokenSeq: oldRows + 2 })
  })
})

describe('AUDIT_RETENTION_DAYS', () => {
  const loadConfig = (value: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', `await import('./src/config.ts')`], {
      cwd: serverDir,
      env: { ...process.env, AUDIT_RETENTION_DAYS: value },
      encoding: 'utf8',
    })

  it('under 180 days is refused at start with the reason; 365 is accepted', () => {
    const refused = loadConfig('90')
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('AUDIT_RETENTION_DAYS must be at least 180')
    expect(loadConfig('365').status).toBe(0)
  }, 60_000)
})

describe('npm run audit:verify', () => {
  interface Target {
    env: Record<string, string>
    use<T>(work: (database: Database) => Promise<T>): Promise<T>
    destroy(): Promise<void>
  }
  let target: Target
  beforeAll(async () => {
    if (postgres) {
      const db = await createTestDatabase({ poolSize: 2 })
      target = { env: { DATABASE_URL: db.url! }, use: (work) => work(db), destroy: () => db.destroy() }
      return
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'audit-chain-pglite-'))
    const seeded = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) })
    await seeded.close()
    target = {
      env: { PGLITE_DIR: dataDir, DATABASE_URL: '' },
      use: async (work) => {
        const db = await openDatabase({ kind: 'pglite', dataDir })
        try {
          return await work(db)
        } finally {
          await db.close()
        }
      },
      destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }, 120_000)
  afterAll(() => target?.destroy())

  const verify = (...args: string[]) =>
    runToExit(process.execPath, ['--import', 'tsx', 'src/modules/audit/run.ts', 'verify', ...args], {
      cwd: serverDir,
      env: target.env,
    })

  it('prints "chain intact" with the row count and last hash, and exit 1 with the first broken row', async () => {
    const unsealed = await target.use(async (db) => {
      for (let i = 0; i < 4; i++) await writeAudit(db.prisma, system, { action: 'test.cli', subjectType: 'Test' })
      return db.prisma.auditLog.count()
    })
    const first = await verify()
    expect(first.stdout).toContain(`${unsealed} row(s) not sealed yet`)
    expect(first.code).toBe(0)

    const sealed = await verify('--seal')
    const head = await target.use((db) => verifyAuditChain(db.prisma))
    expect(sealed.stdout).toContain(`chain intact: ${unsealed} rows, last seq ${unsealed}, last hash ${head.headHash}`)
    expect(sealed.code).toBe(0)

    const row = await target.use(async (db) => {
      await asAttacker(db, `UPDATE "audit_logs" SET "ip" = '203.0.113.9' WHERE "chainSeq" = 2`)
      return db.prisma.auditLog.findUniqueOrThrow({ where: { chainSeq: 2 } })
    })
    const broken = await verify()
    expect(broken.stdout).toContain(`chain BROKEN at row id ${row.id} (seq 2): its content does not match its hash`)
    expect(broken.code).toBe(1)
  }, 180_000)
})
