// `npm run migration:export -w server -- <out folder>`: writes the configured database (PGlite by default, or
// DATABASE_URL) as the 数据迁移 templates, one UTF-8 CSV per kind (src/modules/migration/export.ts). Used for the
// round trip and to turn the national dataset into the files the import benchmark reads.
import { openConfiguredDatabase } from '../src/db/open.ts'
import { exportTemplates } from '../src/modules/migration/export.ts'

const outDir = process.argv.slice(2).find((arg) => !arg.startsWith('--'))
if (!outDir) {
  console.error('usage: npm run migration:export -w server -- <out folder>')
  process.exit(2)
}
const database = await openConfiguredDatabase()
try {
  const started = performance.now()
  await exportTemplates(database.prisma, outDir, undefined, (file) =>
    console.log(`[export] ${file.path}: ${file.rows} rows (${((performance.now() - started) / 1000).toFixed(1)} s)`),
  )
} finally {
  await database.close()
}
