// 汇款单, 认款 and 帐户余额: the office remits its collections weekly, CONAC confirms the money, and the office's
// accounts show where its money is (代收款, 在途, 帐户余额) with their ledger entries.
import { builder } from '../../builder.ts'
import { remittanceScope } from '../../lib/scope.ts'
import { confirmRemittance } from './commands/confirm-remittance.ts'
import { createRemittance } from './commands/create-remittance.ts'
import { ledgerEntries } from './queries/ledger-entries.ts'
import { officeAccount, type OfficeAccount } from './queries/office-account.ts'
import { RemittanceStatusEnum } from './schema.ts'

const OfficeAccountRef = builder.objectRef<OfficeAccount>('OfficeAccount').implement({
  description:
    'An office’s three balances: 代收款 (collected, not remitted), 在途 (remitted, not confirmed), 帐户余额 (prepaid).',
  fields: (t) => ({
    office: t.prismaField({
      type: 'Office',
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.office.findUniqueOrThrow({ ...query, where: { id: parent.officeId } }),
    }),
    collectedFen: t.expose('collectedFen', { type: 'Fen' }),
    inTransitFen: t.expose('inTransitFen', { type: 'Fen' }),
    prepaidFen: t.expose('prepaidFen', { type: 'Fen', description: '帐户余额' }),
    accounts: t.prismaField({
      type: ['Account'],
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.account.findMany({
          ...query,
          where: { id: { in: parent.accounts.map((a) => a.id) } },
          orderBy: { id: 'asc' },
        }),
    }),
  }),
})

const CreateRemittanceInput = builder.inputType('CreateRemittanceInput', {
  fields: (t) => ({
    weekStart: t.field({
      type: 'DateTime',
      required: true,
      description: 'A Monday; the collections of that week (China time) not yet remitted',
    }),
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
  remittances: t.prismaConnection({
    type: 'Remittance',
    cursor: 'id',
    description: '汇款单, newest first: an office its subtree’s, CONAC all.',
    args: { status: t.arg({ type: RemittanceStatusEnum, required: false }) },
    totalCount: (_p, { status }, ctx) =>
      ctx.prisma.remittance.count({ where: { AND: [remittanceScope(ctx.viewer), status ? { status } : {}] } }),
    resolve: (query, _root, { status }, ctx) =>
      ctx.prisma.remittance.findMany({
        ...query,
        where: { AND: [remittanceScope(ctx.viewer), status ? { status } : {}] },
        orderBy: { id: 'desc' },
      }),
  }),
  officeAccount: t.field({
    type: OfficeAccountRef,
    description:
      '帐户余额: an office’s balances (default: the viewer’s office). Its own staff, its ancestors’ staff and CONAC.',
    args: { officeId: t.arg.id({ required: false }) },
    resolve: (_root, { officeId }, ctx) =>
      officeAccount.execute(ctx, { officeId: officeId == null ? null : String(officeId) }),
  }),
  ledgerEntries: t.prismaConnection({
    type: 'LedgerEntry',
    cursor: 'id',
    description: 'The entries of one account, newest first; for those who may read the account’s office.',
    args: { accountId: t.arg.id({ required: true }) },
    totalCount: async (_p, { accountId }, ctx) =>
      ctx.prisma.ledgerEntry.count({
        where: { accountId: await ledgerEntries.execute(ctx, { accountId: String(accountId) }) },
      }),
    resolve: async (query, _root, { accountId }, ctx) => {
      const account = await ledgerEntries.execute(ctx, { accountId: String(accountId) })
      return ctx.prisma.ledgerEntry.findMany({ ...query, where: { accountId: account }, orderBy: { id: 'desc' } })
    },
  }),
}))

builder.mutationFields((t) => ({
  createRemittance: t.prismaField({
    type: 'Remittance',
    description:
      '汇款单 for a week (its Monday): all of the office’s collections up to the end of that week not yet remitted.',
    args: { input: t.arg({ type: CreateRemittanceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { remittanceId } = await createRemittance.execute(ctx, input)
      return ctx.prisma.remittance.findUniqueOrThrow({ ...query, where: { id: remittanceId } })
    },
  }),
  confirmRemittance: t.prismaField({
    type: 'Remittance',
    description:
      '认款 by CONAC: the money arrived; the office’s 帐户余额 is recharged, and what it now covers is charged at once (the remittance’s own items first, then the office’s other waiting items in collection order), so those domains are registered or renewed the same day. collections.items.chargedAt tells which were.',
    args: { input: t.arg({ type: ConfirmRemittanceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { remittanceId } = await confirmRemittance.execute(ctx, input)
      return ctx.prisma.remittance.findUniqueOrThrow({ ...query, where: { id: remittanceId } })
    },
  }),
}))
