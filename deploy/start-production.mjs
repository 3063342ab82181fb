// `npm run start:prod`: the production shape on one machine with PostgreSQL (README, "Production mode (生产部署)").
// It builds once, then starts N API processes, M portal processes, one scheduler (定时任务), one delivery worker
// (短信、邮件) and the URL转发 server, each a separate process on its own port, restarts any that dies, and stops them
// all on SIGTERM or SIGINT. nginx (deploy/nginx/) sits in front of the portals and the API; it is a system service
// of its own and not started here. Every process can also be started alone (systemd units, containers): the
// commands it runs are printed at start.
//
//   node deploy/start-production.mjs [--no-build]
//
// Settings (environment): DATABASE_URL and PUBLIC_PORTAL_URL are required; NODE_ENV must be production or unset;
// API_PROCESSES (2), PORTAL_PROCESSES (2), API_PORT (4000: the first API; the others count up), WEB_PORT (3000,
// likewise), SCHEDULER_HEALTH_PORT (4090) and WORKER_HEALTH_PORT (4091): their /healthz, /readyz and /metrics;
// URL_FORWARD_PORT (8080; URL_FORWARDER=off starts none). Everything else is passed to every process as it is.
import { spawn, spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiStartArgs } from '../server/scripts/build.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = path.join(root, 'server')
const webDir = path.join(root, 'web')

/** Reads the settings; every problem is listed at once, as a sentence an operator can act on. */
export function productionSettings(env = process.env) {
  const problems = []
  if (env.NODE_ENV && env.NODE_ENV !== 'production')
    problems.push(`NODE_ENV is "${env.NODE_ENV}": the production shape runs with NODE_ENV=production (or unset)`)
  const databaseUrl = env.DATABASE_URL?.trim()
  if (!databaseUrl)
    problems.push(
      'DATABASE_URL must be set: the PostgreSQL server every process shares, e.g. postgresql://conac@127.0.0.1:5432/conac',
    )
  else if (!/^postgres(ql)?:\/\/\S+$/.test(databaseUrl))
    problems.push('DATABASE_URL must be a PostgreSQL connection string, postgresql://user@host:port/database')
  const publicPortalUrl = env.PUBLIC_PORTAL_URL?.trim()
  if (!publicPortalUrl)
    problems.push(
      "PUBLIC_PORTAL_URL must be set: the portal's public origin behind nginx, e.g. https://portal.example.cn",
    )
  const whole = (name, fallback, min, max) => {
    const raw = env[name]?.trim()
    if (!raw) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
      return fallback
    }
    return value
  }
  const settings = {
    databaseUrl,
    publicPortalUrl,
    apiProcesses: whole('API_PROCESSES', 2, 1, 64),
    portalProcesses: whole('PORTAL_PROCESSES', 2, 1, 64),
    apiPort: whole('API_PORT', 4000, 1, 65_535),
    webPort: whole('WEB_PORT', 3000, 1, 65_535),
    schedulerHealthPort: whole('SCHEDULER_HEALTH_PORT', 4090, 1, 65_535),
    workerHealthPort: whole('WORKER_HEALTH_PORT', 4091, 1, 65_535),
    urlForwardPort: whole('URL_FORWARD_PORT', 8080, 1, 65_535),
    urlForwarder: env.URL_FORWARDER?.trim().toLowerCase() !== 'off',
    apiHost: env.API_HOST?.trim() || '127.0.0.1',
  }
  const ports = [
    ...Array.from({ length: settings.apiProcesses }, (_, i) => settings.apiPort + i),
    ...Array.from({ length: settings.portalProcesses }, (_, i) => settings.webPort + i),
    settings.schedulerHealthPort,
    settings.workerHealthPort,
    ...(settings.urlForwarder ? [settings.urlForwardPort] : []),
  ]
  const taken = ports.filter((port, i) => ports.indexOf(port) !== i)
  if (taken.length) problems.push(`ports overlap: ${[...new Set(taken)].join(', ')} would be used twice`)
  return { settings, problems }
}

