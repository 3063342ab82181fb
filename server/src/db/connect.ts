// Opens the database: a real PostgreSQL through DATABASE_URL, or the embedded PGlite (PostgreSQL compiled to
// WebAssembly) in a directory of the project. Both go through a Prisma driver adapter, so the same client,
// the same migrations and the same SQL run on either.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { PGliteAdapterFactory } from './pglite-adapter.ts'

/** Runs raw SQL outside Prisma: migration scripts, and test helpers. */
export interface SqlRunner {
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
}

export interface Database {
  kind: 'pglite' | 'postgres'
  prisma: PrismaClient
  sql: SqlRunner
  close(): Promise<void>
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; instance?: PGlite }

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 })
    // An idle client that loses its connection must not crash the process.
    pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', error.message))
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
    return {
      kind: 'postgres',
      prisma,
      sql: {
        exec: async (script) => {
          await pool.query(script)
        },
        query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
      },
      close: async () => {
        await prisma.$disconnect()
        await pool.end()
      },
    }
  }
  let pglite = target.instance
  if (!pglite) {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true })
    pglite = await PGlite.create(target.dataDir)
  }
  const instance = pglite
  // The PGlite adapter is typed against an older copy of Prisma's adapter interfaces; at run time they agree.
  const adapter = new PGliteAdapterFactory(instance) as unknown as PrismaPg
  const prisma = new PrismaClient({ adapter })
  return {
    kind: 'pglite',
    prisma,
    sql: {
      exec: async (script) => {
        await instance.exec(script)
      },
      query: async <Row,>(sql: string, params?: unknown[]) => (await instance.query<Row>(sql, params)).rows,
    },
    close: async () => {
      await prisma.$disconnect()
      if (!target.instance) await instance.close()
    },
  }
}
