// 解析变更记录: the one place a change of a DNS record is recorded, inside the change's transaction: an audit row
// (操作日志, which offices and CONAC read) and a history row (DnsRecordChange, which the DNS page shows the unit too),
// saying what the record was and became, who acted and why: the unit's own edit, or a badge's issue, 变更 or 注销.
import type { Context } from '../../context.ts'
import type { DnsRecord, Prisma } from '../../generated/prisma/client.ts'
import type { DnsRecordAction } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { actingUserId } from '../../viewer.ts'

type Tx = Prisma.TransactionClient

/** Why records changed: the unit's own edit, or a badge's issue or an approved 变更/注销 request. */
export type DnsChangeReason =
  | { cause: 'UNIT' }
  /** URL_FORWARD_SERVER_IPV4 changed and the forwards' A records followed it (urlForward.ts, at the API's start) */
  | { cause: 'FORWARD_SERVER_MOVED' }
  | { cause: 'BADGE_ISSUED'; badgeId: number }
  | { cause: 'BADGE_CHANGED'; badgeId: number; badgeChangeRequestId: number }
  | { cause: 'BADGE_CANCELLED'; badgeId: number; badgeChangeRequestId: number }
  /** The badge went with its domain's approved 注销 (domainCancellations), not with a badge request */
  | { cause: 'BADGE_CANCELLED'; badgeId: number; domainCancellationRequestId: number }
  /** The badge was cancelled by a carried-out 机构改革 (reorganisations/plan.ts) */
  | { cause: 'BADGE_CANCELLED'; badgeId: number; reorganisationId: number }

/** What the history and the audit keep of a record. */
export function recordSnapshot(record: DnsRecord) {
  const { id, domainId, host, type, value, ttl, priority, forwardGroup, forwardRedirect, forwardKeepPath } = record
  return { id, domainId, host, type, value, ttl, priority, forwardGroup, forwardRedirect, forwardKeepPath }
}

const AUDIT_ACTIONS: Record<DnsRecordAction, string> = {
  ADDED: 'dnsRecord.add',
  UPDATED: 'dnsRecord.update',
  DELETED: 'dnsRecord.delete',
}
/** The audit rows' reason words, as the badge's DNS changes have always written them. */
const AUDIT_REASONS = {
  BADGE_ISSUED: 'badge.issue',
  BADGE_CHANGED: 'badge.repoint',
  BADGE_CANCELLED: 'badge.cancel',
} as const

function auditWhy(reason: DnsChangeReason): Record<string, unknown> | null {
  if (reason.cause === 'UNIT') return null
  if (reason.cause === 'FORWARD_SERVER_MOVED') return { reason: 'forwardServer.moved' }
  return {
    badgeId: reason.badgeId,
    ...('badgeChangeRequestId' in reason ? { badgeChangeId: reason.badgeChangeRequestId } : {}),
    ...('domainCancellationRequestId' in reason ? { domainCancellationId: reason.domainCancellationRequestId } : {}),
    ...('reorganisationId' in reason ? { reorganisationId: reason.reorganisationId } : {}),
    reason: AUDIT_REASONS[reason.cause],
  }
}

/**
 * Records one change of one record: `before` only for a deletion, `after` only for an addition, both for an update.
 * regionPath scopes the audit row to the offices over the domain's unit.
 */
export async function logDnsChange(
  tx: Tx,
  ctx: Pick<Context, 'viewer' | 'ip'>,
  change: { regionPath: string; before?: DnsRecord | null; after?: DnsRecord | null; reason: DnsChangeReason },
): Promise<void> {
  const { before, after, reason } = change
  const record = after ?? before
  if (!record) throw new Error('logDnsChange needs the record before or after the change')
  const action: DnsRecordAction = before && after ? 'UPDATED' : after ? 'ADDED' : 'DELETED'
  const why = auditWhy(reason)
  await writeAudit(tx, ctx, {
    action: AUDIT_ACTIONS[action],
    subjectType: 'DnsRecord',
    subjectId: record.id,
    regionPath: change.regionPath,
    before: before ? recordSnapshot(before) : undefined,
    after: after ? { ...recordSnapshot(after), ...why } : (why ?? undefined),
  })
  await tx.dnsRecordChange.create({
    data: {
      domainId: record.domainId,
      recordId: record.id,
      action,
      before: before ? recordSnapshot(before) : undefined,
      after: after ? recordSnapshot(after) : undefined,
      cause: reason.cause,
      badgeId: 'badgeId' in reason ? reason.badgeId : null,
      badgeChangeRequestId: 'badgeChangeRequestId' in reason ? reason.badgeChangeRequestId : null,
      domainCancellationRequestId: 'domainCancellationRequestId' in reason ? reason.domainCancellationRequestId : null,
      reorganisationId: 'reorganisationId' in reason ? reason.reorganisationId : null,
      actorUserId: actingUserId(ctx.viewer),
    },
  })
}
