// 操作日志: which audit rows a viewer may read, and the filter over them.
import type { Context } from '../../context.ts'
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

export function auditLogWhere(ctx: Context, filter: AuditLogFilterInput | null | undefined): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [auditLogScope(ctx.viewer)]
  if (filter?.subjectType) and.push({ subjectType: filter.subjectType })
  if (filter?.subjectId != null && String(filter.subjectId) !== '') and.push({ subjectId: String(filter.subjectId) })
  if (filter?.action) and.push({ action: filter.action })
  if (filter?.from) and.push({ at: { gte: filter.from } })
  if (filter?.to) and.push({ at: { lte: filter.to } })
  return { AND: and }
}
