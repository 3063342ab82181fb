// --fresh: drops and recreates the target database, applies the committed migrations (the same runner the server
// and the tests use; it keeps Prisma's _prisma_migrations bookkeeping) and seeds regions, offices, their accounts
// and the price list. The demo units and logins are not seeded: their names would collide with generated units.
import pg from 'pg'
import { openDatabase } from '../../src/db/connect.ts'
import { applyMigrations } from '../../src/db/migrate.ts'
import { config } from '../../src/config.ts'
import { seedRegionsAndOffices } from '../../src/seed/regions.ts'

export async function prepareFreshDatabase(url: string, log: (line: string) => void = console.log): Promise<void> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name "${name}"`)
  const maintenance = new URL(url)
  maintenance.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const started = performance.now()
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 })
  try {
    const applied = await applyMigrations(database.sql, config.migrationsDir)
    const counts = await seedRegionsAndOffices(database.prisma)
    await database.prisma.priceListEntry.createMany({
      data: [
        { suffix: 'ZHENGWU', feePerYearFen: 30000n, effectiveFrom: new Date('2014-01-01') },
        { suffix: 'GONGYI', feePerYearFen: 30000n, effectiveFrom: new Date('2014-01-01') },
      ],
      skipDuplicates: true,
    })
    log(
      `[national] fresh database ${name}: ${applied.length} migrations, ${counts.regions} regions, ${counts.offices} offices (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    )
  } finally {
    await database.close()
  }
}
