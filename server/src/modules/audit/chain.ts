// The audit log's hash chain (tamper evidence, 网络安全法 retention). The work is in SQL functions (migration
// 20261207160634_audit_hash_chain): rows are inserted unsealed by writeAudit and sealed after they commit, so
// audited transactions never wait on one another for the chain's head; the sealer, the verifier and the purge
// compute the row's canonical content with one SQL function, so nothing can disagree on it. This file runs them.
import type { PrismaClient } from '../../generated/prisma/client.ts'

type RawClient = Pick<PrismaClient, '$queryRawUnsafe'>

/** Rows one seal call links (one transaction); sealAuditChain calls again until nothing is left. */
const SEAL_BATCH = 5_000

/**
 * Seals every audit row committed before the call (waiting for a sealer running elsewhere); returns how many. Run by
 * the scheduler each minute, at API start, and by the verify and purge commands.
 */
export async function sealAuditChain(prisma: RawClient, batch = SEAL_BATCH): Promise<number> {
  let total = 0
  for (;;) {
    const [row] = await prisma.$queryRawUnsafe<{ sealed: number }[]>(
      'SELECT "audit_chain_seal"($1::integer) AS "sealed"',
      batch,
    )
    const sealed = row?.sealed ?? 0
    total += sealed
    if (sealed < batch) return total
  }
}

export interface AuditChainReport {
  intact: boolean
  /** Sealed rows recomputed (up to the break). */
  checked: number
  /** The first row that does not fit (null when intact, or when rows are missing at the end). */
  brokenId: number | null
  brokenSeq: number | null
  reason: string | null
  /** The head the sealer recorded: the last sealed row's sequence number and hash. */
  headSeq: number
  headHash: string
  /** Rows up to this sequence number were purged after the retention period (0: none). */
  purgedThroughSeq: number
  /** Rows written and not sealed yet (sealed within a minute by the scheduler). */
  unsealed: number
}

/** Recomputes the chain (from sinceSeq only, when given) and reports the first break. Read-only. */
export async function verifyAuditChain(prisma: RawClient, sinceSeq?: number): Promise<AuditChainReport> {
  const [row] = await prisma.$queryRawUnsafe<AuditChainReport[]>(
    'SELECT * FROM "audit_chain_verify"($1::integer)',
    sinceSeq ?? null,
  )
  if (!row) throw new Error('audit_chain_verify() returned no row')
  return row
}

/**
 * Deletes the sealed rows older than `retentionDays` (at least 180; the database refuses less) from the start of the
 * chain, after sealing and verifying it; the last purged row's hash stays as the verifier's starting point.
 */
export async function purgeAuditLog(prisma: RawClient, retentionDays: number): Promise<number> {
  await sealAuditChain(prisma)
  const [row] = await prisma.$queryRawUnsafe<{ deleted: number }[]>(
    'SELECT "audit_chain_purge"($1::integer) AS "deleted"',
    retentionDays,
  )
  return row?.deleted ?? 0
}

/** One line for people: "chain intact: N rows, last hash …" or where it breaks. */
export function describeAuditChain(report: AuditChainReport): string {
  const pending = report.unsealed ? `; ${report.unsealed} row(s) not sealed yet` : ''
  const purged = report.purgedThroughSeq ? ` after the purge checkpoint at seq ${report.purgedThroughSeq}` : ''
  if (report.intact)
    return `chain intact: ${report.checked} rows${purged}, last seq ${report.headSeq}, last hash ${report.headHash}${pending}`
  const at =
    report.brokenId !== null ? `row id ${report.brokenId} (seq ${report.brokenSeq})` : `seq ${report.brokenSeq}`
  return `chain BROKEN at ${at}: ${report.reason}; ${report.checked} rows before it verified${pending}`
}
