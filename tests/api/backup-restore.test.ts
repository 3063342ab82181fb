// 备份与恢复演练 (restore drill), PostgreSQL only: money moves through the API (收费), deploy/backup/backup.sh dumps
// the database, more money moves, deploy/backup/restore.sh restores the dump into a new database, and the API
// started on the restored copy shows the state at the backup: the ledger balances, the office's balance is the one
// at the backup, the collection made after it is absent, the audit chain verifies (and goes on being sealed), a
// login works. restore.sh refuses a database that is not empty; backup.sh keeps only the newest BACKUP_KEEP dumps.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/src/db/connect.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'
import { sealAuditChain, verifyAuditChain } from '../../server/src/modules/audit/chain.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createEmptyPostgresDatabase, type TestDatabase } from '../testkit/database.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { balanceOf, expectLedgerConsistent, officeByRegion, unitByName } from '../testkit/money.ts'
import { migrationsDir, repositoryRoot } from '../testkit/paths.ts'
import { runToExit } from '../testkit/processes.ts'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
if (!postgres)
  console.warn('[backup-restore] skipped: pg_dump/pg_restore need PostgreSQL (TEST_DATABASE_URL); PGlite has no server')

const backupDir = path.join(repositoryRoot, 'deploy/backup')
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

const CollectFee = graphql(`
  mutation DrillCollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
    }
  }
`)

const OfficeAccount = graphql(`
  query DrillOfficeAccount {
    officeAccount {
      collectedFen
    }
  }
`)

/** Runs a script of deploy/backup; resolves with its exit code and output. */
function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  return runToExit(path.join(backupDir, script), args, { env: { PG_BIN, ...env } })
}

