// 操作日志 (audit log): auditLogs for office staff (their region subtree) and CONAC (everything), newest first. The
// query is a file of its own (queries/audit-logs.ts) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { freeId } from '../../validation/ids.ts'
import { UserRoleEnum } from '../users/schema.ts'
import { auditLogs, countAuditLogs, seesClientAddresses } from './queries/audit-logs.ts'
import { auditJsonText } from './redaction.ts'

interface AuditActorShape {
  displayName: string
  role: string
}

const AuditActorRef = builder.objectRef<AuditActorShape>('AuditActor').implement({
  description: 'Who did it: the person (for an API token, the staff member who created the token).',
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    role: t.field({ type: UserRoleEnum, resolve: (actor) => actor.role as never }),
  }),
})

export const AuditEntryRef = builder.prismaObject('AuditLog', {
  variant: 'AuditEntry',
  description: '操作日志的一条记录: who did what to which subject, with the state before and after.',
  fields: (t) => ({
    id: t.exposeID('id'),
    action: t.exposeString('action', {
      description: 'Verb-first action name, e.g. auth.login, siteApplication.review',
    }),
    subjectType: t.exposeString('subjectType', { description: 'e.g. SiteApplication, Domain, Unit, User' }),
    subjectId: t.exposeID('subjectId', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.field({
      type: AuditActorRef,
      nullable: true,
      description: 'The acting person; null for anonymous and system actions',
      select: { actorUser: { select: { displayName: true, role: true } } },
      resolve: (row) => row.actorUser ?? null,
    }),
    actorTokenName: t.string({
      nullable: true,
      description: 'The API token’s name when the action came through a token, else null',
      select: { actorTokenId: true },
      resolve: async (row, _args, ctx) => {
        if (row.actorTokenId == null) return null
        const token = await ctx.prisma.apiToken.findUnique({ where: { id: row.actorTokenId }, select: { name: true } })
        return token?.name ?? null
      },
    }),
    before: t.string({
      nullable: true,
      description: 'The state before, as JSON object text (secrets removed)',
      select: { before: true },
      resolve: (row) => auditJsonText(row.before),
    }),
    after: t.string({
      nullable: true,
      description: 'The state after, as JSON object text (secrets removed)',
      select: { after: true },
      resolve: (row) => auditJsonText(row.after),
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description:
        'The X-Request-Id of the request that wrote it (the same id is on the API’s log line of that request); null for scheduled jobs and other work outside a request',
    }),
    ip: t.string({
      nullable: true,
      description: 'The client address; CONAC staff only (null for offices)',
      select: { ip: true },
      resolve: (row, _args, ctx) => (seesClientAddresses(ctx.viewer) ? row.ip : null),
    }),
  }),
})

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    subjectType: t.string({ required: false, description: 'e.g. SiteApplication, Domain' }),
    subjectId: t.id({ required: false, ...freeId() }),
    action: t.string({ required: false, description: 'Exact action name, e.g. siteApplication.review' }),
    from: t.field({ type: 'DateTime', required: false, description: 'At or after this instant' }),
    to: t.field({ type: 'DateTime', required: false, description: 'At or before this instant' }),
  }),
})

builder.queryFields((t) => ({
  auditLogs: t.prismaConnection({
    type: AuditEntryRef,
    cursor: 'id',
    description:
      '操作日志, newest first. Office staff (session or token) read the rows of their region subtree; CONAC every row, ' +
      'including auth and system events without a region. Unit users get FORBIDDEN.',
    args: { filter: t.arg({ type: AuditLogFilter, required: false }) },
    totalCount: (_parent, { filter }, ctx) => countAuditLogs(ctx, filter),
    resolve: (query, _root, { filter }, ctx) => auditLogs.execute(ctx, { query, filter }),
  }),
}))
