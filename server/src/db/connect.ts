// Opens the database: a real PostgreSQL through DATABASE_URL, or the embedded PGlite (PostgreSQL compiled to
// WebAssembly) in a directory of the project. Both go through a Prisma driver adapter, so the same client,
// the same migrations and the same SQL run on either.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { PGliteAdapterFactory } from './pglite-adapter.ts'
import { stopCrossProcess } from './crossProcess.ts'
import { usePreparedStatements } from './prepared.ts'
import { logFor } from '../observability/log.ts'

/** Runs raw SQL outside Prisma: migration scripts, and test helpers. */
export interface SqlRunner {
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
  /** Runs `work` on one connection (session-level state such as advisory locks stays on it). */
  session<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>
}

export interface Database {
  kind: 'pglite' | 'postgres'
  prisma: PrismaClient
  sql: SqlRunner
  close(): Promise<void>
}

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; instance?: PGlite }

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 })
    // An idle client that loses its connection must not crash the process.
    pool.on('error', (error) => logFor('db').error({ err: error.message }, 'idle PostgreSQL client error'))
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
    usePreparedStatements(prisma, pool)
    const runnerOn = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
      exec: async (script) => {
        await client.query(script)
      },
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      session: async (work) => {
        if (client !== pool) return work(runnerOn(client))
        const connection = await pool.connect()
        try {
          return await work(runnerOn(connection))
        } finally {
          connection.release()
        }
      },
    })
    return {
      kind: 'postgres',
      prisma,
      sql: runnerOn(pool),
      close: async () => {
        await stopCrossProcess(prisma) // the LISTEN connection of db/crossProcess.ts, if one was started
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
  const sql: SqlRunner = {
    exec: async (script) => {
      await instance.exec(script)
    },
    query: async <Row>(statement: string, params?: unknown[]) => (await instance.query<Row>(statement, params)).rows,
    session: (work) => work(sql), // PGlite has a single connection
  }
  return {
    kind: 'pglite',
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect()
      if (!target.instance) await instance.close()
    },
  }
}
