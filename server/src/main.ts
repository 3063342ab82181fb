// Starts the API: opens (and migrates) the database, seeds it when asked, and serves GraphQL on API_PORT.
import { createServer } from 'node:http'
import { config } from './config.ts'
import { openConfiguredDatabase } from './db/open.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.ts'
import { seedDatabase } from './seed/index.ts'
import { createApp } from './yoga.ts'
import { startNotificationWorker } from './modules/notifications/worker.ts'
import { startScheduler } from './modules/jobs/scheduler.ts'
import { sealAuditChain } from './modules/audit/chain.ts'
import { resumeBatches } from './modules/reorganisationBatches/job.ts'
import { resumeMigrationRuns } from './modules/migration/worker.ts'
import { reportSecondFactorOff } from './modules/secondFactor/offInProduction.ts'
import { startConfiguredDnsServer } from './modules/dns/publication/configured.ts'
import { repointForwardAddresses } from './modules/dns/urlForward.ts'
import { startConfiguredWhoisServer } from './whois/server.ts'
import { flushLog, logFor } from './observability/log.ts'

// Start and stop go to the process's log (observability/log.ts): JSON lines in production, text elsewhere.
const log = logFor('api')
if (config.piiEncryption.isDevKey)
  log.warn(
    'PII_ENCRYPTION_KEYS is not set: ID numbers are encrypted with the published development key (not for real data)',
  )
const database = await openConfiguredDatabase()
if (process.env.SEED_ON_START !== 'false') {
  const counts = await seedDatabase(database.prisma, { demo: process.env.SEED_DEMO !== 'false' })
  logFor('seed').info(`${counts.regions} regions, ${counts.offices} offices (idempotent)`)
}
// 操作日志: rows written since the last seal (by a previous run, a command, a stop between ticks) join the hash chain
// now; the scheduler seals each minute after this. In the background: after an upgrade the whole existing log is
// unsealed (millions of rows at national scale), which must not hold the API's start.
void sealAuditChain(database.prisma).then(
  (sealed) => sealed && log.info(`sealed ${sealed} audit row(s) into the hash chain`),
  (error: unknown) => log.error({ err: (error as Error).message }, 'sealing the audit log failed'),
)
await reportSecondFactorOff(database.prisma, {
  production: config.isProduction,
  secondFactor: config.secondFactor.enabled,
})
// Domains imported (数据迁移) or from before 简繁 variants were reserved get theirs from the scheduled job
// 简繁变体补留 (modules/domainNames/backfill.ts), not here: at national scale that is hours of work.

// DNS_SERVER=powerdns: the authoritative server for .政务/.公益, reading this database (stopped with the API).
const dnsServer = await startConfiguredDnsServer(database.prisma)
const repointed = await repointForwardAddresses(database.prisma)
if (repointed) log.info(`${repointed} URL转发 A records now point at ${config.urlForwardServerIpv4}`)

// WHOIS_PORT: the WHOIS text service (RFC 3912) beside RDAP, stopped with the API.
const whoisServer = await startConfiguredWhoisServer(database.prisma)

const app = createApp({ prisma: database.prisma })
// Delivers the notification outbox (SMS, email); NOTIFICATION_WORKER=false when another process does it.
const stopNotificationWorker = config.notifications.workerEnabled ? startNotificationWorker(database.prisma) : null
// 定时任务 (daily charge, reminders, checks, escalation); SCHEDULER=false when another process runs them.
const stopScheduler = config.jobs.scheduler ? startScheduler(database.prisma) : null
// 批量机构改革 approved or half carried out before a stop or crash go on where they stopped (row states are stored).
const batchesResumed = await resumeBatches(database.prisma)
if (batchesResumed) log.info(`resuming ${batchesResumed} 批量机构改革 batch(es)`)
// 数据迁移 commits started on the page and cut off by a stop or crash go on after their committed batches.
const migrationsResumed = await resumeMigrationRuns(database.prisma)
if (migrationsResumed) log.info(`resuming ${migrationsResumed} 数据迁移 import(s)`)
const server = createServer(app)
server.listen(config.apiPort, config.apiHost, () => {
  const where = database.kind === 'pglite' ? `embedded PGlite at ${config.pgliteDir}` : 'PostgreSQL (DATABASE_URL)'
  // Tests and tools wait for "GraphQL on http" (tests/testkit/processes.ts).
  log.info(`GraphQL on http://${config.apiHost}:${config.apiPort}${config.graphqlPath} (database: ${where})`)
  log.info(
    `health on /healthz and /readyz; /metrics for ${config.observability.metricsAllowed.entries.join(', ') || 'nobody'}`,
  )
  log.info(`portal (门户): http://localhost:${process.env.WEB_PORT || 3000}/login`)
  if (process.env.SEED_DEMO !== 'false') {
    log.info(`demo logins (demo password ${process.env.DEMO_PASSWORD ? 'from DEMO_PASSWORD' : DEMO_PASSWORD}):`)
    for (const account of DEMO_ACCOUNTS) log.info(`  ${account.username.padEnd(10)} ${account.description}`)
  }
})

async function shutdown(signal: string) {
  log.info(`${signal}: closing`)
  server.close()
  await whoisServer?.stop()
  await stopNotificationWorker?.()
  await stopScheduler?.()
  await dnsServer?.stop()
  await database.close()
  log.info('closed')
  flushLog()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
