// 缴费方式设置, price list, 收费, 汇款单, 认款, the daily charge and 帐户余额. The rules live in service.ts.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import { forbidden } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { AccountKind, CollectionMode, FeeItemKind, JobStatus, LedgerTransactionKind, RemittanceStatus } from '../../generated/prisma/enums.ts'
import { isConac, localOfficeOf } from '../../lib/scope.ts'
import { DomainSuffixEnum } from '../domains/schema.ts'
import type { Viewer } from '../../viewer.ts'
import {
  type ChargeOverview,
  chargeOverview,
  type ChargeTally,
  collectFee,
  confirmRemittance,
  createRemittance,
  DAILY_CHARGE_JOB,
  type DueItem,
  paymentSettingsOfficeId,
  readableAccount,
  readableOffice,
  runDailyCharge,
  unitsAwaitingPayment,
  updatePaymentSettings,
} from './service.ts'

export const CollectionModeEnum = builder.enumType(CollectionMode, {
  name: 'CollectionMode',
  description: 'COUNTER 现场缴费, BANK_TRANSFER 银行转账, COUNTER_OR_TRANSFER 现场缴费或银行转账',
})
export const FeeItemKindEnum = builder.enumType(FeeItemKind, { name: 'FeeItemKind', description: 'REGISTRATION 注册, RENEWAL 续费' })
export const RemittanceStatusEnum = builder.enumType(RemittanceStatus, { name: 'RemittanceStatus', description: 'SUBMITTED 已汇款待认款, CONFIRMED 已认款' })
export const AccountKindEnum = builder.enumType(AccountKind, {
  name: 'AccountKind',
  description: 'OFFICE_COLLECTED 代收款, OFFICE_IN_TRANSIT 在途, OFFICE_PREPAID 帐户余额, UNIT_PAYMENTS 单位缴费 (CONAC), CONAC_REVENUE 收入 (CONAC)',
})
export const LedgerTransactionKindEnum = builder.enumType(LedgerTransactionKind, {
  name: 'LedgerTransactionKind',
  description: 'COLLECTION 收费, REMITTANCE 汇款, REMITTANCE_CONFIRMATION 认款, CHARGE 扣费, REVERSAL 冲正',
})
export const JobStatusEnum = builder.enumType(JobStatus, { name: 'JobStatus', description: 'RUNNING 执行中, SUCCEEDED 已完成, FAILED 失败' })

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

builder.prismaObject('FeeCollection', {
  description: '收费: an office’s record that a unit paid for approved domains or renewals.',
  fields: (t) => ({
    id: t.exposeID('id'),
    office: t.relation('office'),
    unit: t.relation('unit'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    invoiceCount: t.exposeInt('invoiceCount', { description: '开具发票数量' }),
    collectedAt: t.expose('collectedAt', { type: 'DateTime' }),
    remittance: t.relation('remittance', { nullable: true }),
    items: t.relation('items', { query: { orderBy: { id: 'asc' } } }),
  }),
})

builder.prismaObject('FeeCollectionItem', {
  description: 'One registration or renewal paid within a collection; charged right after 认款 when the balance covers it, else by the daily run.',
  fields: (t) => ({
    id: t.exposeID('id'),
    domain: t.relation('domain'),
    renewal: t.relation('renewal', { nullable: true }),
    kind: t.expose('kind', { type: FeeItemKindEnum }),
    years: t.exposeInt('years'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    chargedAt: t.expose('chargedAt', { type: 'DateTime', nullable: true, description: '扣费时间; empty until charged (right after 认款, or by the daily charge)' }),
  }),
})

builder.prismaObject('Remittance', {
  description: '汇款单: one week of an office’s collections remitted to CONAC.',
  fields: (t) => ({
    id: t.exposeID('id'),
    office: t.relation('office'),
    weekStart: t.expose('weekStart', { type: 'DateTime', description: 'The Monday of the week (China time)' }),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    status: t.expose('status', { type: RemittanceStatusEnum }),
    bankReference: t.exposeString('bankReference', { nullable: true }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true }),
    version: t.exposeInt('version'),
    collections: t.relation('collections', { query: { orderBy: { id: 'asc' } } }),
  }),
})

builder.prismaObject('Account', {
  description: 'A ledger account; its balance is the sum of its entries.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: AccountKindEnum }),
    balanceFen: t.expose('balanceFen', { type: 'Fen' }),
    office: t.relation('office'),
  }),
})

