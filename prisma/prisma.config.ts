// Prisma CLI configuration. The CLI runs its schema engine as WebAssembly through a driver adapter, so it needs
// no native engine download (see README, "Database"). Use it through `node server/scripts/prisma.mjs ...`.
//   DATABASE_URL set   -> that PostgreSQL server (migrate deploy / status)
//   DATABASE_URL unset -> a throw-away in-memory PGlite, which is how new migrations are authored
//                          (`npm run db:migrate:new -- --name <what>`)
import { defineConfig } from 'prisma/config'
import path from 'node:path'

type ScriptRunner = { executeScript(script: string): Promise<void> }

/**
 * Both adapters run migration scripts badly: adapter-pg splits them on every ";" (breaking PL/pgSQL bodies and
 * comments), and the PGlite adapter does not wait for the script or report its errors. Send each script whole.
 */
function runScriptsWhole<Factory extends { connect(): Promise<unknown> }>(
  factory: Factory,
  run: (script: string) => Promise<unknown>,
): Factory {
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const adapter = (await connect()) as ScriptRunner
    adapter.executeScript = async (script) => {
      await run(script)
    }
    return adapter
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
      const pg = (await import('pg')).default
      const pool = new pg.Pool({ connectionString: url, max: 2 })
      return runScriptsWhole(new PrismaPg(pool), (script) => pool.query(script))
    }
    const { PGlite } = await import('@electric-sql/pglite')
    const { PrismaPGlite } = await import('pglite-prisma-adapter')
    const client = new PGlite()
    return runScriptsWhole(new PrismaPGlite(client), (script) => client.exec(script))
  },
})
