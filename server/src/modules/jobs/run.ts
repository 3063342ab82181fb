// `npm run jobs:run -w server -- <job>`: one run of a scheduled job for today's period (Beijing time) against the
// configured database; prints the JobRun and exits (non-zero when the run failed or the job is unknown).
// `npm run jobs:run -w server` without a job lists the jobs.
import { openConfiguredDatabase } from '../../db/open.ts'
import { JOBS, jobByName, runJob } from './registry.ts'
import { describeSchedule } from './schedule.ts'

const name = process.argv[2]
const job = name ? jobByName(name) : undefined
if (!job) {
  if (name) console.error(`[jobs] unknown job "${name}"`)
  console.log('jobs:')
  for (const each of JOBS) console.log(`  ${each.name.padEnd(18)} ${each.title}  ${describeSchedule(each.schedule)}`)
  process.exit(name ? 1 : 0)
}
const database = await openConfiguredDatabase()
try {
  const { periodKey, run, alreadyRan } = await runJob(database.prisma, job)
  if (alreadyRan)
    console.log(
      `[jobs] ${job.name} ${periodKey}: already ran (${run.status}, finished ${run.finishedAt?.toISOString()})`,
    )
  else
    console.log(
      `[jobs] ${job.name} ${periodKey}: ${run.status} ${JSON.stringify(run.result)}${run.error ? ` error: ${run.error}` : ''}`,
    )
  if (run.status === 'FAILED') process.exitCode = 1
} catch (error) {
  console.error(`[jobs] ${job.name} failed:`, (error as Error).message)
  process.exitCode = 1
} finally {
  await database.close()
}
