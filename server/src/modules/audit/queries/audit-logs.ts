// 操作日志: audit rows, newest first. An office (session or token) reads the rows of its region subtree; CONAC every
// row, including auth and system events without a region. Only CONAC sees the client address (AuditEntry.ip).
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES, authorize } from '../../../commands/policy.ts'
import type { Context } from '../../../context.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { isConac } from '../../../lib/scope.ts'
import type { Viewer } from '../../../viewer.ts'
import { auditLogWhere, type AuditLogFilterInput } from '../scope.ts'

export const auditLogs = defineQuery({
  name: 'auditLogs',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    rule: '操作日志: office subtree by regionPath / CONAC all (incl. no region); ip for CONAC only',
    refusal: '仅限编办或 CONAC 工作人员查看操作日志',
  },
  scope: 'auditLogScope (office subtree by regionPath; CONAC all)',
  run: (
    ctx,
    input: {
      query: { include?: Prisma.AuditLogInclude; select?: Prisma.AuditLogSelect }
      filter?: AuditLogFilterInput | null
    },
  ) =>
    ctx.prisma.auditLog.findMany({ ...input.query, where: auditLogWhere(ctx, input.filter), orderBy: { id: 'desc' } }),
})

/** The connection's totalCount, under the same policy (Pothos asks for it without the rows when only it is selected). */
export function countAuditLogs(ctx: Context, filter?: AuditLogFilterInput | null): Promise<number> {
  authorize(auditLogs.policy, ctx.viewer)
  return ctx.prisma.auditLog.count({ where: auditLogWhere(ctx, filter) })
}

/** Whether the viewer may see the client addresses in the log: CONAC only (offices see null). */
export function seesClientAddresses(viewer: Viewer): boolean {
  return isConac(viewer)
}
