// What the long-running processes beside the API (the scheduler, the delivery worker) share: their health port, and
// how they stop. On SIGTERM (systemd, the production supervisor) or SIGINT a process finishes what it is doing (a job
// run, a delivery pass), closes the database and exits 0; a second signal exits at once.
import { config } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { startObservabilityServer, type ObservabilityServer } from '../observability/health.ts'
import { flushLog, logFor } from '../observability/log.ts'

/** /healthz, /readyz and /metrics on HEALTH_PORT (127.0.0.1), when it is set. */
export function startHealthServer(prisma: PrismaClient): Promise<ObservabilityServer | null> {
  const port = config.observability.healthPort
  return port ? startObservabilityServer({ prisma, port }) : Promise.resolve(null)
}

export function runUntilSignalled(name: string, stop: () => Promise<void>): void {
  const log = logFor(name)
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    log.info(`${signal}: closing`)
    stop().then(
      () => {
        flushLog()
        process.exit(0)
      },
      (error: unknown) => {
        log.error({ err: (error as Error).message }, 'stopping failed')
        flushLog()
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
