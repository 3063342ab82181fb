// 域名过户: the request type, the unit's form helpers (dependent badges, the receiving unit's lookup), the lists and
// the commands. Each command and query is a file of its own (commands/, queries/) with its policy at the top; this
// file only translates. A request shows the units and the domain by name only: the receiving unit reads it before
// the domain is its own, and must not reach the domain's records or the giving unit's contacts through it.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { DomainTransferDecision, DomainTransferStatus } from '../../generated/prisma/enums.ts'
import { ownUnitOf } from '../../lib/scope.ts'
import { officeScopeOf } from '../../viewer.ts'
import { multiLineText } from '../../validation/text.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { decideDomainTransfer } from './commands/decide-domain-transfer.ts'
import { requestDomainTransfer } from './commands/request-domain-transfer.ts'
import { withdrawDomainTransfer } from './commands/withdraw-domain-transfer.ts'
import { dependentBadges } from './dependents.ts'
import { domainTransferQueue } from './queries/domain-transfer-queue.ts'
import { domainTransferRecipient } from './queries/domain-transfer-recipient.ts'
import { storedBadgeActions, transferScope } from './targets.ts'

export const DomainTransferStatusEnum = builder.enumType(DomainTransferStatus, {
  name: 'DomainTransferStatus',
  description: 'PENDING 待审批, APPROVED 已过户, REJECTED 未通过, WITHDRAWN 已撤回, CLOSED 已关闭（域名已进入赎回期）',
})
const DomainTransferDecisionEnum = builder.enumType(DomainTransferDecision, {
  name: 'DomainTransferDecision',
  description: 'PENDING 待审批, APPROVED 同意, REJECTED 不同意',
})
const BadgeTransferActionEnum = builder.enumType('BadgeTransferAction', {
  values: ['MOVE', 'CANCEL'] as const,
  description: 'MOVE 随域名转移, CANCEL 注销',
})

