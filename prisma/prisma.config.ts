// Prisma CLI configuration. The CLI runs its schema engine as WebAssembly through a driver adapter, so it needs
// no native engine download (see README, "Database"). Use it through `node server/scripts/prisma.mjs ...`.
//   DATABASE_URL set   -> that PostgreSQL server (migrate deploy / status)
//   DATABASE_URL unset -> a throw-away in-memory PGlite, which is how new migrations are authored
//                          (`npm run db:migrate:new -- --name <what>`)
import { defineConfig } from 'prisma/config'
import path from 'node:path'

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join(import.meta.dirname, 'schema'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL
    if (url) {
      const { PrismaPg } = await import('@prisma/adapter-pg')
      return new PrismaPg({ connectionString: url })
    }
    const { PGlite } = await import('@electric-sql/pglite')
    const { PrismaPGlite } = await import('pglite-prisma-adapter')
    return new PrismaPGlite(new PGlite())
  },
})