describe.skipIf(!postgres)('the restore drill', () => {
  let t: TestApp
  let restoredApp: TestApp | undefined
  let restoredDb: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | undefined
  let dumps: string
  let unitId: number
  let officeId: number
  let cookie: string
  let keys = 0

  const approvedDomain = async (years: number) =>
    (await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED', years })).id
  const collect = async (domainId: number, years: number) => {
    const result = await t.execute(
      CollectFee,
      {
        input: {
          unitId: String(unitId),
          domainIds: [String(domainId)],
          renewalIds: [],
          amountFen: 30000 * years,
          invoiceCount: 0,
          idempotencyKey: `drill-collect-${++keys}-${Date.now()}`,
        },
      },
      { cookie },
    )
    expect(result.errors).toBeUndefined()
    return { domainId, collectionId: Number(result.data!.collectFee.id) }
  }

  beforeAll(async () => {
    t = await createTestApp()
    dumps = mkdtempSync(path.join(tmpdir(), 'conac-backups-'))
    unitId = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
    officeId = (await officeByRegion(t.db.prisma, '410922')).id
    cookie = await t.login('qingfeng')
  }, 120_000)
  afterAll(async () => {
    await restoredApp?.close()
    if (!restoredApp) await restoredDb?.drop()
    await t?.close()
    if (dumps) rmSync(dumps, { recursive: true, force: true })
  })

  it('restores the backup into a new database on which the API runs with the state of the backup', async () => {
    // Before the backup: a collection of 2 years (600 元), a second domain approved and not paid yet, the audit rows
    // sealed as the scheduler would, and one row written after the last seal (the backup catches it unsealed).
    const before = await collect(await approvedDomain(2), 2)
    const laterDomain = await approvedDomain(1)
    await sealAuditChain(t.db.prisma)
    await t.login('nanle')
    const collectedAtBackup = await balanceOf(t.db.prisma, officeId, 'OFFICE_COLLECTED')
    expect(collectedAtBackup).toBeGreaterThanOrEqual(60000n)
    const chainAtBackup = await verifyAuditChain(t.db.prisma)
    expect(chainAtBackup).toMatchObject({ intact: true })
    expect(chainAtBackup.unsealed).toBeGreaterThan(0)

    const backup = await runScript('backup.sh', [dumps], { DATABASE_URL: t.db.url! })
    expect(backup.stderr).toBe('')
    expect(backup.code).toBe(0)
    const file = backup.stdout.trim()
    expect(path.basename(file)).toMatch(/^conac-\d{8}T\d{6}Z\.dump$/)

    // After the backup: another collection (1 year) and more audit rows, sealed.
    const after = await collect(laterDomain, 1)
    await sealAuditChain(t.db.prisma)
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_COLLECTED')).toBe(collectedAtBackup + 30000n)

    // restore.sh refuses the live database (not empty), which stays as it was.
    const intoLive = await runScript('restore.sh', [file, t.db.url!])
    expect(intoLive.code).toBe(3)
    expect(intoLive.stderr).toContain('refusing to restore: the target database is not empty')
    expect(await t.db.prisma.feeCollection.findUnique({ where: { id: after.collectionId } })).not.toBeNull()

    restoredDb = await createEmptyPostgresDatabase('restored')
    const restore = await runScript('restore.sh', [file, restoredDb.url])
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toContain(`restored ${file}`)

    // The API on the restored copy: nothing to migrate, and served like any database.
    const restored = await openDatabase({ kind: 'postgres', url: restoredDb.url, poolSize: 4 })
    expect(await applyMigrations(restored.sql, migrationsDir)).toEqual([])
    const database: TestDatabase = {
      ...restored,
      url: restoredDb.url,
      destroy: async () => {
        await restored.close()
        await restoredDb!.drop()
      },
    }
    restoredApp = await createTestApp({ database })
    const prisma = restored.prisma

    // The money is as it was at the backup, and balances.
    await expectLedgerConsistent(prisma)
    expect(await balanceOf(prisma, officeId, 'OFFICE_COLLECTED')).toBe(collectedAtBackup)
    expect(await prisma.feeCollection.findUnique({ where: { id: before.collectionId } })).not.toBeNull()
    expect(await prisma.feeCollection.findUnique({ where: { id: after.collectionId } })).toBeNull()
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: after.domainId } })).status).toBe('CONAC_APPROVED')
    const collectAudits = (collectionId: number) =>
      prisma.auditLog.count({ where: { action: 'fee.collect', subjectId: String(collectionId) } })
    expect(await collectAudits(before.collectionId)).toBe(1)
    expect(await collectAudits(after.collectionId)).toBe(0)

    // The audit chain verifies on the copy: the same head as at the backup, the same rows waiting to be sealed.
    expect(await verifyAuditChain(prisma)).toEqual(chainAtBackup)
    expect(await sealAuditChain(prisma)).toBe(chainAtBackup.unsealed)
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true, unsealed: 0 })

    // People log in, and see the balance of the backup.
    const restoredCookie = await restoredApp.login('qingfeng')
    const account = await restoredApp.execute(OfficeAccount, {}, { cookie: restoredCookie })
    expect(account.errors).toBeUndefined()
    expect(BigInt(account.data!.officeAccount.collectedFen as number)).toBe(collectedAtBackup)
    // The login itself was audited and sealed into the continued chain.
    await sealAuditChain(prisma)
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true, unsealed: 0 })
  }, 300_000)

  it('backup.sh keeps the newest BACKUP_KEEP dumps', async () => {
    const folder = mkdtempSync(path.join(dumps, 'keep-'))
    const made: string[] = []
    for (let i = 0; i < 3; i++) {
      const run = await runScript('backup.sh', [folder], { DATABASE_URL: t.db.url!, BACKUP_KEEP: '2' })
      expect(run.code).toBe(0)
      made.push(path.basename(run.stdout.trim()))
      // Names carry the second: wait for the next one so each run writes its own file.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
    }
    expect(readdirSync(folder).sort()).toEqual(made.slice(1).sort())
    const refused = await runScript('backup.sh', [folder], { DATABASE_URL: t.db.url!, BACKUP_KEEP: '0' })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('BACKUP_KEEP must be a whole number of at least 1')
  }, 120_000)
})
