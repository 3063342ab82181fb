// 标识管理: the badge's code and addresses, its change and cancellation requests (变更/注销) with the office's
// review, the review queue, and the public verification (公开核验) anybody may query. Each command and query is a
// file of its own (commands/, queries/) with its policy at the top; this file only translates. The Badge type
// itself is defined with the site applications.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { BadgeChangeKind, BadgeChangeStatus } from '../../generated/prisma/enums.ts'
import '../reviews/schema.ts'
import { BadgePlacementEnum, BadgeStatusEnum } from '../siteApplications/schema.ts'
import { UnitTypeEnum } from '../units/schema.ts'
import { requestBadgeCancellation } from './commands/request-badge-cancellation.ts'
import { requestBadgeChange } from './commands/request-badge-change.ts'
import { reviewBadgeChange } from './commands/review-badge-change.ts'
import { withdrawBadgeChangeRequest } from './commands/withdraw-badge-change-request.ts'
import { badgeChangeReviewQueue } from './queries/badge-change-review-queue.ts'
import { badgeVerification, type BadgeVerificationFacts } from './queries/badge-verification.ts'
import { badgeChangeListWhere, changesOf, type BadgeFieldChange as BadgeFieldChangeShape } from './reads.ts'
import { badgeSnippet, publicUrl, verificationPath } from './snippet.ts'

export const BadgeChangeKindEnum = builder.enumType(BadgeChangeKind, {
  name: 'BadgeChangeKind',
  description: 'CHANGE 变更, CANCEL 注销',
})
export const BadgeChangeStatusEnum = builder.enumType(BadgeChangeStatus, {
  name: 'BadgeChangeStatus',
  description: 'PENDING 待审核, APPROVED 审核通过, REJECTED 审核未通过, WITHDRAWN 已撤回',
})

const BadgeReviewDecisionEnum = builder.enumType('BadgeReviewDecision', {
  values: { APPROVE: { description: '通过' }, REJECT: { description: '不通过 (a reason is required)' } } as const,
})

const BadgeFieldChange = builder.objectRef<BadgeFieldChangeShape>('BadgeFieldChange').implement({
  description: 'One badge fact a change request changes: its value when the unit asked, and the requested one.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'placement, siteName, englishDomain or ipAddress' }),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
  }),
})

builder.prismaObject('BadgeChangeRequest', {
  description: '标识变更或注销申请, reviewed by the unit’s same-level office.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: BadgeChangeKindEnum }),
    status: t.expose('status', { type: BadgeChangeStatusEnum }),
    version: t.exposeInt('version', { description: 'Send it back to review or withdraw.' }),
    newPlacement: t.expose('newPlacement', {
      type: BadgePlacementEnum,
      nullable: true,
      description: 'CHANGE: the placement after the change',
    }),
    newSiteName: t.exposeString('newSiteName', {
      nullable: true,
      description: 'CHANGE: the site name after the change',
    }),
    newEnglishDomain: t.exposeString('newEnglishDomain', {
      nullable: true,
      description: 'CHANGE: the English domain after the change (null on the micro-site)',
    }),
    newIpAddress: t.exposeString('newIpAddress', {
      nullable: true,
      description: 'CHANGE: the IP after the change (null on the micro-site)',
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'The unit’s reason (required for CANCEL)' }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedByName: t.string({
      description: 'The display name of the unit user who asked.',
      resolve: async (request, _args, ctx) =>
        (await ctx.prisma.user.findUnique({ where: { id: request.requestedById }, select: { displayName: true } }))
          ?.displayName ?? '',
    }),
    badge: t.relation('badge'),
    reviewDecisions: t.relation('reviewDecisions', {
      description: 'The office’s decision (at most one), oldest first',
      query: { orderBy: { id: 'asc' } },
    }),
    changes: t.field({
      type: [BadgeFieldChange],
      description: 'CHANGE: the facts that change, before → after (empty for CANCEL).',
      resolve: (request, _args, ctx) => changesOf(ctx, request),
    }),
  }),
})

builder.prismaObjectField('ReviewDecision', 'badgeChange', (t) => t.relation('badgeChange', { nullable: true }))

