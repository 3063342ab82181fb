// The GraphQL types of 财务管理's invoice records: 预开发票申请 (InvoiceRequest), the office's stock movements and the
// invoices issued to units (Invoice, with its 拆分/红字/作废 lineage). Mutations live in schema.ts; queries, exports
// and the province view in ../invoiceReports.
import { builder } from '../../builder.ts'
import { InvoiceKind, InvoiceRequestStatus, InvoiceStockReason, InvoiceType } from '../../generated/prisma/enums.ts'

export const InvoiceTypeEnum = builder.enumType(InvoiceType, {
  name: 'InvoiceType',
  description: 'GENERAL 增值税普通发票, SPECIAL 增值税专用发票, ELECTRONIC 电子发票',
})
export const InvoiceRequestStatusEnum = builder.enumType(InvoiceRequestStatus, {
  name: 'InvoiceRequestStatus',
  description: 'REQUESTED 已申请, SHIPPED 已寄出, SIGNED 已签收, REJECTED 未通过',
})
export const InvoiceStockReasonEnum = builder.enumType(InvoiceStockReason, {
  name: 'InvoiceStockReason',
  description: 'SIGNED 签收入库, ISSUED 开具出库, VOIDED 作废退回',
})
export const InvoiceKindEnum = builder.enumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'NORMAL 开具, SPLIT 拆分所得, RED_LETTER 红字冲销, VOID 作废',
})

builder.prismaObject('InvoiceRequest', {
  description: '预开发票申请: an office asks CONAC for invoices (at most 30,000 yuan of face value a request).',
  fields: (t) => ({
    id: t.exposeID('id'),
    office: t.relation('office'),
    count: t.exposeInt('count', { description: '发票数量 (sheets)' }),
    invoiceType: t.expose('invoiceType', { type: InvoiceTypeEnum }),
    faceValueFen: t.expose('faceValueFen', { type: 'Fen', description: '票面总额, at most 3,000,000 fen' }),
    mailingAddress: t.exposeString('mailingAddress'),
    status: t.expose('status', { type: InvoiceRequestStatusEnum }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: '快递单号' }),
    signedAt: t.expose('signedAt', { type: 'DateTime', nullable: true }),
    rejectReason: t.exposeString('rejectReason', { nullable: true }),
    version: t.exposeInt('version'),
  }),
})

builder.prismaObject('InvoiceStockMovement', {
  description: 'One change to an office’s invoice stock (append-only; Office.invoiceStock is their sum).',
  fields: (t) => ({
    id: t.exposeID('id'),
    office: t.relation('office'),
    quantity: t.exposeInt('quantity', {
      description: 'Positive when invoices arrive or come back, negative when issued',
    }),
    reason: t.expose('reason', { type: InvoiceStockReasonEnum }),
    invoiceRequest: t.relation('invoiceRequest', { nullable: true }),
    invoice: t.relation('invoice', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.prismaObject('Invoice', {
  description:
    '用户发票: invoices an office issued to a unit. Corrections (红字, 作废) and splits (拆分) are new rows pointing at their parent.',
  fields: (t) => ({
    id: t.exposeID('id'),
    office: t.relation('office'),
    unit: t.relation('unit'),
    feeCollection: t.relation('feeCollection', { nullable: true }),
    kind: t.expose('kind', { type: InvoiceKindEnum }),
    count: t.exposeInt('count', { description: 'Sheets' }),
    amountFen: t.expose('amountFen', { type: 'Fen', description: 'Negative for 红字; zero or negative for 作废' }),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', { query: { orderBy: { id: 'asc' } } }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    note: t.exposeString('note', { nullable: true }),
  }),
})
