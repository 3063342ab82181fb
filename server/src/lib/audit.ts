// The one audit writer: who did what to which subject, with the state before and after.
import type { Prisma } from '../generated/prisma/client.ts'
import type { Viewer } from '../viewer.ts'
import { currentRequestId } from '../observability/requestContext.ts'

type AuditClient = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> } }

export interface AuditEvent {
  action: string
  subjectType: string
  subjectId?: string | number | null
  regionPath?: string | null
  before?: unknown
  after?: unknown
}

/** JSON-safe copy: BigInt money becomes a string, dates ISO strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)))
}

export async function writeAudit(
  db: AuditClient,
  actor: { viewer: Viewer; ip: string | null },
  event: AuditEvent,
): Promise<void> {
  const { viewer } = actor
  await db.auditLog.create({
    data: {
      actorUserId: viewer.kind === 'anonymous' ? null : viewer.userId,
      actorTokenId: viewer.kind === 'token' ? viewer.tokenId : null,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId == null ? null : String(event.subjectId),
      regionPath: event.regionPath ?? null,
      before: toJson(event.before),
      after: toJson(event.after),
      ip: actor.ip,
      // The request that wrote it (X-Request-Id), found in the request's AsyncLocalStorage: the log line's id.
      requestId: currentRequestId(),
    },
  })
}
