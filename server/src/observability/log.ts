// The server's logger (pino): one JSON object a line on stdout in production (LOG_FORMAT=json), for the data
// centre's log collector; elsewhere by default short text lines for people (LOG_FORMAT=text). LOG_LEVEL sets the
// least severe level written. Components log through their own child: `logFor('jobs')`.
//
// What goes in: the request line (observability/requestLog.ts: method, path, operation name, status, duration,
// request id, error codes), start and stop, the scheduler's job runs and the notification worker's deliveries.
// Never a request's variables, body, cookies or headers: passwords, tokens and ID numbers travel in those.
import pino from 'pino'
import { config } from '../config.ts'

type Sink = (line: string) => void

// Asynchronous writes (no blocking syscall on the request path), flushed at exit; minLength 0 writes each line as
// soon as the previous write is done, so a line is not held back waiting for a buffer to fill.
const stdout = pino.destination({ dest: 1, sync: false, minLength: 0 })
process.once('exit', () => {
  try {
    stdout.flushSync()
  } catch {
    /* stdout already closed */
  }
})

const LEVEL_WIDTH = 5

/** A text line for people: "12:00:01 info  [jobs] message key=value …" (the JSON fields pino wrote, minus the usual). */
function textLine(json: string): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json
  }
  const { level, time, msg, component, pid: _pid, hostname: _hostname, ...rest } = entry
  const clock = typeof time === 'string' ? time.slice(11, 19) : ''
  const extras = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  const label = String(level).padEnd(LEVEL_WIDTH)
  return `${clock} ${label} [${String(component ?? 'api')}] ${String(msg ?? '')}${extras ? ` ${extras}` : ''}\n`
}

const defaultSink: Sink =
  config.observability.logFormat === 'json' ? (line) => stdout.write(line) : (line) => stdout.write(textLine(line))
let sink: Sink = defaultSink

/** The root logger of the process. */
export const log = pino(
  {
    level: config.observability.logLevel,
    // "level":"info" rather than 30, and an ISO time: the lines read the same to a person and to the collector.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  },
  // pino writes each line to whatever this forwards it to (stdout, or a test's capture).
  { write: (line: string) => sink(line) },
)

export type Logger = typeof log

const components = new Map<string, Logger>()

/** The logger of a part of the server ("api", "http", "jobs", "notifications", "db"): its lines carry `component`. */
export function logFor(component: string): Logger {
  let child = components.get(component)
  if (!child) components.set(component, (child = log.child({ component })))
  return child
}

/** Writes out what is still buffered (before process.exit). */
export function flushLog(): void {
  try {
    stdout.flushSync()
  } catch {
    /* nothing buffered, or stdout closed */
  }
}

/**
 * Tests: the JSON lines written from now on (at `level`, whatever LOG_LEVEL says) go to the returned array instead
 * of stdout, until stop().
 */
export function captureLog(level: pino.LevelWithSilent = 'info'): { lines: string[]; stop(): void } {
  const lines: string[] = []
  // A child keeps the level it was created with, so each is set too.
  const loggers = [log, ...components.values()]
  const previous = loggers.map((logger) => logger.level)
  for (const logger of loggers) logger.level = level
  sink = (line) => void lines.push(line)
  return {
    lines,
    stop() {
      sink = defaultSink
      loggers.forEach((logger, i) => (logger.level = previous[i]!))
    },
  }
}
