// The database the server runs on, chosen by the environment, migrated before first use.
import { config } from '../config.ts'
import { openDatabase, type Database } from './connect.ts'
import { applyMigrations } from './migrate.ts'
import { logFor } from '../observability/log.ts'

export async function openConfiguredDatabase(): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.pgliteDir })
  const applied = await applyMigrations(database.sql, config.migrationsDir)
  if (applied.length) logFor('db').info(`applied migrations: ${applied.join(', ')}`)
  return database
}
