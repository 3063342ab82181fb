// `npm run install-checks -w server`: one installation-check run over every ACTIVE self-built site that is due,
// against the configured database, in this process (the scheduler runs the daily one at 03:00); prints the progress
// every 10 s and the summary, and exits non-zero when the run itself could not finish. The INSTALL_CHECK_* settings
// apply (README, configuration).
import { openConfiguredDatabase } from '../../db/open.ts'
import { anonymous } from '../../viewer.ts'
import { runInstallChecks } from './manualRun.ts'

const database = await openConfiguredDatabase()
let lastPrinted = 0
try {
  const summary = await runInstallChecks(
    database.prisma,
    { viewer: anonymous, ip: null },
    {
      onProgress: (progress) => {
        if (Date.now() - lastPrinted < 10_000) return
        lastPrinted = Date.now()
        const eta = progress.etaSeconds === null ? '' : `, about ${Math.ceil(progress.etaSeconds / 60)} min left`
        console.log(`[install-checks] ${progress.checked} / ${progress.total}${eta}`)
      },
    },
  )
  console.log(
    `[install-checks] run ${summary.runId}: checked ${summary.checked}: found ${summary.found}, missing ${summary.missing}, failed ${summary.failed} ` +
      `(${summary.startedAt.toISOString()} – ${summary.finishedAt.toISOString()})`,
  )
} catch (error) {
  console.error('[install-checks] run failed:', error)
  process.exitCode = 1
} finally {
  await database.close()
}
