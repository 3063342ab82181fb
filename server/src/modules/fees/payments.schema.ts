// 缴费方式设置, 价格表 and 收费: how an office collects, what a registration or renewal costs, what units owe and
// the office's record that they paid.
import { builder } from '../../builder.ts'
import { feeCollectionScope } from '../../lib/scope.ts'
import { multiLineText } from '../../validation/text.ts'
import { DomainSuffixEnum } from '../domains/schema.ts'
import { collectFee } from './commands/collect-fee.ts'
import { updatePaymentSettings } from './commands/update-payment-settings.ts'
import { unitsAwaitingPayment, type DueItem, type UnitAwaitingPayment } from './dues.ts'
import { paymentSettings } from './queries/payment-settings.ts'
import { CollectionModeEnum, FeeItemKindEnum } from './schema.ts'

builder.prismaObject('PaymentSettings', {
  description: '缴费方式设置: how an office collects fees, and the bank details shown to its units.',
  fields: (t) => ({
    office: t.relation('office'),
    mode: t.expose('mode', { type: CollectionModeEnum }),
    bankName: t.exposeString('bankName', { nullable: true }),
    accountName: t.exposeString('accountName', { nullable: true }),
    accountNumber: t.exposeString('accountNumber', { nullable: true }),
    details: t.exposeString('details', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.prismaObject('PriceListEntry', {
  description: '价格表: the fee per year for a suffix, effective from a date.',
  fields: (t) => ({
    id: t.exposeID('id'),
    suffix: t.expose('suffix', { type: DomainSuffixEnum }),
    feePerYearFen: t.expose('feePerYearFen', { type: 'Fen' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'DateTime' }),
  }),
})

const PaymentDueItem = builder.objectRef<DueItem>('PaymentDueItem').implement({
  description: 'One domain registration or renewal a unit owes, at today’s price.',
  fields: (t) => ({
    domain: t.prismaField({
      type: 'Domain',
      resolve: (query, item, _args, ctx) =>
        ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id: item.domainId } }),
    }),
    renewal: t.prismaField({
      type: 'DomainRenewal',
      nullable: true,
      resolve: (query, item, _args, ctx) =>
        item.renewalId ? ctx.prisma.domainRenewal.findUnique({ ...query, where: { id: item.renewalId } }) : null,
    }),
    kind: t.field({ type: FeeItemKindEnum, resolve: (item) => item.kind }),
    years: t.exposeInt('years'),
    feeFen: t.expose('feeFen', { type: 'Fen' }),
  }),
})

const UnitAwaitingPaymentRef = builder.objectRef<UnitAwaitingPayment>('UnitAwaitingPayment').implement({
  description: '单位收费: a unit with CONAC-approved domains or requested renewals to pay for.',
  fields: (t) => ({
    unit: t.prismaField({
      type: 'Unit',
      resolve: (query, row, _args, ctx) => ctx.prisma.unit.findUniqueOrThrow({ ...query, where: { id: row.unitId } }),
    }),
    items: t.field({ type: [PaymentDueItem], resolve: (row) => row.items }),
    amountDueFen: t.expose('amountDueFen', { type: 'Fen' }),
    canCollect: t.exposeBoolean('canCollect', {
      description: 'True when the viewer is the unit’s same-level office (同级编办), the only one that may collect.',
    }),
  }),
})

const PaymentSettingsInput = builder.inputType('PaymentSettingsInput', {
  fields: (t) => ({
    mode: t.field({ type: CollectionModeEnum, required: true }),
    bankName: t.string({ required: false, description: '开户行' }),
    accountName: t.string({ required: false, description: '户名' }),
    accountNumber: t.string({ required: false, description: '账号' }),
    details: t.string({
      required: false,
      description: '缴费说明 (office hours, counter address, contact)',
      ...multiLineText(),
    }),
  }),
})

const CollectFeeInput = builder.inputType('CollectFeeInput', {
  fields: (t) => ({
    unitId: t.id({ required: true }),
    domainIds: t.idList({ required: false, description: 'CONAC_APPROVED domains of the unit' }),
    renewalIds: t.idList({ required: false, description: 'REQUESTED renewals of the unit’s domains' }),
    amountFen: t.field({ type: 'Fen', required: true, description: 'Must equal the price list total exactly' }),
    invoiceCount: t.int({ required: true, description: '开具发票数量, 0-1000' }),
    idempotencyKey: t.string({ required: true, description: '8-128 characters, one per attempt (retries reuse it)' }),
  }),
})

builder.queryFields((t) => ({
  paymentSettings: t.prismaField({
    type: 'PaymentSettings',
    nullable: true,
    description:
      '缴费方式设置: office staff see their own office’s (or, with officeId, one in their subtree); a unit user its same-level office’s.',
    args: { officeId: t.arg.id({ required: false }) },
    resolve: async (query, _root, { officeId }, ctx) => {
      const id = await paymentSettings.execute(ctx, { officeId: officeId == null ? null : String(officeId) })
      return ctx.prisma.paymentSettings.findUnique({ ...query, where: { officeId: id } })
    },
  }),
  priceList: t.prismaField({
    type: ['PriceListEntry'],
    description: '价格表, newest first.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.priceListEntry.findMany({ ...query, orderBy: [{ effectiveFrom: 'desc' }, { suffix: 'asc' }] }),
  }),
  unitsAwaitingPayment: t.field({
    type: [UnitAwaitingPaymentRef],
    description:
      '单位收费: units in scope with CONAC-approved domains or requested renewals, with the amount due (at most 200).',
    resolve: (_root, _args, ctx) => unitsAwaitingPayment(ctx),
  }),
  feeCollections: t.prismaConnection({
    type: 'FeeCollection',
    cursor: 'id',
    description:
      '收费记录, newest first: an office its subtree’s, CONAC all, a unit its own. unremitted: only those not in a remittance.',
    args: { unremitted: t.arg.boolean({ required: false }) },
    totalCount: (_p, { unremitted }, ctx) =>
      ctx.prisma.feeCollection.count({
        where: { AND: [feeCollectionScope(ctx.viewer), unremitted ? { remittanceId: null } : {}] },
      }),
    resolve: (query, _root, { unremitted }, ctx) =>
      ctx.prisma.feeCollection.findMany({
        ...query,
        where: { AND: [feeCollectionScope(ctx.viewer), unremitted ? { remittanceId: null } : {}] },
        orderBy: { id: 'desc' },
      }),
  }),
}))

builder.mutationFields((t) => ({
  updatePaymentSettings: t.prismaField({
    type: 'PaymentSettings',
    description: '缴费方式设置 of the viewer’s own office.',
    args: { input: t.arg({ type: PaymentSettingsInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const officeId = await updatePaymentSettings.execute(ctx, input)
      return ctx.prisma.paymentSettings.findUniqueOrThrow({ ...query, where: { officeId } })
    },
  }),
  collectFee: t.prismaField({
    type: 'FeeCollection',
    description:
      '收费 by the unit’s same-level office: the amount must equal the price list total (extensions.expectedAmountFen otherwise).',
    args: { input: t.arg({ type: CollectFeeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { feeCollectionId } = await collectFee.execute(ctx, input)
      return ctx.prisma.feeCollection.findUniqueOrThrow({ ...query, where: { id: feeCollectionId } })
    },
  }),
}))