builder.prismaObject('LedgerTransaction', {
  description: 'A posting: entries that sum to zero.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: LedgerTransactionKindEnum }),
    memo: t.exposeString('memo'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.prismaObject('LedgerEntry', {
  description: 'An append-only ledger entry; positive amounts increase the balance.',
  fields: (t) => ({
    id: t.exposeID('id'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    transaction: t.relation('transaction'),
  }),
})

builder.prismaObject('JobRun', {
  name: 'ChargeRun',
  description: '每日扣费: one run of the daily charge.',
  fields: (t) => ({
    id: t.exposeID('id'),
    periodKey: t.exposeString('periodKey', { description: 'The day (China time), YYYY-MM-DD' }),
    status: t.expose('status', { type: JobStatusEnum }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    charged: t.int({ description: 'Items charged', resolve: (run) => resultOf(run.result).charged ?? 0 }),
    skipped: t.int({ description: 'Items left for another day (balance too low, or the domain changed)', resolve: (run) => resultOf(run.result).skipped ?? 0 }),
    chargedFen: t.field({ type: 'Fen', resolve: (run) => BigInt(resultOf(run.result).chargedFen ?? 0) }),
    error: t.exposeString('error', { nullable: true }),
  }),
})

function resultOf(result: Prisma.JsonValue): Record<string, number> {
  return result && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, number>) : {}
}

const ChargeTallyRef = builder.objectRef<ChargeTally>('ChargeTally').implement({
  description: 'A number of fee items (registrations or renewals) and their amount.',
  fields: (t) => ({
    items: t.exposeInt('items'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
  }),
})

const ChargeWaitingRef = builder.objectRef<ChargeOverview['waiting']>('ChargeWaiting').implement({
  description: 'Fee items collected and not charged yet.',
  fields: (t) => ({
    items: t.exposeInt('items'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    offices: t.exposeInt('offices', { description: 'The offices whose items wait' }),
    shortfallFen: t.expose('shortfallFen', {
      type: 'Fen',
      description: 'How much those offices’ 帐户余额 fall short of what waits (summed per office); 0 when the balances cover it (then the items wait for another reason, e.g. a domain that changed, and the next daily run retries them)',
    }),
  }),
})

const ChargeOverviewRef = builder.objectRef<ChargeOverview>('ChargeOverview').implement({
  description: '每日扣费 today: the daily run, everything charged today (by that run or right after 认款), and what waits.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'Today, Beijing time (YYYY-MM-DD)' }),
    todaysRun: t.prismaField({
      type: 'JobRun',
      nullable: true,
      description: 'Today’s 每日扣费, once it has started',
      resolve: (query, overview, _args, ctx) => (overview.todaysRun ? ctx.prisma.jobRun.findUnique({ ...query, where: { id: overview.todaysRun.id } }) : null),
    }),
    chargedToday: t.field({ type: ChargeTallyRef, description: 'Items charged since today’s 00:00 (Beijing), by the daily run or right after 认款', resolve: (overview) => overview.chargedToday }),
    waiting: t.field({ type: ChargeWaitingRef, resolve: (overview) => overview.waiting }),
  }),
})

interface OfficeAccountShape {
  officeId: number
  collectedFen: bigint
  inTransitFen: bigint
  prepaidFen: bigint
  accounts: { id: number }[]
}

const OfficeAccount = builder.objectRef<OfficeAccountShape>('OfficeAccount').implement({
  description: 'An office’s three balances: 代收款 (collected, not remitted), 在途 (remitted, not confirmed), 帐户余额 (prepaid).',
  fields: (t) => ({
    office: t.prismaField({ type: 'Office', resolve: (query, parent, _args, ctx) => ctx.prisma.office.findUniqueOrThrow({ ...query, where: { id: parent.officeId } }) }),
    collectedFen: t.expose('collectedFen', { type: 'Fen' }),
    inTransitFen: t.expose('inTransitFen', { type: 'Fen' }),
    prepaidFen: t.expose('prepaidFen', { type: 'Fen', description: '帐户余额' }),
    accounts: t.prismaField({
      type: ['Account'],
      resolve: (query, parent, _args, ctx) => ctx.prisma.account.findMany({ ...query, where: { id: { in: parent.accounts.map((a) => a.id) } }, orderBy: { id: 'asc' } }),
    }),
  }),
})

const PaymentDueItem = builder.objectRef<DueItem>('PaymentDueItem').implement({
  description: 'One domain registration or renewal a unit owes, at today’s price.',
  fields: (t) => ({
    domain: t.prismaField({ type: 'Domain', resolve: (query, item, _args, ctx) => ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id: item.domainId } }) }),
    renewal: t.prismaField({
      type: 'DomainRenewal',
      nullable: true,
      resolve: (query, item, _args, ctx) => (item.renewalId ? ctx.prisma.domainRenewal.findUnique({ ...query, where: { id: item.renewalId } }) : null),
    }),
    kind: t.field({ type: FeeItemKindEnum, resolve: (item) => item.kind }),
    years: t.exposeInt('years'),
    feeFen: t.expose('feeFen', { type: 'Fen' }),
  }),
})

const UnitAwaitingPayment = builder.objectRef<{ unitId: number; items: DueItem[]; amountDueFen: bigint }>('UnitAwaitingPayment').implement({
  description: '申报单位管理/缴费: a unit with CONAC-approved domains or requested renewals to pay for.',
  fields: (t) => ({
    unit: t.prismaField({ type: 'Unit', resolve: (query, row, _args, ctx) => ctx.prisma.unit.findUniqueOrThrow({ ...query, where: { id: row.unitId } }) }),
    items: t.field({ type: [PaymentDueItem], resolve: (row) => row.items }),
    amountDueFen: t.expose('amountDueFen', { type: 'Fen' }),
    canCollect: t.boolean({
      description: 'True when the viewer is the unit’s same-level office (同级编办), the only one that may collect.',
      resolve: async (row, _args, ctx) => {
        const office = localOfficeOf(ctx.viewer)
        if (!office) return false
        const unit = await ctx.prisma.unit.findUnique({ where: { id: row.unitId }, select: { region: { select: { path: true } } } })
        return unit?.region.path === office.regionPath
      },
    }),
  }),
})

/** Collections the viewer may see: an office its subtree's offices' collections, CONAC all, a unit its own. */
function feeCollectionScope(viewer: Viewer): Prisma.FeeCollectionWhereInput {
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { unitId: viewer.unitId ?? -1 }
  if (isConac(viewer)) return {}
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office) return { id: -1 }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}

