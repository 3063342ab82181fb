// `npm run notifications:deliver -w server`: one delivery pass over the outbox against the configured database
// (SMTP_* and SMS_HTTP_* settings as for the API), then exits. Non-zero exit when the pass could not run.
import { openConfiguredDatabase } from '../../db/open.ts'
import { deliverDueNotifications } from './worker.ts'

const database = await openConfiguredDatabase()
console.log('[notifications] delivery pass started')
try {
  const summary = await deliverDueNotifications(database.prisma)
  console.log(
    `[notifications] claimed ${summary.claimed}: sent ${summary.sent}, retrying ${summary.retrying}, failed ${summary.failed}, lost ${summary.lost}`,
  )
} catch (error) {
  console.error('[notifications] delivery pass failed:', error)
  process.exitCode = 1
} finally {
  await database.close()
}
