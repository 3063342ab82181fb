// 域名注销: a unit's requests to give up a domain, what depends on it, the same-level office's review, the history and
// the review queue. Each command and query is a file of its own (commands/, queries/) with its policy at the top;
// this file only translates.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { DomainCancellationStatus } from '../../generated/prisma/enums.ts'
import { unitScope } from '../../lib/scope.ts'
import { multiLineText } from '../../validation/text.ts'
import { requestDomainCancellation } from './commands/request-domain-cancellation.ts'
import { reviewDomainCancellation } from './commands/review-domain-cancellation.ts'
import { withdrawDomainCancellation } from './commands/withdraw-domain-cancellation.ts'
import { storedImpact, type CancellationImpact } from './impact.ts'
import { domainCancellationImpact } from './queries/domain-cancellation-impact.ts'
import { domainCancellationReviewQueue } from './queries/domain-cancellation-review-queue.ts'

export const DomainCancellationStatusEnum = builder.enumType(DomainCancellationStatus, {
  name: 'DomainCancellationStatus',
  description:
    'PENDING 待审核, APPROVED 审核通过（域名已删除）, REJECTED 审核未通过, WITHDRAWN 已撤回, CLOSED 已关闭（域名已到期删除）',
})

type ImpactBadge = CancellationImpact['badges'][number]
type ImpactApplication = CancellationImpact['siteApplications'][number]
type ImpactMicroSite = NonNullable<CancellationImpact['microSite']>

const CancellationBadge = builder.objectRef<ImpactBadge>('DomainCancellationBadge').implement({
  description: 'An ACTIVE website badge whose site uses the domain: cancelled with it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    badgeNumber: t.exposeString('badgeNumber'),
    siteName: t.exposeString('siteName'),
    placement: t.exposeString('placement', { description: 'MICRO_SITE or SELF_BUILT' }),
  }),
})

const CancellationApplication = builder.objectRef<ImpactApplication>('DomainCancellationSiteApplication').implement({
  description: 'An open site application that names the domain: withdrawn with it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    serialNumber: t.exposeString('serialNumber'),
    siteName: t.exposeString('siteName'),
    status: t.exposeString('status', { description: 'SiteApplicationStatus when listed' }),
  }),
})

const CancellationMicroSite = builder.objectRef<ImpactMicroSite>('DomainCancellationMicroSite').implement({
  description:
    'The unit’s micro-site (网络红页) that a badge reaches through the domain: it stays at its own address; only the way through the domain ends.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    published: t.exposeBoolean('published'),
  }),
})

type ImpactFields = Omit<CancellationImpact, 'fingerprint'>

const DependentsRef = builder.objectRef<ImpactFields>('DomainCancellationDependents').implement({
  description:
    'What depends on a domain: badges and site applications are cancelled with it (the unit must agree); DNS records, URL forwards and variants stop answering.',
  fields: (t) => ({
    badges: t.field({ type: [CancellationBadge], resolve: (impact) => impact.badges }),
    siteApplications: t.field({ type: [CancellationApplication], resolve: (impact) => impact.siteApplications }),
    microSite: t.field({ type: CancellationMicroSite, nullable: true, resolve: (impact) => impact.microSite ?? null }),
    dnsRecords: t.int({
      description: 'DNS records (other than URL forwards) that stop answering',
      resolve: (impact) => impact.dnsRecords ?? 0,
    }),
    urlForwards: t.int({ description: 'URL转发 that stop', resolve: (impact) => impact.urlForwards ?? 0 }),
    variants: t.stringList({
      description: '简繁 variants held with the domain (released with it)',
      resolve: (impact) => impact.variants ?? [],
    }),
  }),
})

const ImpactRef = builder
  .objectRef<{ domainId: number; fingerprint: string; dependents: ImpactFields }>('DomainCancellationImpact')
  .implement({
    description: '注销影响: what depends on the domain now, for the unit to see before it confirms.',
    fields: (t) => ({
      domainId: t.exposeID('domainId'),
      dependents: t.field({ type: DependentsRef, resolve: (impact) => impact.dependents }),
      fingerprint: t.exposeString('fingerprint', {
        description: 'Send it back with requestDomainCancellation: a changed impact answers CONFLICT',
      }),
    }),
  })

