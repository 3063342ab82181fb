// Applies the committed migrations in prisma/migrations at start-up, on PGlite and PostgreSQL alike.
// It keeps Prisma's own bookkeeping table (_prisma_migrations, same columns and checksums), so
// `prisma migrate status` and `prisma migrate deploy` agree with it on a real PostgreSQL.
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import type { SqlRunner } from './connect.ts'

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export function readMigrations(migrationsDir: string): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/**
 * Checksums of a migration's earlier text that count as applied. Only for a migration corrected after it landed
 * whose corrected text leaves the same schema: 20261207103500_office_queue_region first backfilled before its
 * CREATE INDEX, which PostgreSQL refuses on any database with a pending domain (pending trigger events), so it can
 * only have applied where there was nothing to backfill. The stored checksum is rewritten to the current one, so
 * `prisma migrate status` agrees afterwards.
 */
export const SUPERSEDED_CHECKSUMS: Readonly<Record<string, readonly string[]>> = {
  '20261207103500_office_queue_region': ['79bc8f5cd79d2f66215df9b031f8eacb1049e07adfc69fa224832803af05a5d5'],
}

// The lock key Prisma's migrate uses, so our runner and `prisma migrate deploy` never run at once.
const MIGRATION_LOCK_KEY = 72707369

/**
 * Applies pending migrations in order, each in its own transaction. Returns the names applied. `until`: the last one
 * to apply (a data step such as `npm run pii:encrypt` runs between two migrations).
 */
export function applyMigrations(runner: SqlRunner, migrationsDir: string, until?: string): Promise<string[]> {
  // One connection throughout: the advisory lock belongs to the session that took it.
  return runner.session((sql) => applyOnSession(sql, migrationsDir, until))
}

async function applyOnSession(sql: SqlRunner, migrationsDir: string, until?: string): Promise<string[]> {
  const migrations = readMigrations(migrationsDir).filter((migration) => until === undefined || migration.name <= until)
  await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`)
  await sql.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
  try {
    const applied = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL',
    )
    const byName = new Map(applied.map((row) => [row.migration_name, row]))
    for (const row of applied) {
      if (!row.finished_at) {
        throw new Error(
          `Migration ${row.migration_name} started earlier and did not finish; repair the database first.`,
        )
      }
    }
    const done: string[] = []
    for (const migration of migrations) {
      const existing = byName.get(migration.name)
      if (existing) {
        if (SUPERSEDED_CHECKSUMS[migration.name]?.includes(existing.checksum)) {
          await sql.query('UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2', [
            migration.checksum,
            migration.name,
          ])
        } else if (existing.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was edited after it was applied (checksum differs).`)
        }
        continue
      }
      const id = randomUUID()
      // The migration and its bookkeeping row commit together or not at all.
      await sql
        .exec(
          `BEGIN;\n${migration.sql}\n;INSERT INTO "_prisma_migrations"
        ("id", "checksum", "finished_at", "migration_name", "applied_steps_count")
        VALUES ('${id}', '${migration.checksum}', now(), '${migration.name.replace(/'/g, "''")}', 1);\nCOMMIT;`,
        )
        .catch(async (error: unknown) => {
          await sql.exec('ROLLBACK').catch(() => undefined)
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`)
        })
      done.push(migration.name)
    }
    return done
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
  }
}
