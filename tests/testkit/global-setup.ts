// Runs once before the API tests: builds the migrated and seeded database every test file starts from.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../../server/src/db/connect.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'
import { seedDatabase } from '../../server/src/seed/index.ts'
import { postgresUrl, TEMPLATE_DATABASE, withAdminClient } from './database.ts'
import type { TestProject } from 'vitest/node'
import { artifactsDir, migrationsDir } from './paths.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PGlite snapshot every test file starts from (one per run, so parallel runs do not collide). */
    pgliteTemplate: string
  }
}

export default async function setup(project: TestProject) {
  mkdirSync(artifactsDir, { recursive: true })
  const pgliteTemplateFile = path.join(artifactsDir, `pglite-template-${process.pid}.tar.gz`)
  project.provide('pgliteTemplate', pgliteTemplateFile)
  if (process.env.TEST_DATABASE_URL) {
    await withAdminClient(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`)
      await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`)
    })
    const database = await openDatabase({ kind: 'postgres', url: postgresUrl(TEMPLATE_DATABASE), poolSize: 2 })
    await applyMigrations(database.sql, migrationsDir)
    await seedDatabase(database.prisma)
    await database.close()
    console.log(`[tests] PostgreSQL template database ${TEMPLATE_DATABASE} ready`)
    return
  }
  const instance = await PGlite.create()
  const database = await openDatabase({ kind: 'pglite', instance })
  await applyMigrations(database.sql, migrationsDir)
  await seedDatabase(database.prisma)
  const dump = await instance.dumpDataDir('gzip')
  writeFileSync(pgliteTemplateFile, Buffer.from(await dump.arrayBuffer()))
  await database.close()
  await instance.close()
  console.log('[tests] PGlite template snapshot ready')
  return () => rmSync(pgliteTemplateFile, { force: true })
}
