// The audit chain's commands, against the configured database (DATABASE_URL, else the embedded PGlite: stop the API
// first, one process owns its directory):
//   npm run audit:verify -w server [-- --seal]   recompute the chain; exit 1 at the first broken row (read-only
//                                                unless --seal, which seals the rows written since the last pass first)
//   npm run audit:seal -w server                 seal the committed unsealed rows now
//   npm run audit:purge -w server                delete sealed rows older than AUDIT_RETENTION_DAYS (>= 180),
//                                                keeping a checkpoint so the rest still verifies
import { config } from '../../config.ts'
import { openConfiguredDatabase } from '../../db/open.ts'
import { describeAuditChain, purgeAuditLog, sealAuditChain, verifyAuditChain } from './chain.ts'

const command = process.argv[2]
if (command !== 'verify' && command !== 'seal' && command !== 'purge') {
  console.error('usage: tsx src/modules/audit/run.ts verify [--seal] | seal | purge')
  process.exit(2)
}
const database = await openConfiguredDatabase()
try {
  if (command === 'seal' || process.argv.includes('--seal'))
    console.log(`[audit] sealed ${await sealAuditChain(database.prisma)} row(s)`)
  if (command === 'purge') {
    const deleted = await purgeAuditLog(database.prisma, config.audit.retentionDays)
    console.log(`[audit] purged ${deleted} row(s) older than ${config.audit.retentionDays} days`)
  }
  if (command !== 'seal') {
    const report = await verifyAuditChain(database.prisma)
    console.log(`[audit] ${describeAuditChain(report)}`)
    if (!report.intact) process.exitCode = 1
  }
} catch (error) {
  console.error(`[audit] ${command} failed:`, (error as Error).message)
  process.exitCode = 1
} finally {
  await database.close()
}
