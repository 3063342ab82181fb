// Test databases. By default each test file gets its own embedded PGlite, loaded from a snapshot that the
// global setup migrated and seeded once. With TEST_DATABASE_URL (a PostgreSQL server, e.g. in .ci/run) each
// file gets a fresh database copied from a migrated and seeded template database.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { openDatabase, type Database } from '../../server/src/db/connect.ts'
import { inject } from 'vitest'

export const TEMPLATE_DATABASE = 'conac_test_template'

export function postgresUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export interface TestDatabase extends Database {
  /** The PostgreSQL URL of this test database (undefined on PGlite): what PowerDNS connects to in the DNS tests. */
  url?: string
  /** Drops the database (PostgreSQL) or closes the instance (PGlite). */
  destroy(): Promise<void>
}

/**
 * An empty database on the TEST_DATABASE_URL server, for a process that migrates and seeds it itself (a browser
 * test's own API); `drop` removes it, closing whatever is still connected.
 */
export async function createEmptyPostgresDatabase(
  purpose: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `conac_${purpose}_${process.pid}_${randomBytes(4).toString('hex')}`
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`))
  return {
    name,
    url: postgresUrl(name),
    drop: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE_URL) {
    const name = `conac_test_${process.pid}_${randomBytes(4).toString('hex')}`
    await withAdminClient(async (client) => {
      // Copies from one template cannot overlap; retry while another worker is copying it.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`)
          return
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
        }
      }
    })
    const database = await openDatabase({ kind: 'postgres', url: postgresUrl(name), poolSize: options.poolSize ?? 10 })
    return {
      ...database,
      url: postgresUrl(name),
      destroy: async () => {
        await database.close()
        await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
      },
    }
  }
  const snapshot = new Blob([readFileSync(inject('pgliteTemplate'))])
  const instance = await PGlite.create({ loadDataDir: snapshot })
  const database = await openDatabase({ kind: 'pglite', instance })
  return {
    ...database,
    destroy: async () => {
      await database.close()
      await instance.close()
    },
  }
}
