#!/usr/bin/env node
// `npm run db:migrate:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the committed migrations to the current schema in prisma/schema. Prisma computes the diff with its
// WebAssembly schema engine on a throw-away PGlite shadow database, so nothing is downloaded and no server is
// needed. Add hand-written constraints to the file before committing it.
// `--check` only reports whether the schema and the migrations agree (exit 0) or not (exit 2).
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const check = process.argv.includes('--check')
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'))
if (!check && !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('usage: npm run db:migrate:new -- <name_in_snake_case>   |   --check')
  process.exit(1)
}

const env = { ...process.env }
delete env.DATABASE_URL // the shadow database is always a throw-away PGlite
const result = spawnSync(
  process.execPath,
  [
    path.join(here, 'prisma.mjs'),
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema-datamodel',
    'prisma/schema',
    '--script',
  ],
  { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
)
if (result.status !== 0) {
  process.stderr.write(result.stderr)
  process.exit(1)
}
const sql = result.stdout.slice(result.stdout.indexOf('--')).trim()
const empty = sql === '' || sql === '-- This is an empty migration.'
if (check) {
  console.log(
    empty ? 'prisma/schema and prisma/migrations agree' : `prisma/schema has changes no migration holds:\n${sql}`,
  )
  process.exit(empty ? 0 : 2)
}
if (empty) {
  console.log('No changes: prisma/schema already matches the migrations.')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = path.join(root, 'prisma/migrations', `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`)
console.log(`Wrote ${path.relative(root, dir)}/migration.sql`)
