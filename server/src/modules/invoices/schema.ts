// 预开发票申请/管理 and 用户发票: request, ship, reject, sign; issue, void (作废), red-letter (红字), split (拆分); the
// office's invoice stock (发票余额). Each command and query is a file of its own (commands/, queries/) with its policy
// at the top; this file only translates. Lists and exports of issued invoices are in ../invoiceReports.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { InvoiceRequestStatusEnum, InvoiceTypeEnum } from './types.ts'
import { issueInvoice } from './commands/issue-invoice.ts'
import { redLetterInvoice } from './commands/red-letter-invoice.ts'
import { rejectInvoiceRequest } from './commands/reject-invoice-request.ts'
import { requestInvoices } from './commands/request-invoices.ts'
import { shipInvoiceRequest } from './commands/ship-invoice-request.ts'
import { signInvoiceRequest } from './commands/sign-invoice-request.ts'
import { splitInvoice } from './commands/split-invoice.ts'
import { voidInvoice } from './commands/void-invoice.ts'
import { myInvoiceStock } from './queries/my-invoice-stock.ts'
import { canSeeStock, invoiceRequestListWhere } from './reads.ts'

builder.prismaObjectField('Office', 'invoiceStock', (t) =>
  t.int({
    nullable: true,
    description:
      '发票余额: pre-issued invoices held (sheets). For the office itself, its ancestors and CONAC; null otherwise.',
    select: { invoiceStock: true, region: { select: { path: true } } },
    resolve: (office, _args, ctx) => (canSeeStock(ctx.viewer, office.region.path) ? office.invoiceStock : null),
  }),
)

builder.prismaObjectField('Invoice', 'corrected', (t) =>
  t.boolean({
    description: 'True when the invoice has been voided (作废) or red-lettered (红字).',
    select: { children: { where: { kind: { in: ['VOID', 'RED_LETTER'] } }, select: { id: true }, take: 1 } },
    resolve: (invoice) => invoice.children.length > 0,
  }),
)

const InvoiceRequestFilter = builder.inputType('InvoiceRequestFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [InvoiceRequestStatusEnum], required: false }),
    officeId: t.id({ required: false, description: 'One office in the viewer’s subtree' }),
  }),
})

const RequestInvoicesInput = builder.inputType('RequestInvoicesInput', {
  fields: (t) => ({
    count: t.int({ required: true, description: '发票数量, 1-1000' }),
    invoiceType: t.field({ type: InvoiceTypeEnum, required: true }),
    faceValueFen: t.field({ type: 'Fen', required: true, description: '票面总额, 1 to 3,000,000 fen (30,000 yuan)' }),
    mailingAddress: t.string({ required: true, description: '邮寄地址, at most 256 characters', ...multiLineText() }),
  }),
})

const ShipInvoiceRequestInput = builder.inputType('ShipInvoiceRequestInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    trackingNumber: t.string({ required: false, description: '快递单号' }),
  }),
})

const RejectInvoiceRequestInput = builder.inputType('RejectInvoiceRequestInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    reason: t.string({ required: true, description: '2-500 characters', ...multiLineText() }),
  }),
})

const SignInvoiceRequestInput = builder.inputType('SignInvoiceRequestInput', {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true }) }),
})

const IssueInvoiceInput = builder.inputType('IssueInvoiceInput', {
  fields: (t) => ({
    unitId: t.id({ required: true, description: 'A unit the office collects for (its same-level unit)' }),
    feeCollectionId: t.id({
      required: false,
      description: 'The unit’s collection by this office; the amount may not exceed what is not yet invoiced of it',
    }),
    count: t.int({ required: true, description: 'Sheets, 1-1000, drawn from the stock' }),
    amountFen: t.field({ type: 'Fen', required: true }),
    note: t.string({ required: false }),
    idempotencyKey: t.string({ required: true, description: '8-128 characters, one per attempt (retries reuse it)' }),
  }),
})

const VoidInvoiceInput = builder.inputType('VoidInvoiceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    reason: t.string({ required: true, description: '2-500 characters', ...multiLineText() }),
  }),
})

const RedLetterInvoiceInput = builder.inputType('RedLetterInvoiceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    reason: t.string({ required: true, description: '2-500 characters', ...multiLineText() }),
    count: t.int({ required: false, description: 'Sheets of the red-letter invoice, default 1, drawn from the stock' }),
  }),
})

const InvoiceSplitPart = builder.inputType('InvoiceSplitPart', {
  fields: (t) => ({
    unitId: t.id({ required: true }),
    count: t.int({ required: true }),
    amountFen: t.field({ type: 'Fen', required: true }),
  }),
})

