// Starts the real API (on a fresh embedded database in a temporary folder) and the built portal, on free ports.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { repositoryRoot } from '../testkit/paths.ts'
import { freePort, PORTAL_READY, portalProcess, startProcess } from '../testkit/processes.ts'
import { TEST_PII_ENCRYPTION_KEYS } from '../testkit/piiKeys.ts'

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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-e2e-'))
  const apiPort = await freePort()
  const webPort = await freePort()
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const api = await startProcess({
    name: 'API',
    command: process.execPath,
    args: ['--max-semi-space-size=32', '--import', 'tsx', 'src/main.ts'],
    cwd: path.join(repositoryRoot, 'server'),
    // DEV_OUTBOX: the registration journey reads its SMS code from /dev/outbox, as a developer would.
    env: {
      API_PORT: String(apiPort),
      PGLITE_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'production',
      PII_ENCRYPTION_KEYS: TEST_PII_ENCRYPTION_KEYS,
      DEV_OUTBOX: 'true',
      // Badge snippets and micro-site forwards point at the portal under test.
      PUBLIC_PORTAL_URL: `http://127.0.0.1:${webPort}`,
      // The journeys run the daily charge themselves, as CONAC would; the scheduler would catch it up at start.
      SCHEDULER: 'false',
      // Trusted documents stay enforced, so the journeys prove the portal sends only its persisted documents; the
      // tests' own set-up documents (testkit/http.ts sends them by hash) are trusted as an extra manifest.
      TRUSTED_DOCUMENTS: 'on',
      TRUSTED_DOCUMENTS_EXTRA: path.join(repositoryRoot, 'tests/graphql/generated/persisted-documents.json'),
    },
    ready: /\[api\] GraphQL on/,
  })
  // The portal's own server (web/server.mjs, as `npm start` runs it), which tells the API the client's address.
  const web = await startProcess({
    name: 'portal',
    ...portalProcess(webPort, { API_URL: apiUrl, PUBLIC_PORTAL_URL: `http://127.0.0.1:${webPort}` }),
    ready: PORTAL_READY,
  }).catch(async (error) => {
    await api.stop()
    throw error
  })
  project.provide('webUrl', `http://127.0.0.1:${webPort}`)
  project.provide('apiUrl', apiUrl)
  return async () => {
    await web.stop()
    await api.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
