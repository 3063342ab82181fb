// Starts the real API (on a fresh embedded database in a temporary folder) and the built portal, on free ports.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { repositoryRoot } from '../testkit/paths.ts'
import { apiProcess, freePort, PORTAL_READY, portalProcess, startProcess } from '../testkit/processes.ts'

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
  // Generous: on a shared, busy machine a cold API (migrations, seed) has taken over 90 s to start.
  const api = await startProcess({ ...apiProcess(apiPort, dataDir, `http://127.0.0.1:${webPort}`), timeoutMs: 240_000 })
  // The portal's own server (web/server.mjs, as `npm start` runs it), which tells the API the client's address.
  const web = await startProcess({
    name: 'portal',
    ...portalProcess(webPort, { API_URL: apiUrl, PUBLIC_PORTAL_URL: `http://127.0.0.1:${webPort}` }),
    ready: PORTAL_READY,
    timeoutMs: 240_000,
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
