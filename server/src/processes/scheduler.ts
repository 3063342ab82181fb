// The scheduler (定时任务) as a process of its own, for production: `node dist/scheduler.mjs` (npm run
// start:scheduler -w server, or deploy/start-production.mjs). It runs the scheduled jobs, folds the statistics
// counters and seals the audit chain, exactly as the API's built-in loop does when SCHEDULER is not false. Several may
// run (each period is claimed by one JobRun row), but one is enough; the API processes then run with SCHEDULER=false.
// With HEALTH_PORT it answers /healthz, /readyz and /metrics there.
import { openConfiguredDatabase } from '../db/open.ts'
import { startScheduler } from '../modules/jobs/scheduler.ts'
import { runUntilSignalled, startHealthServer } from './lifecycle.ts'
import { logFor } from '../observability/log.ts'

const database = await openConfiguredDatabase()
const stopScheduler = startScheduler(database.prisma)
const health = await startHealthServer(database.prisma)
logFor('scheduler').info(
  `定时任务 running (one tick a minute)${health ? `; /healthz, /readyz, /metrics on ${health.url}` : ''}`,
)
runUntilSignalled('scheduler', async () => {
  await health?.close()
  await stopScheduler()
  await database.close()
})
