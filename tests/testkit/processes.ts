// Starting the real API and portal as child processes for the browser tests (and tearing them down).
import { apiStartArgs, buildServer } from '../../server/scripts/build.mjs'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { repositoryRoot } from './paths.ts'
import { TEST_PII_ENCRYPTION_KEYS } from './piiKeys.ts'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** What a command that ran to its end said, and how it ended. */
export interface Exited {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command (a script, a CLI) to its end and resolves with its exit code and output; never rejects for a failure. */
export function runToExit(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<Exited> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr + error.message }))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

export interface Started {
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

/**
 * How long a start may take by default. A process that fails exits and is reported at once, so this only bounds a
 * slow start: the API seeding 3,225 regions took over 90 s on two cores shared with other test runs (load 30).
 */
const START_TIMEOUT_MS = 300_000

/** Spawns a command and resolves once a line of its output matches `ready`; fails with its output otherwise. */
export function startProcess(options: {
  name: string
  command: string
  args: string[]
  cwd: string
  env: Record<string, string | undefined>
  ready: RegExp
  timeoutMs?: number
}): Promise<Started> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends its children
  })
  let output = ''
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        resolve()
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          /* already gone */
        }
      }, 5000).unref()
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? START_TIMEOUT_MS} ms:\n${output}`))
    }, options.timeoutMs ?? START_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (options.ready.test(output)) {
        clearTimeout(timer)
        resolve({ child, output: () => output, stop })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${options.name} exited with code ${code}:\n${output}`))
    })
  })
}

/**
 * Starts a command that is expected to refuse to start, and reports what it did: `refused` when it exited before
 * `isUp()` ever answered true (polled every half second), otherwise it is stopped and `refused` is false (also after
 * `timeoutMs`). For start-up checks, where a server may print "ready" before it gives up.
 */
export function startExpectingRefusal(options: {
  command: string
  args: string[]
  cwd: string
  env: Record<string, string | undefined>
  isUp: () => Promise<boolean>
  timeoutMs?: number
}): Promise<{ refused: boolean; code: number | null; output: string }> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let stopping = false
  const stop = async () => {
    stopping = true
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      /* already gone */
    }
    await exited
  }
  return new Promise((resolve) => {
    let settled = false
    const finish = (refused: boolean, code: number | null) => {
      if (settled) return
      settled = true
      clearInterval(poll)
      clearTimeout(timer)
      resolve({ refused, code, output })
    }
    void exited.then((code) => {
      if (!stopping) finish(true, code)
    })
    const poll = setInterval(() => {
      void options.isUp().then(
        async (up) => {
          if (up && !stopping) await stop().then(() => finish(false, null))
        },
        () => {},
      )
    }, 500)
    const timer = setTimeout(() => void stop().then(() => finish(false, null)), options.timeoutMs ?? 90_000)
  })
}

/** How to start the portal as `npm start -w web` does (web/server.mjs, production build) on 127.0.0.1:port. */
export function portalProcess(port: number, env: Record<string, string>) {
  return {
    command: process.execPath,
    args: [path.join(repositoryRoot, 'web/server.mjs')],
    cwd: path.join(repositoryRoot, 'web'),
    env: {
      WEB_HOST: '127.0.0.1',
      WEB_PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ...env,
    },
  }
}

/** The line web/server.mjs prints once it listens. */
export const PORTAL_READY = /\[portal\] Ready on/

/**
 * The second factor of the API under test (production build): on, as in production, with the seeded demo accounts
 * exempt so every other browser test signs in in one step; a non-demo staff member created by a test passes it.
 * The TOTP key is a test key (production refuses to start without one).
 */
export const SECOND_FACTOR_TEST_ENV = {
  SECOND_FACTOR: 'on',
  DEMO_SKIPS_SECOND_FACTOR: 'true',
}

/**
 * The API and the URL转发 server as production runs them: the bundles `npm run build -w server` writes
 * (server/scripts/build.mjs). The browser suite's global set-up builds them first (buildServerBundles).
 */
export const API_BUNDLE = 'dist/main.mjs'
/** node's arguments for the API as `npm start` gives them (its options, then API_BUNDLE). */
export const API_ARGS = apiStartArgs()
export const FORWARDER_BUNDLE = 'dist/forwarder.mjs'

/** Bundles the API and the URL转发 server from the current sources (well under a second). */
export async function buildServerBundles(): Promise<void> {
  await buildServer()
}

/** The API's database: an embedded PGlite in a folder, or a PostgreSQL database (which PowerDNS can read too). */
export type ApiDatabase = { pgliteDir: string } | { postgresUrl: string }

