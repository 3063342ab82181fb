// 操作日志: which audit rows a viewer may read, and the redaction applied to before/after before they leave the API.
import type { Context } from '../../context.ts'
import { appError, forbidden } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'

export interface AuditLogFilterInput {
  subjectType?: string | null
  subjectId?: string | number | null
  action?: string | null
  from?: Date | null
  to?: Date | null
}

/** Nothing matches this id. */
const NOTHING = -1

/**
 * Audit rows the viewer may read: office staff (session or token) the rows whose region path lies in the office's
 * subtree; CONAC every row, including those without a region (auth and system events); everyone else nothing.
 */
export function auditLogScope(viewer: Context['viewer']): Prisma.AuditLogWhereInput {
  if (viewer.kind === 'anonymous' || !viewer.office) return { id: NOTHING }
  if (viewer.office.officeLevel === 'CENTRAL') return {}
  return { regionPath: { startsWith: viewer.office.regionPath } }
}

/** Throws unless the viewer is office or CONAC staff (the permission table checks this too). */
export function requireAuditReader(ctx: Context): void {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') throw appError('UNAUTHENTICATED', '请先登录')
  if (!viewer.office) throw forbidden('仅限编办或 CONAC 工作人员查看操作日志')
}

export function auditLogWhere(ctx: Context, filter: AuditLogFilterInput | null | undefined): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [auditLogScope(ctx.viewer)]
  if (filter?.subjectType) and.push({ subjectType: filter.subjectType })
  if (filter?.subjectId != null && String(filter.subjectId) !== '') and.push({ subjectId: String(filter.subjectId) })
  if (filter?.action) and.push({ action: filter.action })
  if (filter?.from) and.push({ at: { gte: filter.from } })
  if (filter?.to) and.push({ at: { lte: filter.to } })
  return { AND: and }
}

/** Keys whose values never leave the API, at any depth: secrets, their hashes, verification codes. */
const SECRET_KEY = /(hash|secret|password|salt)$|^(code|verificationcode|token|session|sessionid|cookie)$/i

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key)) continue
      out[key] = redact(v)
    }
    return out
  }
  return value
}

/** The stored JSON as text, with secret keys removed; null when nothing was stored. */
export function auditJsonText(value: Prisma.JsonValue | null): string | null {
  if (value == null) return null
  return JSON.stringify(redact(value))
}
