// The notification delivery worker (短信、邮件) as a process of its own, for production: `node dist/worker.mjs`
// (npm run start:worker -w server, or deploy/start-production.mjs). It delivers the outbox as the API's built-in
// worker does when NOTIFICATION_WORKER is not false; each notification is claimed by one delivery, so a second
// worker (or an API that still delivers) never sends one twice. The API processes then run with
// NOTIFICATION_WORKER=false. With HEALTH_PORT it answers /healthz, /readyz and /metrics there.
import { openConfiguredDatabase } from '../db/open.ts'
import { startNotificationWorker } from '../modules/notifications/worker.ts'
import { runUntilSignalled, startHealthServer } from './lifecycle.ts'
import { logFor } from '../observability/log.ts'

const database = await openConfiguredDatabase()
const stopWorker = startNotificationWorker(database.prisma)
const health = await startHealthServer(database.prisma)
logFor('worker').info(`notification delivery running${health ? `; /healthz, /readyz, /metrics on ${health.url}` : ''}`)
runUntilSignalled('worker', async () => {
  await health?.close()
  await stopWorker()
  await database.close()
})