/**
 * How the browser suite starts the API (production mode, on `database`), with the portal at webUrl; `env` adds or
 * overrides variables (e.g. the second-factor test's own stack).
 */
export function apiProcess(port: number, database: ApiDatabase, webUrl: string, env: Record<string, string> = {}) {
  return {
    name: 'API',
    command: process.execPath,
    args: API_ARGS,
    cwd: path.join(repositoryRoot, 'server'),
    // DEV_OUTBOX: the registration journey reads its SMS code from /dev/outbox, as a developer would.
    env: {
      API_PORT: String(port),
      ...('postgresUrl' in database
        ? { DATABASE_URL: database.postgresUrl }
        : { PGLITE_DIR: database.pgliteDir, DATABASE_URL: '', EMBEDDED_DATABASE_IN_PRODUCTION: 'true' }),
      NODE_ENV: 'production',
      PII_ENCRYPTION_KEYS: TEST_PII_ENCRYPTION_KEYS,
      DEV_OUTBOX: 'true',
      // Production requires the forwarding server's address (config.ts).
      URL_FORWARD_SERVER_IPV4: '127.0.0.1',
      ...SECOND_FACTOR_TEST_ENV,
      // Badge snippets and micro-site forwards point at the portal under test.
      PUBLIC_PORTAL_URL: webUrl,
      // The journeys run the daily charge themselves, as CONAC would; the scheduler would catch it up at start.
      SCHEDULER: 'false',
      // Trusted documents stay enforced, so the journeys prove the portal sends only its persisted documents; the
      // tests' own set-up documents (testkit/http.ts sends them by hash) are trusted as an extra manifest.
      TRUSTED_DOCUMENTS: 'on',
      TRUSTED_DOCUMENTS_EXTRA: path.join(repositoryRoot, 'tests/graphql/generated/persisted-documents.json'),
      // The start line below is at info (JSON lines, as in production); a LOG_LEVEL of the test run must not hide it.
      LOG_LEVEL: 'info',
      ...env,
    },
    ready: /GraphQL on http/,
  }
}

/** How to start the URL转发 server as `npm run start:forwarder -w server` does, on 127.0.0.1:port, asking apiUrl. */
export function forwarderProcess(port: number, apiUrl: string) {
  return {
    name: 'URL转发 server',
    command: process.execPath,
    args: [FORWARDER_BUNDLE],
    cwd: path.join(repositoryRoot, 'server'),
    env: { URL_FORWARD_HOST: '127.0.0.1', URL_FORWARD_PORT: String(port), API_URL: apiUrl, NODE_ENV: 'production' },
    ready: /\[forwarder\] URL转发 on/,
  }
}

export interface Stack {
  apiUrl: string
  webUrl: string
  /** The URL转发 server's address, when the stack has one. */
  forwarderUrl?: string
  /** Stops what started, newest first. */
  stop(): Promise<void>
}

/**
 * Starts the real API on `database`, then the built portal pointed at it (web/server.mjs, as `npm start` runs it,
 * which tells the API the client's address), and with `forwarder` the URL转发 server, each on a free port. A failed
 * start stops what had started and rejects with the failing process's output.
 */
export async function startStack(options: {
  database: ApiDatabase
  /** Variables for the API beyond apiProcess's (e.g. DNS_SERVER). */
  apiEnv?: Record<string, string>
  forwarder?: boolean
  /** Per process; generous, since how long a start takes says how busy the machine is, not whether it works. */
  timeoutMs?: number
}): Promise<Stack> {
  const started: Started[] = []
  const stop = async () => {
    for (const running of started.splice(0).reverse()) await running.stop()
  }
  try {
    const apiUrl = `http://127.0.0.1:${await freePort()}`
    const webPort = await freePort()
    const webUrl = `http://127.0.0.1:${webPort}`
    const timeoutMs = options.timeoutMs ?? START_TIMEOUT_MS
    started.push(
      await startProcess({
        ...apiProcess(Number(new URL(apiUrl).port), options.database, webUrl, options.apiEnv),
        timeoutMs,
      }),
    )
    started.push(
      await startProcess({
        name: 'portal',
        ...portalProcess(webPort, { API_URL: apiUrl, PUBLIC_PORTAL_URL: webUrl }),
        ready: PORTAL_READY,
        timeoutMs,
      }),
    )
    let forwarderUrl: string | undefined
    if (options.forwarder) {
      const port = await freePort()
      started.push(await startProcess({ ...forwarderProcess(port, apiUrl), timeoutMs }))
      forwarderUrl = `http://127.0.0.1:${port}`
    }
    return { apiUrl, webUrl, forwarderUrl, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
