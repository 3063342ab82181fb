// The money path's types: enums, 收费 records, 汇款单, ledger accounts and entries. The root fields sit beside the
// types they return: payments.schema.ts (缴费方式设置, 价格表, 收费), remittances.schema.ts (汇款单, 认款, 帐户余额),
// charges.schema.ts (每日扣费). Each command and query is a file of its own (commands/, queries/).
import { builder } from '../../builder.ts'
import {
  AccountKind,
  CollectionMode,
  FeeItemKind,
  JobStatus,
  LedgerTransactionKind,
  RemittanceStatus,
} from '../../generated/prisma/enums.ts'

export const CollectionModeEnum = builder.enumType(CollectionMode, {
  name: 'CollectionMode',
  description: 'COUNTER 现场缴费, BANK_TRANSFER 银行转账, COUNTER_OR_TRANSFER 现场缴费或银行转账',
})
export const FeeItemKindEnum = builder.enumType(FeeItemKind, {
  name: 'FeeItemKind',
  description: 'REGISTRATION 注册, RENEWAL 续费',
})
export const RemittanceStatusEnum = builder.enumType(RemittanceStatus, {
  name: 'RemittanceStatus',
  description: 'SUBMITTED 已汇款待认款, CONFIRMED 已认款',
})
export const AccountKindEnum = builder.enumType(AccountKind, {
  name: 'AccountKind',
  description:
    'OFFICE_COLLECTED 代收款, OFFICE_IN_TRANSIT 在途, OFFICE_PREPAID 帐户余额, UNIT_PAYMENTS 单位缴费 (CONAC), CONAC_REVENUE 收入 (CONAC)',
})
export const LedgerTransactionKindEnum = builder.enumType(LedgerTransactionKind, {
  name: 'LedgerTransactionKind',
  description: 'COLLECTION 收费, REMITTANCE 汇款, REMITTANCE_CONFIRMATION 认款, CHARGE 扣费, REVERSAL 冲正',
})
export const JobStatusEnum = builder.enumType(JobStatus, {
  name: 'JobStatus',
  description: 'RUNNING 执行中, SUCCEEDED 已完成, FAILED 失败',
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
  description:
    'One registration or renewal paid within a collection; charged right after 认款 when the balance covers it, else by the daily run.',
  fields: (t) => ({
    id: t.exposeID('id'),
    domain: t.relation('domain'),
    renewal: t.relation('renewal', { nullable: true }),
    kind: t.expose('kind', { type: FeeItemKindEnum }),
    years: t.exposeInt('years'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    chargedAt: t.expose('chargedAt', {
      type: 'DateTime',
      nullable: true,
      description: '扣费时间; empty until charged (right after 认款, or by the daily charge)',
    }),
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