const displayName = async (ctx: Context, id: number | null) =>
  id == null
    ? null
    : ((await ctx.prisma.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null)

interface BadgeActionRow {
  badgeId: number
  badgeNumber: string
  siteName: string
  action: 'MOVE' | 'CANCEL'
}
const DomainTransferBadge = builder.objectRef<BadgeActionRow>('DomainTransferBadge').implement({
  description: 'A badge that depended on the domain when the transfer was filed, and what happens to it.',
  fields: (t) => ({
    badgeId: t.exposeID('badgeId'),
    badgeNumber: t.exposeString('badgeNumber'),
    siteName: t.exposeString('siteName'),
    action: t.field({ type: BadgeTransferActionEnum, resolve: (row) => row.action }),
  }),
})

builder.prismaObject('DomainTransferApproval', {
  description: 'One office’s approval in a transfer’s chain.',
  fields: (t) => ({
    id: t.exposeID('id'),
    officeName: t.string({ select: { office: { select: { name: true } } }, resolve: (row) => row.office.name }),
    decision: t.expose('decision', { type: DomainTransferDecisionEnum }),
    note: t.exposeString('note', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidedByName: t.string({
      nullable: true,
      select: { decidedById: true },
      resolve: (row, _args, ctx) => displayName(ctx, row.decidedById),
    }),
  }),
})

builder.prismaObject('DomainTransferRequest', {
  description: '域名过户申请: the giving unit asks, every office in the approval chain decides.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: DomainTransferStatusEnum }),
    version: t.exposeInt('version', { description: 'Send it back to withdraw.' }),
    domainId: t.exposeID('domainId'),
    domainName: t.string({
      description: 'The whole domain, e.g. 清丰县人民政府.政务',
      select: { domain: { select: { name: true, suffix: true } } },
      resolve: (request) => fullNameOf(request.domain),
    }),
    fromUnitName: t.string({ select: { fromUnit: { select: { name: true } } }, resolve: (r) => r.fromUnit.name }),
    toUnitName: t.string({ select: { toUnit: { select: { name: true } } }, resolve: (r) => r.toUnit.name }),
    toUnitRegionName: t.string({
      select: { toUnit: { select: { region: { select: { name: true } } } } },
      resolve: (r) => r.toUnit.region.name,
    }),
    fromUnitRegionName: t.string({
      select: { fromUnit: { select: { region: { select: { name: true } } } } },
      resolve: (r) => r.fromUnit.region.name,
    }),
    outgoing: t.boolean({
      description: 'True when the viewer is a user of the giving unit (it may withdraw); false for anyone else.',
      select: { fromUnitId: true },
      resolve: (request, _args, ctx) => ownUnitOf(ctx.viewer) === request.fromUnitId,
    }),
    reason: t.exposeString('reason'),
    badges: t.field({
      type: [DomainTransferBadge],
      select: { badgeActions: true },
      resolve: async (request, _args, ctx) => {
        const actions = storedBadgeActions(request.badgeActions)
        const badges = await ctx.prisma.badge.findMany({
          where: { id: { in: actions.map((a) => a.badgeId) } },
          select: { id: true, badgeNumber: true, siteName: true },
        })
        const byId = new Map(badges.map((badge) => [badge.id, badge]))
        return actions.flatMap((a) => {
          const badge = byId.get(a.badgeId)
          return badge ? [{ ...a, badgeNumber: badge.badgeNumber, siteName: badge.siteName }] : []
        })
      },
    }),
    approvals: t.relation('approvals', {
      description: 'The approval chain in order: the giving side upwards, the receiving side upwards, CONAC.',
      query: { orderBy: { position: 'asc' } },
    }),
    awaitingMyDecision: t.boolean({
      description: 'Whether the viewer’s office is in the chain and has yet to decide on this PENDING request.',
      select: { status: true, approvals: { select: { officeId: true, decision: true } } },
      resolve: (request, _args, ctx) => {
        const officeId = officeScopeOf(ctx.viewer)?.officeId
        return (
          request.status === 'PENDING' &&
          request.approvals.some((row) => row.officeId === officeId && row.decision === 'PENDING')
        )
      },
    }),
    requestedAt: t.expose('createdAt', { type: 'DateTime' }),
    requestedByName: t.string({
      nullable: true,
      select: { requestedById: true },
      resolve: (request, _args, ctx) => displayName(ctx, request.requestedById),
    }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
  }),
})

const TransferDependentBadge = builder
  .objectRef<{ id: number; badgeNumber: string; siteName: string; placement: string }>('TransferDependentBadge')
  .implement({
    description: 'An ACTIVE badge whose site’s Chinese domain this is: a transfer must say whether it moves or ends.',
    fields: (t) => ({
      id: t.exposeID('id'),
      badgeNumber: t.exposeString('badgeNumber'),
      siteName: t.exposeString('siteName'),
      placement: t.exposeString('placement', { description: 'MICRO_SITE 网络红页 or SELF_BUILT 自建网站' }),
    }),
  })

builder.prismaObjectFields('Domain', (t) => ({
  pendingTransfer: t.prismaField({
    type: 'DomainTransferRequest',
    nullable: true,
    description: 'The 过户 waiting for approval, if any (at most one per domain).',
    resolve: (query, domain, _args, ctx) =>
      ctx.prisma.domainTransferRequest.findFirst({ ...query, where: { domainId: domain.id, status: 'PENDING' } }),
  }),
  transferDependents: t.field({
    type: [TransferDependentBadge],
    description: 'The ACTIVE badges that depend on the domain (a 过户 lists each with 随域名转移 or 注销).',
    resolve: (domain, _args, ctx) => dependentBadges(ctx.prisma, domain.id),
  }),
}))

const TransferRecipient = builder
  .objectRef<{ name: string; regionName: string; creditCode: string }>('DomainTransferRecipient')
  .implement({
    description: 'The receiving unit as the giving unit confirms it: public facts only.',
    fields: (t) => ({
      name: t.exposeString('name'),
      regionName: t.exposeString('regionName'),
      creditCode: t.exposeString('creditCode'),
    }),
  })

const BadgeTransferChoice = builder.inputType('BadgeTransferChoice', {
  fields: (t) => ({
    badgeId: t.id({ required: true }),
    action: t.field({ type: BadgeTransferActionEnum, required: true }),
  }),
})

const RequestDomainTransferInput = builder.inputType('RequestDomainTransferInput', {
  fields: (t) => ({
    domainId: t.id({ required: true }),
    toCreditCode: t.string({ required: true, description: 'The receiving unit’s 统一社会信用代码 (18 characters)' }),
    reason: t.string({ required: true, description: '过户原因, 2-500 characters', ...multiLineText() }),
    badges: t.field({
      type: [BadgeTransferChoice],
      required: false,
      description: 'Every badge of Domain.transferDependents, each once',
    }),
  }),
})

const WithdrawDomainTransferInput = builder.inputType('WithdrawDomainTransferInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: false, description: 'The request’s version; omitted: the current one' }),
  }),
})