const displayName = async (ctx: Context, id: number | null) =>
  id == null
    ? null
    : ((await ctx.prisma.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null)

builder.prismaObject('DomainCancellationRequest', {
  description: '域名注销申请, reviewed by the unit’s same-level office (同级编办).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: DomainCancellationStatusEnum }),
    version: t.exposeInt('version', { description: 'Send it back to review or withdraw.' }),
    domain: t.relation('domain'),
    unit: t.relation('unit'),
    reason: t.exposeString('reason', { description: 'The unit’s reason' }),
    cancelDependents: t.exposeBoolean('cancelDependents', {
      description: 'The unit agreed to cancel the listed dependents with the domain',
    }),
    dependents: t.field({
      type: DependentsRef,
      description: 'The dependents as shown to the unit when it filed (an approval cancels these)',
      resolve: (request) => storedImpact(request.dependents) as ImpactFields,
    }),
    requestedAt: t.expose('createdAt', { type: 'DateTime' }),
    requestedByName: t.string({
      nullable: true,
      resolve: (request, _args, ctx) => displayName(ctx, request.requestedById),
    }),
    reviewOffice: t.relation('reviewOffice', { description: 'The office that reviews it' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    reviewedByName: t.string({
      nullable: true,
      resolve: (request, _args, ctx) => displayName(ctx, request.reviewedById),
    }),
    reviewNote: t.exposeString('reviewNote', { nullable: true }),
  }),
})

builder.prismaObjectFields('Domain', (t) => ({
  pendingCancellation: t.prismaField({
    type: 'DomainCancellationRequest',
    nullable: true,
    description: 'The 注销 waiting for the office, if any (at most one per domain).',
    resolve: (query, domain, _args, ctx) =>
      ctx.prisma.domainCancellationRequest.findFirst({ ...query, where: { domainId: domain.id, status: 'PENDING' } }),
  }),
  deletedAt: t.expose('deletedAt', {
    type: 'DateTime',
    nullable: true,
    description: 'When the domain became DELETED (lifecycle or 注销); the name is released after the hold period',
  }),
}))

const RequestDomainCancellationInput = builder.inputType('RequestDomainCancellationInput', {
  fields: (t) => ({
    domainId: t.id({ required: true }),
    reason: t.string({ required: true, description: '注销原因, 2-500 characters', ...multiLineText() }),
    cancelDependents: t.boolean({
      required: true,
      description: '一并注销以下依赖项: required true when the impact lists badges or site applications',
    }),
    impactFingerprint: t.string({ required: true, description: 'domainCancellationImpact.fingerprint as shown' }),
  }),
})

const WithdrawDomainCancellationInput = builder.inputType('WithdrawDomainCancellationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: false, description: 'The request’s version; omitted: the current one' }),
  }),
})

const ReviewDomainCancellationInput = builder.inputType('ReviewDomainCancellationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({
      required: false,
      description: 'The request’s version the reviewer saw; omitted: the current one',
    }),
    approve: t.boolean({ required: true }),
    note: t.string({
      required: false,
      description: '审核意见: 2-500 characters, required when approve is false',
      ...multiLineText(),
    }),
  }),
})

function listWhere(
  ctx: Context,
  args: { statuses?: readonly DomainCancellationStatus[] | null },
): Prisma.DomainCancellationRequestWhereInput {
  const and: Prisma.DomainCancellationRequestWhereInput[] = [{ unit: unitScope(ctx.viewer) }]
  if (args.statuses?.length) and.push({ status: { in: [...args.statuses] } })
  return { AND: and }
}

builder.queryFields((t) => ({
  domainCancellationImpact: t.field({
    type: ImpactRef,
    description: '注销影响 of a domain the viewer may see: show it to the unit before it confirms a 注销.',
    args: { domainId: t.arg.id({ required: true }) },
    resolve: (_root, { domainId }, ctx) => domainCancellationImpact.execute(ctx, domainId),
  }),
  domainCancellationRequests: t.prismaConnection({
    type: 'DomainCancellationRequest',
    cursor: 'id',
    description:
      '域名注销 history the viewer may see (a unit its own; an office its subtree; CONAC all), newest first.',
    args: { statuses: t.arg({ type: [DomainCancellationStatusEnum], required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.domainCancellationRequest.count({ where: listWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.domainCancellationRequest.findMany({ ...query, where: listWhere(ctx, args), orderBy: { id: 'desc' } }),
  }),
  domainCancellationReviewQueue: t.prismaConnection({
    type: 'DomainCancellationRequest',
    cursor: 'id',
    description:
      '域名注销审核: the requests the office reviews, pending first, then the decided ones; each oldest first.',
    args: { statuses: t.arg({ type: [DomainCancellationStatusEnum], required: false }) },
    totalCount: async (_p, { statuses }, ctx) =>
      ctx.prisma.domainCancellationRequest.count({ where: await domainCancellationReviewQueue.execute(ctx, statuses) }),
    resolve: async (query, _root, { statuses }, ctx) =>
      ctx.prisma.domainCancellationRequest.findMany({
        ...query,
        where: await domainCancellationReviewQueue.execute(ctx, statuses),
        orderBy: [{ status: 'asc' }, { id: 'asc' }],
      }),
  }),
}))

const reloadRequest = (ctx: Context, query: object, id: number) =>
  ctx.prisma.domainCancellationRequest.findUniqueOrThrow({
    ...(query as Prisma.DomainCancellationRequestFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  requestDomainCancellation: t.prismaField({
    type: 'DomainCancellationRequest',
    description:
      '申请注销域名 (unit users, own domain): dependents (badges, site applications) must be agreed to be cancelled together; the same-level office reviews it.',
    args: { input: t.arg({ type: RequestDomainCancellationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await requestDomainCancellation.execute(ctx, input)),
  }),
  withdrawDomainCancellation: t.prismaField({
    type: 'DomainCancellationRequest',
    description: '撤回 a PENDING 注销 (unit users, own unit).',
    args: { input: t.arg({ type: WithdrawDomainCancellationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await withdrawDomainCancellation.execute(ctx, input)),
  }),
  reviewDomainCancellation: t.prismaField({
    type: 'DomainCancellationRequest',
    description:
      'The unit’s same-level office approves (the domain is deleted at once, its listed dependents cancelled) or rejects with a note.',
    args: { input: t.arg({ type: ReviewDomainCancellationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await reviewDomainCancellation.execute(ctx, input)),
  }),
}))
