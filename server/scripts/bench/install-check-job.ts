// The installation-check job as the scheduler process runs it, for bench-install-checks.ts: a process of its own
// over DATABASE_URL (the benchmark's database) that runs today's period of the job installChecks (jobs/registry.ts:
// the real job, with the configured limits and pace) against the simulated sites, whose ports it is given. The only
// difference from production is the check's test seams (simulatedNetwork: resolution and the TCP dial). Prints
// PROGRESS <json> after each recorded batch (at most once a second) and DONE <json> at the end.
//
// Run by bench-install-checks.ts: node --import tsx scripts/bench/install-check-job.ts '<json {ports, closedPort}>'
import { openConfiguredDatabase } from '../../src/db/open.ts'
import { jobByName, runJob } from '../../src/modules/jobs/registry.ts'
import { simulatedNetwork } from './installCheckSimulation.ts'

const sites = JSON.parse(process.argv[2] ?? '') as { ports: number[]; closedPort: number }
const database = await openConfiguredDatabase()
let lastPrinted = 0
try {
  const started = performance.now()
  const { run } = await runJob(database.prisma, jobByName('installChecks')!, {
    options: {
      installChecks: {
        outbound: simulatedNetwork(sites),
        onProgress: (progress) => {
          if (performance.now() - lastPrinted < 1000) return
          lastPrinted = performance.now()
          process.stdout.write(`PROGRESS ${JSON.stringify(progress)}\n`)
        },
      },
    },
  })
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(
    `DONE ${JSON.stringify({ runId: run.id, status: run.status, error: run.error, result: run.result, seconds })}\n`,
  )
} finally {
  await database.close()
}