const DecideDomainTransferInput = builder.inputType('DecideDomainTransferInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    approve: t.boolean({ required: true }),
    note: t.string({
      required: false,
      description: '审批意见: 2-500 characters, required when approve is false',
      ...multiLineText(),
    }),
  }),
})

function listWhere(
  ctx: Context,
  args: {
    unitId?: string | number | null
    domainId?: string | number | null
    statuses?: readonly DomainTransferStatus[] | null
  },
): Prisma.DomainTransferRequestWhereInput {
  const and: Prisma.DomainTransferRequestWhereInput[] = [transferScope(ctx.viewer)]
  const idOf = (value: string | number) => (Number.isSafeInteger(Number(value)) ? Number(value) : -1)
  if (args.unitId != null) and.push({ OR: [{ fromUnitId: idOf(args.unitId) }, { toUnitId: idOf(args.unitId) }] })
  if (args.domainId != null) and.push({ domainId: idOf(args.domainId) })
  if (args.statuses?.length) and.push({ status: { in: [...args.statuses] } })
  return { AND: and }
}

builder.queryFields((t) => ({
  domainTransfers: t.prismaConnection({
    type: 'DomainTransferRequest',
    cursor: 'id',
    description:
      '域名过户 the viewer may see, given or received (a unit its own both ways; an office its subtree’s; CONAC all), newest first.',
    args: {
      unitId: t.arg.id({ required: false, description: 'Only those this unit gives or receives' }),
      domainId: t.arg.id({ required: false }),
      statuses: t.arg({ type: [DomainTransferStatusEnum], required: false }),
    },
    totalCount: (_p, args, ctx) => ctx.prisma.domainTransferRequest.count({ where: listWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.domainTransferRequest.findMany({ ...query, where: listWhere(ctx, args), orderBy: { id: 'desc' } }),
  }),
  domainTransferQueue: t.prismaConnection({
    type: 'DomainTransferRequest',
    cursor: 'id',
    description: '过户审批: the transfers whose approval chain names the viewer’s office, pending first, oldest first.',
    args: { waitingForMe: t.arg.boolean({ required: false, description: 'Only those this office has yet to decide' }) },
    totalCount: async (_p, { waitingForMe }, ctx) =>
      ctx.prisma.domainTransferRequest.count({ where: await domainTransferQueue.execute(ctx, waitingForMe) }),
    resolve: async (query, _root, { waitingForMe }, ctx) =>
      ctx.prisma.domainTransferRequest.findMany({
        ...query,
        where: await domainTransferQueue.execute(ctx, waitingForMe),
        orderBy: [{ status: 'asc' }, { id: 'asc' }],
      }),
  }),
  domainTransferRecipient: t.field({
    type: TransferRecipient,
    // Nullable like the other by-id lookups: one refused alias does not null the rest of the answer.
    nullable: true,
    description: 'The receiving unit for a credit code, or the coded reason it cannot receive this domain.',
    args: { domainId: t.arg.id({ required: true }), creditCode: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => domainTransferRecipient.execute(ctx, args),
  }),
}))

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.domainTransferRequest.findUniqueOrThrow({
    ...(query as Prisma.DomainTransferRequestFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  requestDomainTransfer: t.prismaField({
    type: 'DomainTransferRequest',
    description:
      '申请域名过户 (the giving unit’s primary account): to an ACTIVE unit that may hold the suffix, named by its credit code; every dependent badge moves or is cancelled as listed.',
    args: { input: t.arg({ type: RequestDomainTransferInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await requestDomainTransfer.execute(ctx, input)),
  }),
  withdrawDomainTransfer: t.prismaField({
    type: 'DomainTransferRequest',
    description: '撤回 a PENDING transfer (the giving unit).',
    args: { input: t.arg({ type: WithdrawDomainTransferInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await withdrawDomainTransfer.execute(ctx, input)),
  }),
  decideDomainTransfer: t.prismaField({
    type: 'DomainTransferRequest',
    description:
      '过户审批 by an office of the chain: one rejection ends the request; the last approval moves the domain at once.',
    args: { input: t.arg({ type: DecideDomainTransferInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, await decideDomainTransfer.execute(ctx, input)),
  }),
}))
