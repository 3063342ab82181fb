// Prisma CLI configuration. The CLI runs its schema engine as WebAssembly through a driver adapter, so it needs
// no native engine download (see README, "Database"). Use it through `node server/scripts/prisma.mjs ...`.
//   DATABASE_URL set   -> that PostgreSQL server (migrate deploy / status)
//   DATABASE_URL unset -> a throw-away in-memory PGlite, which is how new migrations are authored
//                          (`npm run db:migrate:new -- --name <what>`)
import { defineConfig } from 'prisma/config'
import path from 'node:path'

type MigrationAdapter = {
  executeScript(script: string): Promise<void>
  executeRaw(query: { sql: string; args: unknown[] }): Promise<number>
  /** adapter-pg: the pg Pool or Client */
  underlyingDriver?: () => { query(sql: string): Promise<unknown> }
  /** pglite-prisma-adapter: the PGlite instance */
  client?: { exec(sql: string): Promise<unknown> }
}

/**
 * Both adapters run migration scripts badly: adapter-pg splits them on every ";" (breaking PL/pgSQL bodies and
 * comments), and the PGlite adapter does not wait for the script or report its errors; for the shadow database
 * the engine sends whole scripts through executeRaw, which prepares them as one statement. Send scripts whole,
 * with the simple query protocol, on the main connection and on the shadow database alike.
 */
function runScriptsWhole<Factory extends { connect(): Promise<unknown>; connectToShadowDb?(): Promise<unknown> }>(
  factory: Factory,
): Factory {
  const patch = (adapter: MigrationAdapter) => {
    const runWhole = async (script: string) => {
      if (adapter.underlyingDriver) await adapter.underlyingDriver().query(script)
      else await adapter.client!.exec(script)
    }
    const executeRaw = adapter.executeRaw.bind(adapter)
    adapter.executeScript = runWhole
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query)
      await runWhole(query.sql)
      return 0
    }
    return adapter
  }
  const connect = factory.connect.bind(factory)
  factory.connect = async () => patch((await connect()) as MigrationAdapter)
  if (factory.connectToShadowDb) {
    const connectToShadowDb = factory.connectToShadowDb.bind(factory)
    factory.connectToShadowDb = async () => patch((await connectToShadowDb()) as MigrationAdapter)
  }
  return factory
}

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join(import.meta.dirname, 'schema'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL
    if (url) {
      const { PrismaPg } = await import('@prisma/adapter-pg')
      return runScriptsWhole(new PrismaPg({ connectionString: url }))
    }
    const { PGlite } = await import('@electric-sql/pglite')
    const { PrismaPGlite } = await import('pglite-prisma-adapter')
    return runScriptsWhole(new PrismaPGlite(new PGlite()))
  },
})