function remittanceScope(viewer: Viewer): Prisma.RemittanceWhereInput {
  if (isConac(viewer)) return {}
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office) return { id: -1 }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}

const PaymentSettingsInput = builder.inputType('PaymentSettingsInput', {
  fields: (t) => ({
    mode: t.field({ type: CollectionModeEnum, required: true }),
    bankName: t.string({ required: false, description: '开户行' }),
    accountName: t.string({ required: false, description: '户名' }),
    accountNumber: t.string({ required: false, description: '账号' }),
    details: t.string({ required: false, description: '缴费说明 (office hours, counter address, contact)', ...multiLineText() }),
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

const CreateRemittanceInput = builder.inputType('CreateRemittanceInput', {
  fields: (t) => ({
    weekStart: t.field({ type: 'DateTime', required: true, description: 'A Monday; the collections of that week (China time) not yet remitted' }),
    bankReference: t.string({ required: false, description: '汇款凭证号' }),
    idempotencyKey: t.string({ required: true }),
  }),
})

const ConfirmRemittanceInput = builder.inputType('ConfirmRemittanceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    idempotencyKey: t.string({ required: true }),
  }),
})

builder.queryFields((t) => ({
  paymentSettings: t.prismaField({
    type: 'PaymentSettings',
    nullable: true,
    description: '缴费方式设置: office staff see their own office’s (or, with officeId, one in their subtree); a unit user its same-level office’s.',
    args: { officeId: t.arg.id({ required: false }) },
    resolve: async (query, _root, { officeId }, ctx) => {
      const id = await paymentSettingsOfficeId(ctx, officeId == null ? null : String(officeId))
      return ctx.prisma.paymentSettings.findUnique({ ...query, where: { officeId: id } })
    },
  }),
  priceList: t.prismaField({
    type: ['PriceListEntry'],
    description: '价格表, newest first.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.priceListEntry.findMany({ ...query, orderBy: [{ effectiveFrom: 'desc' }, { suffix: 'asc' }] }),
  }),
  unitsAwaitingPayment: t.field({
    type: [UnitAwaitingPayment],
    description: '申报单位管理/缴费: units in scope with CONAC-approved domains or requested renewals, with the amount due (at most 200).',
    resolve: (_root, _args, ctx) => unitsAwaitingPayment(ctx),
  }),
  feeCollections: t.prismaConnection({
    type: 'FeeCollection',
    cursor: 'id',
    description: '收费记录, newest first: an office its subtree’s, CONAC all, a unit its own. unremitted: only those not in a remittance.',
    args: { unremitted: t.arg.boolean({ required: false }) },
    totalCount: (_p, { unremitted }, ctx) => ctx.prisma.feeCollection.count({ where: { AND: [feeCollectionScope(ctx.viewer), unremitted ? { remittanceId: null } : {}] } }),
    resolve: (query, _root, { unremitted }, ctx) =>
      ctx.prisma.feeCollection.findMany({ ...query, where: { AND: [feeCollectionScope(ctx.viewer), unremitted ? { remittanceId: null } : {}] }, orderBy: { id: 'desc' } }),
  }),
  remittances: t.prismaConnection({
    type: 'Remittance',
    cursor: 'id',
    description: '汇款单, newest first: an office its subtree’s, CONAC all.',
    args: { status: t.arg({ type: RemittanceStatusEnum, required: false }) },
    totalCount: (_p, { status }, ctx) => ctx.prisma.remittance.count({ where: { AND: [remittanceScope(ctx.viewer), status ? { status } : {}] } }),
    resolve: (query, _root, { status }, ctx) =>
      ctx.prisma.remittance.findMany({ ...query, where: { AND: [remittanceScope(ctx.viewer), status ? { status } : {}] }, orderBy: { id: 'desc' } }),
  }),
  chargeRuns: t.prismaConnection({
    type: 'JobRun',
    cursor: 'id',
    description: '每日扣费 runs, newest first. CONAC staff.',
    totalCount: (_p, _a, ctx) => (isConac(ctx.viewer) ? ctx.prisma.jobRun.count({ where: { job: DAILY_CHARGE_JOB } }) : 0),
    resolve: (query, _root, _args, ctx) => {
      if (!isConac(ctx.viewer)) throw forbidden('仅限 CONAC 工作人员')
      return ctx.prisma.jobRun.findMany({ ...query, where: { job: DAILY_CHARGE_JOB }, orderBy: { id: 'desc' } })
    },
  }),
  chargeOverview: t.field({
    type: ChargeOverviewRef,
    description: '每日扣费 today at a glance (CONAC staff): today’s run, what was charged today, what waits and why.',
    resolve: (_root, _args, ctx) => {
      if (!isConac(ctx.viewer)) throw forbidden('仅限 CONAC 工作人员')
      return chargeOverview(ctx.prisma)
    },
  }),
  officeAccount: t.field({
    type: OfficeAccount,
    description: '帐户余额: an office’s balances (default: the viewer’s office). Its own staff, its ancestors’ staff and CONAC.',
    args: { officeId: t.arg.id({ required: false }) },
    resolve: async (_root, { officeId }, ctx) => {
      const office = await readableOffice(ctx, officeId == null ? null : String(officeId))
      const balance = (kind: AccountKind) => office.accounts.find((a) => a.kind === kind)?.balanceFen ?? 0n
      return {
        officeId: office.id,
        collectedFen: balance('OFFICE_COLLECTED'),
        inTransitFen: balance('OFFICE_IN_TRANSIT'),
        prepaidFen: balance('OFFICE_PREPAID'),
        accounts: office.accounts,
      }
    },
  }),
  ledgerEntries: t.prismaConnection({
    type: 'LedgerEntry',
    cursor: 'id',
    description: 'The entries of one account, newest first; for those who may read the account’s office.',
    args: { accountId: t.arg.id({ required: true }) },
    totalCount: async (_p, { accountId }, ctx) => ctx.prisma.ledgerEntry.count({ where: { accountId: (await readableAccount(ctx, String(accountId))).id } }),
    resolve: async (query, _root, { accountId }, ctx) => {
      const account = await readableAccount(ctx, String(accountId))
      return ctx.prisma.ledgerEntry.findMany({ ...query, where: { accountId: account.id }, orderBy: { id: 'desc' } })
    },
  }),
}))

builder.mutationFields((t) => ({
  updatePaymentSettings: t.prismaField({
    type: 'PaymentSettings',
    description: '缴费方式设置 of the viewer’s own office.',
    args: { input: t.arg({ type: PaymentSettingsInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const settings = await updatePaymentSettings(ctx, input)
      return ctx.prisma.paymentSettings.findUniqueOrThrow({ ...query, where: { officeId: settings.officeId } })
    },
  }),
  collectFee: t.prismaField({
    type: 'FeeCollection',
    description: '收费 by the unit’s same-level office: the amount must equal the price list total (extensions.expectedAmountFen otherwise).',
    args: { input: t.arg({ type: CollectFeeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { feeCollectionId } = await collectFee(ctx, {
        ...input,
        unitId: String(input.unitId),
        domainIds: input.domainIds?.map(String),
        renewalIds: input.renewalIds?.map(String),
      })
      return ctx.prisma.feeCollection.findUniqueOrThrow({ ...query, where: { id: feeCollectionId } })
    },
  }),
  createRemittance: t.prismaField({
    type: 'Remittance',
    description: '汇款单 for a week (its Monday): all of the office’s collections up to the end of that week not yet remitted.',
    args: { input: t.arg({ type: CreateRemittanceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { remittanceId } = await createRemittance(ctx, input)
      return ctx.prisma.remittance.findUniqueOrThrow({ ...query, where: { id: remittanceId } })
    },
  }),
  confirmRemittance: t.prismaField({
    type: 'Remittance',
    description:
      '认款 by CONAC: the money arrived; the office’s 帐户余额 is recharged, and what it now covers is charged at once (the remittance’s own items first, then the office’s other waiting items in collection order), so those domains are registered or renewed the same day. collections.items.chargedAt tells which were.',
    args: { input: t.arg({ type: ConfirmRemittanceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { remittanceId } = await confirmRemittance(ctx, { ...input, id: String(input.id) })
      return ctx.prisma.remittance.findUniqueOrThrow({ ...query, where: { id: remittanceId } })
    },
  }),
  runDailyCharge: t.prismaField({
    type: 'JobRun',
    description:
      '每日扣费 now (CONAC staff): the sweep of every item not charged yet (认款 charges what it recharged at once). Runs once a day; again the same day returns the first run (see chargeOverview for what was charged since). `date` (default now) must fall on today (China time) or, before today’s 01:00, on yesterday when its scheduled run was missed; any other day is BAD_USER_INPUT (a run for another day would take that day’s once-a-day charge out of turn).',
    args: { date: t.arg({ type: 'DateTime', required: false, description: 'An instant on the day to charge (China time); default now' }) },
    resolve: async (query, _root, { date }, ctx) => {
      if (!isConac(ctx.viewer)) throw forbidden('仅限 CONAC 工作人员')
      const run = await runDailyCharge(ctx.prisma, date ?? new Date(), ctx)
      return ctx.prisma.jobRun.findUniqueOrThrow({ ...query, where: { id: run.id } })
    },
  }),
}))

