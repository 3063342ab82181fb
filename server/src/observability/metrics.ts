// Every Prometheus metric of the server, in one registry (prom-client). Served at /metrics by
// observability/health.ts, to this machine or METRICS_ALLOWED only.
//
// Two kinds:
// - counted as things happen in this process: requests (one histogram observation per request: its count is the
//   request count), error codes, job runs, notification deliveries, and prom-client's process and Node.js metrics;
// - read when scraped, from the database every process shares: the notification outbox's backlog and its oldest
//   row's age, the job runs' latest times, and the pg pool's connections. So any process (the API, or the scheduler
//   and the delivery worker run apart) shows the same outbox and jobs, and a dead database shows as
//   conac_database_up 0 rather than as a scrape that hangs.
//
// A job's label is job_name: Prometheus gives every series a `job` of its own (the scrape job).
// Labels come from small fixed sets (route names, status codes, error codes, job names, channels) or from the
// operation names of documents that passed validation, at most MAX_OPERATION_LABELS of them: a client cannot grow
// the series without bound by inventing names.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { registeredPool } from '../db/prepared.ts'

export const registry = new Registry()
collectDefaultMetrics({ register: registry })

const requestDuration = new Histogram({
  name: 'conac_api_request_duration_seconds',
  help: 'API requests by operation (GraphQL operation name, or the route) and HTTP status: count and duration',
  labelNames: ['operation', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

const requestErrors = new Counter({
  name: 'conac_api_errors_total',
  help: 'Errors in API answers by code (GraphQL extensions.code, or the code of a plain route error)',
  labelNames: ['code'] as const,
  registers: [registry],
})

export const jobRuns = new Counter({
  name: 'conac_job_runs_total',
  help: 'Scheduled job runs finished in this process (scheduler, 立即执行, jobs:run), by job and result',
  labelNames: ['job_name', 'status'] as const,
  registers: [registry],
})

export const jobRunDuration = new Histogram({
  name: 'conac_job_run_duration_seconds',
  help: 'How long the job runs finished in this process took',
  labelNames: ['job_name'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [registry],
})

export const notificationDeliveries = new Counter({
  name: 'conac_notification_deliveries_total',
  help: 'Notification deliveries tried in this process by channel and outcome (sent, retrying, failed, lost)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [registry],
})

const databaseUp = new Gauge({
  name: 'conac_database_up',
  help: '1 when the database answered the scrape-time queries (outbox, jobs), else 0',
  registers: [registry],
})

const outboxBacklog = new Gauge({
  name: 'conac_outbox_backlog',
  help: 'Notifications waiting to be delivered (PENDING), by channel',
  labelNames: ['channel'] as const,
  registers: [registry],
})

const outboxOldestAge = new Gauge({
  name: 'conac_outbox_oldest_age_seconds',
  help: 'Age of the oldest PENDING notification, by channel (0 when none waits)',
  labelNames: ['channel'] as const,
  registers: [registry],
})

const outboxFailed = new Gauge({
  name: 'conac_outbox_failed',
  help: 'Notifications given up on (FAILED), by channel',
  labelNames: ['channel'] as const,
  registers: [registry],
})

const jobLastRun = new Gauge({
  name: 'conac_job_last_run_timestamp_seconds',
  help: 'Latest job run by job and status (Unix time: finished for SUCCEEDED and FAILED, started for RUNNING)',
  labelNames: ['job_name', 'status'] as const,
  registers: [registry],
})

const poolConnections = new Gauge({
  name: 'conac_db_pool_connections',
  help: "This process's PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting)",
  labelNames: ['state'] as const,
  registers: [registry],
})

const poolMax = new Gauge({
  name: 'conac_db_pool_max',
  help: "The largest number of connections this process's PostgreSQL pool opens",
  registers: [registry],
})

const CHANNELS = ['SMS', 'EMAIL', 'IN_APP'] as const

/** Distinct GraphQL operation names given their own label; later ones count as "(other)". */
export const MAX_OPERATION_LABELS = 500
const operationLabels = new Set<string>()

/** The label for an operation name: the name itself while there is room, then "(other)". */
export function operationLabel(name: string): string {
  if (operationLabels.has(name)) return name
  if (operationLabels.size >= MAX_OPERATION_LABELS) return '(other)'
  operationLabels.add(name)
  return name
}

type Observe = (seconds: number) => void
// One bound child per (operation, status): a request then costs one Map lookup and one observation.
const requestChildren = new Map<string, Observe>()

/** Records one finished request (the request line's observation) and its error codes. */
export function recordRequest(operation: string, status: number, seconds: number, errorCodes: string[] | null): void {
  const key = `${operation}\u0000${status}`
  let observe = requestChildren.get(key)
  if (!observe) {
    const child = requestDuration.labels(operation, String(status))
    requestChildren.set(key, (observe = (value) => child.observe(value)))
  }
  observe(seconds)
  if (errorCodes) for (const code of errorCodes) requestErrors.inc({ code })
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Reads the database-backed gauges for `prisma` (outbox, jobs, pool); false when the database did not answer. */
export async function collectDatabaseMetrics(prisma: PrismaClient, timeoutMs: number): Promise<boolean> {
  const pool = registeredPool(prisma)
  if (pool) {
    poolConnections.set({ state: 'total' }, pool.totalCount)
    poolConnections.set({ state: 'idle' }, pool.idleCount)
    poolConnections.set({ state: 'waiting' }, pool.waitingCount)
    poolMax.set(pool.options.max ?? 10)
  }
  try {
    const [outbox, jobs] = await withTimeout(
      Promise.all([
        prisma.$queryRaw<{ channel: string; status: string; count: number; oldest: Date | null }[]>`
          SELECT "channel"::text AS "channel", "status"::text AS "status", count(*)::int AS "count",
                 min("createdAt") AS "oldest"
          FROM "notifications" WHERE "status" IN ('PENDING', 'FAILED')
          GROUP BY 1, 2`,
        prisma.$queryRaw<{ job: string; status: string; at: Date }[]>`
          SELECT "job", "status"::text AS "status",
                 max(CASE WHEN "status" = 'RUNNING' THEN "startedAt" ELSE "finishedAt" END) AS "at"
          FROM "job_runs" GROUP BY 1, 2`,
      ]),
      timeoutMs,
    )
    const now = Date.now()
    for (const channel of CHANNELS) {
      const pending = outbox.find((row) => row.channel === channel && row.status === 'PENDING')
      const failed = outbox.find((row) => row.channel === channel && row.status === 'FAILED')
      outboxBacklog.set({ channel }, pending?.count ?? 0)
      outboxOldestAge.set({ channel }, pending?.oldest ? Math.max(0, (now - pending.oldest.getTime()) / 1000) : 0)
      outboxFailed.set({ channel }, failed?.count ?? 0)
    }
    jobLastRun.reset()
    for (const row of jobs)
      if (row.at) jobLastRun.set({ job_name: row.job, status: row.status }, row.at.getTime() / 1000)
    databaseUp.set(1)
    return true
  } catch {
    databaseUp.set(0)
    return false
  }
}