/** The processes of the shape, in start order; the first API migrates and seeds before any other starts. */
export function productionProcesses(settings, env = process.env) {
  const node = process.execPath
  const apiOrigins = Array.from(
    { length: settings.apiProcesses },
    (_, i) => `http://${settings.apiHost}:${settings.apiPort + i}`,
  )
  // No demo accounts (their password is published) unless SEED_DEMO=true is asked for (a trial, the tests).
  const common = { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', SEED_DEMO: env.SEED_DEMO || 'false' }
  const powerdns = (env.DNS_SERVER ?? '').trim().toLowerCase() === 'powerdns'
  const apiStart = apiStartArgs()
  const processes = apiOrigins.map((origin, i) => ({
    name: `api-${i + 1}`,
    port: settings.apiPort + i,
    command: node,
    args: apiStart,
    cwd: serverDir,
    ready: /GraphQL on http/,
    env: {
      ...common,
      API_PORT: String(settings.apiPort + i),
      // The scheduler and the worker are processes of their own.
      SCHEDULER: 'false',
      NOTIFICATION_WORKER: 'false',
      // Seeding (idempotent) once, by the first.
      ...(i > 0 ? { SEED_ON_START: 'false' } : {}),
      // One PowerDNS and one WHOIS listener per machine: the first API runs them; the others ask that PowerDNS.
      ...(i > 0 ? { WHOIS_PORT: '', ...(powerdns ? { DNS_SERVER: 'external' } : {}) } : {}),
    },
  }))
  processes.push(
    {
      name: 'scheduler',
      port: settings.schedulerHealthPort,
      command: node,
      args: ['dist/scheduler.mjs'],
      cwd: serverDir,
      ready: /定时任务 running/,
      // 标识安装检测 resolves hundreds of names a minute through getaddrinfo, which runs on libuv's thread pool (4
      // threads by default: a few slow DNS answers would hold up every other lookup).
      env: { UV_THREADPOOL_SIZE: '64', ...common, HEALTH_PORT: String(settings.schedulerHealthPort) },
      // Below the API and the portal: its long runs must not slow their answers (systemd: CPUWeight=20 and Nice=10;
      // here every child is in the supervisor's session, so niceness alone orders them).
      niceness: 10,
    },
    {
      name: 'worker',
      port: settings.workerHealthPort,
      command: node,
      args: ['dist/worker.mjs'],
      cwd: serverDir,
      ready: /notification delivery running/,
      env: { ...common, HEALTH_PORT: String(settings.workerHealthPort) },
    },
  )
  if (settings.urlForwarder)
    processes.push({
      name: 'forwarder',
      port: settings.urlForwardPort,
      command: node,
      args: ['dist/forwarder.mjs'],
      cwd: serverDir,
      ready: /\[forwarder\] URL转发 on/,
      env: { ...common, URL_FORWARD_PORT: String(settings.urlForwardPort), API_URL: apiOrigins[0] },
    })
  for (let i = 0; i < settings.portalProcesses; i++)
    processes.push({
      name: `portal-${i + 1}`,
      port: settings.webPort + i,
      command: node,
      args: ['server.mjs'],
      cwd: webDir,
      ready: /\[portal\] Ready on/,
      env: {
        ...common,
        WEB_PORT: String(settings.webPort + i),
        // Every portal process reaches every API process (web/graphql/apiFetch.ts).
        API_URL: apiOrigins.join(','),
        // nginx on this machine writes X-Forwarded-For.
        PORTAL_TRUSTED_PROXIES: env.PORTAL_TRUSTED_PROXIES || '127.0.0.1,::1',
      },
    })
  return processes
}

const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000]
/** A process that ran this long before it died starts again at the shortest delay. */
const HEALTHY_AFTER_MS = 60_000

class Supervisor {
  constructor(processes) {
    this.processes = processes
    this.running = new Map()
    this.stopping = false
  }

  log(message) {
    console.log(`[supervisor] ${message}`)
  }

  /**
   * Starts one process and resolves when its ready line appears. At the first start a process that exits before it
   * is ready fails the whole start (a setting is wrong: its output says which); later, any exit is followed by
   * another start after a growing delay (a database that is away comes back).
   */
  start(spec, { attempt = 0, restart = false } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] })
      if (spec.niceness && child.pid) os.setPriority(child.pid, spec.niceness)
      const startedAt = Date.now()
      let ready = false
      let output = ''
      this.running.set(spec.name, child)
      this.log(`${spec.name} started (pid ${child.pid})`)
      const relay = (stream, chunk) => {
        const text = chunk.toString()
        if (!ready) {
          output += text
          if (spec.ready.test(output)) {
            ready = true
            output = ''
            resolve(child)
          }
        }
        for (const line of text.split('\n')) if (line) stream.write(`[${spec.name}] ${line}\n`)
      }
      child.stdout.on('data', (chunk) => relay(process.stdout, chunk))
      child.stderr.on('data', (chunk) => relay(process.stderr, chunk))
      child.once('exit', (code, signal) => {
        this.running.delete(spec.name)
        if (this.stopping) return
        const how = signal ?? `code ${code}`
        if (!ready && !restart) return reject(new Error(`${spec.name} exited before it was ready (${how})`))
        const next = ready && Date.now() - startedAt > HEALTHY_AFTER_MS ? 0 : attempt + 1
        const delay = RESTART_DELAYS_MS[Math.min(next, RESTART_DELAYS_MS.length - 1)]
        this.log(`${spec.name} exited (${how}); starting it again in ${delay / 1000} s`)
        if (!ready) resolve(null)
        setTimeout(() => {
          if (!this.stopping) void this.start(spec, { attempt: next, restart: true })
        }, delay)
      })
    })
  }

  async startAll() {
    const [first, ...rest] = this.processes
    // The first API applies the migrations and seeds; the rest would only wait for its lock.
    await this.start(first)
    await Promise.all(rest.map((spec) => this.start(spec)))
  }

  async stopAll(signal) {
    this.stopping = true
    const children = [...this.running.values()]
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', resolve)
            child.kill(signal)
            setTimeout(() => child.kill('SIGKILL'), 20_000).unref()
          }),
      ),
    )
  }
}

async function main() {
  const { settings, problems } = productionSettings()
  if (problems.length) {
    console.error('[supervisor] cannot start the production shape:')
    for (const problem of problems) console.error(`  - ${problem}`)
    process.exit(2)
  }
  if (!process.argv.includes('--no-build')) {
    console.log('[supervisor] building the portal and the server bundles (npm run build)')
    const built = spawnSync('npm', ['run', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (built.status !== 0) {
      console.error('[supervisor] the build failed; nothing was started')
      process.exit(1)
    }
  }
  const processes = productionProcesses(settings)
  const supervisor = new Supervisor(processes)
  let stopping = false
  const stop = async (signal) => {
    if (stopping) return
    stopping = true
    supervisor.log(`${signal}: stopping every process`)
    await supervisor.stopAll('SIGTERM')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  try {
    await supervisor.startAll()
  } catch (error) {
    console.error(`[supervisor] ${error.message}; stopping the others`)
    await supervisor.stopAll('SIGTERM')
    process.exit(1)
  }
  for (const spec of processes)
    supervisor.log(
      `${spec.name} on port ${spec.port}: (cd ${path.relative(root, spec.cwd)} && node ${spec.args.join(' ')})`,
    )
  supervisor.log('ready')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
