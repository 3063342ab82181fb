// `npm run install-checks -w server`: one installation-check run over every ACTIVE self-built site, against the
// configured database; prints the summary and exits (non-zero when the run itself could not finish).
// INSTALL_CHECK_TIMEOUT_MS overrides the 10 s per-site timeout. Issue 6 adds the daily schedule.
import { openConfiguredDatabase } from '../../db/open.ts'
import { anonymous } from '../../viewer.ts'
import { runInstallChecks } from './runs.ts'

const timeoutMs = Number(process.env.INSTALL_CHECK_TIMEOUT_MS) || undefined
const database = await openConfiguredDatabase()
try {
  const summary = await runInstallChecks(database.prisma, { viewer: anonymous, ip: null }, { timeoutMs })
  console.log(
    `[install-checks] checked ${summary.checked}: found ${summary.found}, missing ${summary.missing}, failed ${summary.failed} ` +
      `(${summary.startedAt.toISOString()} – ${summary.finishedAt.toISOString()})`,
  )
} catch (error) {
  console.error('[install-checks] run failed:', error)
  process.exitCode = 1
} finally {
  await database.close()
}