builder.prismaObjectFields('Badge', (t) => ({
  version: t.exposeInt('version', {
    description: 'Changes when a change or cancellation is applied; send it with a request.',
  }),
  ipAddress: t.exposeString('ipAddress', { nullable: true }),
  cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
  snippet: t.string({
    description: '标识代码: paste it immediately before </body> on every page of the site.',
    resolve: (badge) => badgeSnippet(badge.badgeNumber),
  }),
  verificationUrl: t.string({
    description: 'The public verification page (公开核验页).',
    resolve: (badge) => publicUrl(verificationPath(badge.badgeNumber)),
  }),
  chineseDomain: t.prismaField({
    type: 'Domain',
    nullable: true,
    description: 'The site application’s Chinese domain, which forwards to the site.',
    select: { siteApplication: { select: { chineseDomainId: true } } },
    resolve: (query, badge, _args, ctx) => {
      const id = badge.siteApplication.chineseDomainId
      return id == null ? null : ctx.prisma.domain.findUnique({ ...query, where: { id } })
    },
  }),
  changeRequests: t.relation('changeRequests', {
    description: '变更/注销 requests, newest first',
    query: { orderBy: { id: 'desc' } },
  }),
  pendingChangeRequest: t.prismaField({
    type: 'BadgeChangeRequest',
    nullable: true,
    description: 'The request waiting for the office, if any (at most one per badge).',
    resolve: (query, badge, _args, ctx) =>
      ctx.prisma.badgeChangeRequest.findFirst({ ...query, where: { badgeId: badge.id, status: 'PENDING' } }),
  }),
}))

const BadgeReorganisationRef = builder
  .objectRef<NonNullable<BadgeVerificationFacts['reorganisation']>>('BadgeReorganisation')
  .implement({
    description: '机构改革 shown on the verification page: 原单位 and the date it took effect.',
    fields: (t) => ({
      kind: t.exposeString('kind', { description: 'RENAME 更名, MERGE 合并, SPLIT 拆分, ABOLISH 撤销' }),
      formerUnitName: t.exposeString('formerUnitName'),
      effectiveDate: t.exposeString('effectiveDate', { description: 'YYYY-MM-DD' }),
    }),
  })

const BadgeVerification = builder.objectRef<BadgeVerificationFacts>('BadgeVerification').implement({
  description: '公开核验: the public facts of a badge. No personal data of principal or handler, no IP.',
  fields: (t) => ({
    badgeNumber: t.exposeString('badgeNumber'),
    status: t.expose('status', { type: BadgeStatusEnum }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    unitName: t.exposeString('unitName', { description: '开办主体' }),
    unitType: t.expose('unitType', { type: UnitTypeEnum }),
    address: t.exposeString('address'),
    functions: t.exposeString('functions', { nullable: true, description: '开办主体职能' }),
    siteName: t.exposeString('siteName'),
    chineseDomains: t.exposeStringList('chineseDomains', {
      description: 'Full names, the site’s own Chinese domain first',
    }),
    englishDomain: t.exposeString('englishDomain', { nullable: true }),
    placement: t.expose('placement', { type: BadgePlacementEnum }),
    issuer: t.exposeString('issuer', { description: '颁发机构' }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    reorganisation: t.field({
      type: BadgeReorganisationRef,
      nullable: true,
      description: '机构改革: the former unit and the date, when a reorganisation moved the badge or renamed its unit',
      resolve: (facts) => facts.reorganisation,
    }),
  }),
})

const RequestBadgeChangeInput = builder.inputType('RequestBadgeChangeInput', {
  fields: (t) => ({
    badgeId: t.id({ required: true }),
    version: t.int({ required: true, description: 'The badge’s version' }),
    newPlacement: t.field({ type: BadgePlacementEnum, required: false, description: 'Omitted: unchanged' }),
    newSiteName: t.string({ required: false, description: 'Omitted: unchanged' }),
    newEnglishDomain: t.string({
      required: false,
      description:
        'The site’s host name: under .gov.cn for 党政机关 (PARTY_GOVERNMENT), any Internet host name for the other unit types; required for SELF_BUILT, empty for MICRO_SITE; omitted: unchanged',
    }),
    newIpAddress: t.string({
      required: false,
      description: 'IPv4 or IPv6; required for SELF_BUILT, empty for MICRO_SITE; omitted: unchanged',
    }),
    reason: t.string({ required: false, description: 'At most 500 characters', ...multiLineText() }),
  }),
})

const RequestBadgeCancellationInput = builder.inputType('RequestBadgeCancellationInput', {
  fields: (t) => ({
    badgeId: t.id({ required: true }),
    version: t.int({ required: true, description: 'The badge’s version' }),
    reason: t.string({ required: true, description: '注销原因, 2-500 characters', ...multiLineText() }),
  }),
})

const WithdrawBadgeChangeRequestInput = builder.inputType('WithdrawBadgeChangeRequestInput', {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true }) }),
})

