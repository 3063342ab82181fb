// Child servers for the side-by-side benchmark: started with their output in a log file, polled until they answer,
// stopped on every way out (normal end, error, Ctrl-C), and measured from /proc (CPU time, resident memory).
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100

/** utime + stime of a process in milliseconds, or null when it is gone. */
export function cpuMs(pid: number): number | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

/** Resident memory (VmRSS) of a process in MB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

/** The machine's load averages (1, 5, 15 minutes) as `uptime` prints them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ')
}

export interface Server {
  name: string
  child: ChildProcess
  pid: number
  logFile: string
  url: string
}

const running = new Set<Server>()

/** SIGTERM to every server still running (idempotent; also called from the exit and signal handlers). */
export function stopAll() {
  for (const server of running) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM')
    running.delete(server)
  }
}

let interruptCleanup: (() => Promise<unknown>) | null = null
/** What to undo after the servers stop when the run is interrupted (given at most 5 s). */
export function onInterrupt(cleanup: () => Promise<unknown>) {
  interruptCleanup = cleanup
}

let handlersInstalled = false
function installHandlers() {
  if (handlersInstalled) return
  handlersInstalled = true
  process.on('exit', stopAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      console.error(`\n[bench] ${signal}: stopping the servers`)
      stopAll()
      void Promise.race([interruptCleanup?.().catch(() => {}), sleep(5000)]).finally(() => process.exit(130))
    })
}

/** The last lines of a server's log, for an error message. */
export function logTail(server: Pick<Server, 'logFile'>, lines = 30): string {
  try {
    return readFileSync(server.logFile, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Starts `node args…` as a child with its output in `logFile`; stopped when this process ends. */
export function startServer(options: {
  name: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  logFile: string
  url: string
}): Server {
  installHandlers()
  const log = openSync(options.logFile, 'w')
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  if (child.pid === undefined) throw new Error(`${options.name} did not start`)
  const server: Server = { name: options.name, child, pid: child.pid, logFile: options.logFile, url: options.url }
  running.add(server)
  child.on('exit', () => running.delete(server))
  return server
}

/**
 * Polls `probe` until it succeeds; fails with the server's log when the process exits or `timeoutMs` passes (a
 * server over the national dataset takes seconds to start, more on a busy machine).
 */
export async function waitUntilReady(server: Server, probe: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now()
  let lastError = ''
  while (Date.now() - started < timeoutMs) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(
        `${server.name} exited (${server.child.exitCode ?? server.child.signalCode}) before it was ready; its log (${server.logFile}):\n${logTail(server)}`,
      )
    try {
      if (await probe()) return (Date.now() - started) / 1000
    } catch (error) {
      lastError = (error as Error).message
    }
    await sleep(250)
  }
  throw new Error(
    `${server.name} did not answer within ${timeoutMs / 1000} s (${lastError || 'no answer'}); its log (${server.logFile}):\n${logTail(server)}`,
  )
}

/** Stops one server and waits for it to exit (SIGKILL after `graceMs`). */
export async function stopServer(server: Server, graceMs = 10_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  running.delete(server)
}
