// Starts the real API (on a fresh embedded database in a temporary folder) and the built portal, on free ports.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { repositoryRoot } from '../testkit/paths.ts'
import { buildServerBundles, startStack } from '../testkit/processes.ts'

/** Generous: how long a start takes says how busy the machine is, not whether the stack works. */
const STACK_START_TIMEOUT_MS = 300_000

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string
    apiUrl: string
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(repositoryRoot, 'web/.next/BUILD_ID'))) {
    throw new Error('The portal is not built: run `npm run build` (npm test does this first).')
  }
  // The API runs from its bundle, as `npm start` runs it: built from the sources under test.
  await buildServerBundles()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-e2e-'))
  // Migrating and seeding a fresh database took over 90 s on two cores shared by several test runs (load 25–30).
  const stack = await startStack({ database: { pgliteDir: dataDir }, timeoutMs: STACK_START_TIMEOUT_MS }).catch(
    (error) => {
      rmSync(dataDir, { recursive: true, force: true })
      throw error
    },
  )
  project.provide('webUrl', stack.webUrl)
  project.provide('apiUrl', stack.apiUrl)
  return async () => {
    await stack.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