const ReviewBadgeChangeInput = builder.inputType('ReviewBadgeChangeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    decision: t.field({ type: BadgeReviewDecisionEnum, required: true }),
    reason: t.string({
      required: false,
      description: '不通过原因, 2-500 characters; required for REJECT',
      ...multiLineText(),
    }),
  }),
})

const BadgeChangeRequestFilter = builder.inputType('BadgeChangeRequestFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [BadgeChangeStatusEnum], required: false }),
    badgeId: t.id({ required: false }),
  }),
})

builder.queryFields((t) => ({
  badgeVerification: t.field({
    type: BadgeVerification,
    nullable: true,
    description: 'Public (no login): the facts shown on the verification page; null for an unknown badge number.',
    args: { badgeNumber: t.arg.string({ required: true, description: 'Digits and capital letters, at most 32' }) },
    resolve: (_root, { badgeNumber }, ctx) => badgeVerification.execute(ctx, badgeNumber),
  }),
  badgeChangeRequests: t.prismaConnection({
    type: 'BadgeChangeRequest',
    cursor: 'id',
    description:
      'Change and cancellation requests the viewer may see (own unit; an office its subtree; CONAC all), newest first.',
    args: { filter: t.arg({ type: BadgeChangeRequestFilter, required: false }) },
    totalCount: (_p, { filter }, ctx) =>
      ctx.prisma.badgeChangeRequest.count({ where: badgeChangeListWhere(ctx, filter) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.badgeChangeRequest.findMany({
        ...query,
        where: badgeChangeListWhere(ctx, filter),
        orderBy: { id: 'desc' },
      }),
  }),
  badgeChangeReviewQueue: t.prismaConnection({
    type: 'BadgeChangeRequest',
    cursor: 'id',
    description: "标识变更审核: the office's same-level units' PENDING requests, oldest first.",
    totalCount: async (_p, _a, ctx) =>
      ctx.prisma.badgeChangeRequest.count({ where: await badgeChangeReviewQueue.execute(ctx, undefined) }),
    resolve: async (query, _root, _args, ctx) =>
      ctx.prisma.badgeChangeRequest.findMany({
        ...query,
        where: await badgeChangeReviewQueue.execute(ctx, undefined),
        orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      }),
  }),
}))

const reloadRequest = (ctx: Context, query: object, id: number) =>
  ctx.prisma.badgeChangeRequest.findUniqueOrThrow({
    ...(query as Prisma.BadgeChangeRequestFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  requestBadgeChange: t.prismaField({
    type: 'BadgeChangeRequest',
    description:
      '变更 (unit users, own ACTIVE badge): placement, English domain, IP, site name; the same-level office reviews it.',
    args: { input: t.arg({ type: RequestBadgeChangeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await requestBadgeChange.execute(ctx, input)),
  }),
  requestBadgeCancellation: t.prismaField({
    type: 'BadgeChangeRequest',
    description: '注销 (unit users, own ACTIVE badge); after approval the unit may apply again for the site.',
    args: { input: t.arg({ type: RequestBadgeCancellationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await requestBadgeCancellation.execute(ctx, input)),
  }),
  withdrawBadgeChangeRequest: t.prismaField({
    type: 'Badge',
    description: '撤回 a PENDING request (unit users, own unit). Returns the badge.',
    args: { input: t.arg({ type: WithdrawBadgeChangeRequestInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const badgeId = await withdrawBadgeChangeRequest.execute(ctx, input)
      return ctx.prisma.badge.findUniqueOrThrow({
        ...(query as Prisma.BadgeFindUniqueOrThrowArgs),
        where: { id: badgeId },
      })
    },
  }),
  reviewBadgeChange: t.prismaField({
    type: 'BadgeChangeRequest',
    description:
      'The unit’s same-level office approves (the change is applied, or the badge cancelled) or rejects with a reason.',
    args: { input: t.arg({ type: ReviewBadgeChangeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await reviewBadgeChange.execute(ctx, input)),
  }),
}))
