// The scheduler (定时任务) as a process of its own, for production: `node dist/scheduler.mjs` (npm run
// start:scheduler -w server, or deploy/start-production.mjs). It runs the scheduled jobs and folds the statistics
// counters, exactly as the API's built-in loop does when SCHEDULER is not false. Several may run (each period is
// claimed by one JobRun row), but one is enough; the API processes then run with SCHEDULER=false.
import { openConfiguredDatabase } from '../db/open.ts'
import { startScheduler } from '../modules/jobs/scheduler.ts'
import { runUntilSignalled } from './lifecycle.ts'

const database = await openConfiguredDatabase()
const stopScheduler = startScheduler(database.prisma)
console.log('[scheduler] 定时任务 running (one tick a minute)')
runUntilSignalled('scheduler', async () => {
  await stopScheduler()
  await database.close()
})