const SplitInvoiceInput = builder.inputType('SplitInvoiceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    parts: t.field({
      type: [InvoiceSplitPart],
      required: true,
      description: 'At least two; counts and amounts sum exactly to the parent’s',
    }),
  }),
})

builder.queryFields((t) => ({
  myInvoiceStock: t.int({
    description: '发票余额 of the viewer’s own office (office staff).',
    resolve: (_root, _args, ctx) => myInvoiceStock.execute(ctx, undefined),
  }),
  invoiceRequests: t.prismaConnection({
    type: 'InvoiceRequest',
    cursor: 'id',
    description: '预开发票管理: an office its own and its subtree’s requests, CONAC all; newest first.',
    args: { filter: t.arg({ type: InvoiceRequestFilter, required: false }) },
    totalCount: (_p, { filter }, ctx) =>
      ctx.prisma.invoiceRequest.count({ where: invoiceRequestListWhere(ctx, filter) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.invoiceRequest.findMany({
        ...query,
        where: invoiceRequestListWhere(ctx, filter),
        orderBy: { id: 'desc' },
      }),
  }),
}))

const reloadRequest = (ctx: Context, query: object, id: number) =>
  ctx.prisma.invoiceRequest.findUniqueOrThrow({
    ...(query as Prisma.InvoiceRequestFindUniqueOrThrowArgs),
    where: { id },
  })
const reloadInvoice = (ctx: Context, query: object, id: number) =>
  ctx.prisma.invoice.findUniqueOrThrow({ ...(query as Prisma.InvoiceFindUniqueOrThrowArgs), where: { id } })

builder.mutationFields((t) => ({
  requestInvoices: t.prismaField({
    type: 'InvoiceRequest',
    description: '预开发票申请 by an office below CONAC: at most 30,000 yuan of face value a request.',
    args: { input: t.arg({ type: RequestInvoicesInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await requestInvoices.execute(ctx, input)),
  }),
  shipInvoiceRequest: t.prismaField({
    type: 'InvoiceRequest',
    description: 'CONAC approves a REQUESTED request and ships the invoices (审核通过并寄出).',
    args: { input: t.arg({ type: ShipInvoiceRequestInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await shipInvoiceRequest.execute(ctx, input)),
  }),
  rejectInvoiceRequest: t.prismaField({
    type: 'InvoiceRequest',
    description: 'CONAC rejects a REQUESTED request, with a reason.',
    args: { input: t.arg({ type: RejectInvoiceRequestInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await rejectInvoiceRequest.execute(ctx, input)),
  }),
  signInvoiceRequest: t.prismaField({
    type: 'InvoiceRequest',
    description: '签收 by the requesting office: its invoice stock rises by the request’s count, once.',
    args: { input: t.arg({ type: SignInvoiceRequestInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await signInvoiceRequest.execute(ctx, input)),
  }),
  issueInvoice: t.prismaField({
    type: 'Invoice',
    description:
      '开具发票 to a unit the office collects for, drawing sheets from the stock (CONFLICT INSUFFICIENT_INVOICE_STOCK when short).',
    args: { input: t.arg({ type: IssueInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const invoiceId = await issueInvoice.execute(ctx, {
        ...input,
        unitId: String(input.unitId),
        feeCollectionId: input.feeCollectionId == null ? null : String(input.feeCollectionId),
      })
      return reloadInvoice(ctx, query, invoiceId)
    },
  }),
  voidInvoice: t.prismaField({
    type: 'Invoice',
    description:
      '作废: a new VOID row negating the invoice; the sheets are spoiled (the stock is not restored). Returns the VOID row.',
    args: { input: t.arg({ type: VoidInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reloadInvoice(ctx, query, await voidInvoice.execute(ctx, input)),
  }),
  redLetterInvoice: t.prismaField({
    type: 'Invoice',
    description:
      '红字: a new RED_LETTER row negating the invoice, on new sheets from the stock. Returns the RED_LETTER row.',
    args: { input: t.arg({ type: RedLetterInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadInvoice(ctx, query, await redLetterInvoice.execute(ctx, input)),
  }),
  splitInvoice: t.prismaField({
    type: 'Invoice',
    description:
      '拆分 a NORMAL invoice among units the office collects for; returns the parent with its SPLIT children. Moves no stock.',
    args: { input: t.arg({ type: SplitInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const parts = input.parts.map((part) => ({ ...part, unitId: String(part.unitId) }))
      const invoiceId = await splitInvoice.execute(ctx, { id: String(input.id), parts })
      return reloadInvoice(ctx, query, invoiceId)
    },
  }),
}))
