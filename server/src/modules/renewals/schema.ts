// 续费: the DomainRenewal type, the quote for the confirmation screen and the request (each a file of its own in
// queries/ and commands/). Paying for a renewal goes through collectFee (renewalIds) and the charge, in modules/fees.
import { builder } from '../../builder.ts'
import { RenewalStatus } from '../../generated/prisma/enums.ts'
import { requestRenewal } from './commands/request-renewal.ts'
import { renewalQuote } from './queries/renewal-quote.ts'

export const RenewalStatusEnum = builder.enumType(RenewalStatus, {
  name: 'RenewalStatus',
  description: 'REQUESTED 待缴费, FEE_COLLECTED 已收费待扣费, CHARGED 已续费, CANCELLED 已撤销',
})

builder.prismaObject('DomainRenewal', {
  description: '续费申请',
  fields: (t) => ({
    id: t.exposeID('id'),
    domain: t.relation('domain'),
    years: t.exposeInt('years'),
    status: t.expose('status', { type: RenewalStatusEnum }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    previousExpiry: t.expose('previousExpiry', { type: 'DateTime', nullable: true }),
    newExpiry: t.expose('newExpiry', { type: 'DateTime', nullable: true }),
    version: t.exposeInt('version'),
  }),
})

builder.prismaObjectField('Domain', 'openRenewal', (t) =>
  t.prismaField({
    type: 'DomainRenewal',
    nullable: true,
    description: 'The renewal waiting for payment or for the charge, if any.',
    resolve: (query, domain, _args, ctx) =>
      ctx.prisma.domainRenewal.findFirst({
        ...query,
        where: { domainId: domain.id, status: { in: ['REQUESTED', 'FEE_COLLECTED'] } },
      }),
  }),
)

const RenewalQuoteItem = builder.objectRef<{ domainId: number; feeFen: bigint }>('RenewalQuoteItem').implement({
  fields: (t) => ({
    domain: t.prismaField({
      type: 'Domain',
      resolve: (query, item, _args, ctx) =>
        ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id: item.domainId } }),
    }),
    feeFen: t.expose('feeFen', { type: 'Fen' }),
  }),
})

const RenewalQuote = builder
  .objectRef<{ count: number; totalFen: bigint; items: { domainId: number; feeFen: bigint }[] }>('RenewalQuote')
  .implement({
    description: 'What renewing the chosen domains would cost, for the confirmation step.',
    fields: (t) => ({
      count: t.exposeInt('count'),
      totalFen: t.expose('totalFen', { type: 'Fen' }),
      items: t.field({ type: [RenewalQuoteItem], resolve: (quote) => quote.items }),
    }),
  })

const RequestRenewalPayload = builder
  .objectRef<{ count: number; totalFen: bigint; renewalIds: number[] }>('RequestRenewalPayload')
  .implement({
    fields: (t) => ({
      count: t.exposeInt('count'),
      totalFen: t.expose('totalFen', { type: 'Fen' }),
      renewals: t.prismaField({
        type: ['DomainRenewal'],
        resolve: (query, payload, _args, ctx) =>
          ctx.prisma.domainRenewal.findMany({
            ...query,
            where: { id: { in: payload.renewalIds } },
            orderBy: { id: 'asc' },
          }),
      }),
    }),
  })

const RequestRenewalInput = builder.inputType('RequestRenewalInput', {
  fields: (t) => ({
    domainIds: t.idList({ required: true }),
    years: t.int({ required: true, description: '1-10' }),
  }),
})

builder.queryField('renewalQuote', (t) =>
  t.field({
    type: RenewalQuote,
    description: '续费报价: count and total for renewing these domains by `years`.',
    args: { domainIds: t.arg.idList({ required: true }), years: t.arg.int({ required: true }) },
    resolve: (_root, { domainIds, years }, ctx) => renewalQuote.execute(ctx, { domainIds, years }),
  }),
)

builder.mutationField('requestRenewal', (t) =>
  t.field({
    type: RequestRenewalPayload,
    description: '提交续费申请: a unit user for its own domains, office staff for domains in their subtree.',
    args: { input: t.arg({ type: RequestRenewalInput, required: true }) },
    resolve: (_root, { input }, ctx) => requestRenewal.execute(ctx, input),
  }),
)
