// 用户缴费查询 (unitPayments) and 用户发票管理 (unitInvoices): the lists with their totals, filtered by filters.ts (which
// the CSV/XLSX exports in exports.ts share). 两代一统 is in coordination.schema.ts, 奖励比例 in rewardRates.schema.ts.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { SUFFIX_A_LABEL, tryALabel } from '../../lib/idna.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { RemittanceStatusEnum } from '../fees/schema.ts'
import { InvoiceKindEnum } from '../invoices/types.ts'
import {
  type UnitInvoiceFilter,
  unitInvoiceTotals,
  unitInvoiceWhere,
  type UnitPaymentFilter,
  unitPaymentTotals,
  unitPaymentWhere,
} from './filters.ts'

const FEE_ITEM_TEXT = { REGISTRATION: '注册', RENEWAL: '续费' } as const

/**
 * One line per item, e.g. "清丰县人民政府.政务 注册 2年". With `withALabel` (the exports) each name is followed by the
 * name as DNS carries it, "清丰县人民政府.政务（xn--iiqymo2k4sny6hktk5md.xn--zfr164b） 注册 2年", so a spreadsheet
 * matches it against zone files and resolvers; a name from before the IDNA rules that has no A-label stays alone.
 */
export function describeItems(
  items: {
    kind: keyof typeof FEE_ITEM_TEXT
    years: number
    domain: { name: string; suffix: keyof typeof SUFFIX_TEXT }
  }[],
  { withALabel = false }: { withALabel?: boolean } = {},
): string {
  return items
    .map((item) => {
      const aLabel = withALabel ? tryALabel(item.domain.name) : null
      const dnsName = aLabel ? `（${aLabel}.${SUFFIX_A_LABEL[item.domain.suffix]}）` : ''
      return `${item.domain.name}${SUFFIX_TEXT[item.domain.suffix]}${dnsName} ${FEE_ITEM_TEXT[item.kind]} ${item.years}年`
    })
    .join('；')
}

const itemsSelect = {
  items: {
    orderBy: { id: 'asc' as const },
    select: { kind: true, years: true, domain: { select: { name: true, suffix: true } } },
  },
}
const remittanceSelect = { remittance: { select: { status: true, submittedAt: true, confirmedAt: true } } }

export const UnitPaymentRow = builder.prismaObject('FeeCollection', {
  variant: 'UnitPaymentRow',
  description:
    '用户缴费查询: one fee collection (收费) of a unit, with what it paid for and where its money is (汇款/认款).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The FeeCollection id' }),
    unit: t.relation('unit'),
    office: t.relation('office', { description: '收费编办' }),
    collectedAt: t.expose('collectedAt', { type: 'DateTime', description: '缴费时间' }),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    invoiceCount: t.exposeInt('invoiceCount', { description: '开具发票数量' }),
    items: t.relation('items', { query: { orderBy: { id: 'asc' } } }),
    itemsSummary: t.string({
      description: 'The items as text: "<domain> 注册|续费 <n>年", separated by "；"',
      select: itemsSelect,
      resolve: (row) => describeItems(row.items),
    }),
    remittanceStatus: t.field({
      type: RemittanceStatusEnum,
      nullable: true,
      description: 'Empty while the money is still at the office (未汇款)',
      select: remittanceSelect,
      resolve: (row) => row.remittance?.status ?? null,
    }),
    remittedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '汇款时间',
      select: remittanceSelect,
      resolve: (row) => row.remittance?.submittedAt ?? null,
    }),
    remittanceConfirmedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '认款时间',
      select: remittanceSelect,
      resolve: (row) => row.remittance?.confirmedAt ?? null,
    }),
  }),
})

export const UnitPaymentFilterInput = builder.inputType('UnitPaymentFilter', {
  fields: (t) => ({
    regionCode: t.string({ required: false, description: 'Units in this region and below (6-digit code)' }),
    unitName: t.string({ required: false, description: 'Part of the unit name' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Collected at or after (inclusive)' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Collected before (exclusive)' }),
  }),
})

export const UnitInvoiceFilterInput = builder.inputType('UnitInvoiceFilter', {
  fields: (t) => ({
    regionCode: t.string({ required: false, description: 'Units in this region and below (6-digit code)' }),
    unitName: t.string({ required: false, description: 'Part of the unit name' }),
    kinds: t.field({ type: [InvoiceKindEnum], required: false, description: 'Only these kinds (all when empty)' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Issued at or after (inclusive)' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Issued before (exclusive)' }),
  }),
})

// The connection's totals share one aggregate with totalCount; keyed by the args object of the field.
type Totals<T> = WeakMap<object, Promise<T>>
const paymentTotals: Totals<Awaited<ReturnType<typeof unitPaymentTotals>>> = new WeakMap()
const invoiceTotals: Totals<Awaited<ReturnType<typeof unitInvoiceTotals>>> = new WeakMap()

function paymentTotalsOf(args: { filter?: UnitPaymentFilter | null }, ctx: Context) {
  let totals = paymentTotals.get(args)
  if (!totals) {
    totals = unitPaymentWhere(ctx.prisma, ctx.viewer, args.filter ?? {}).then((where) =>
      unitPaymentTotals(ctx.prisma, where),
    )
    paymentTotals.set(args, totals)
  }
  return totals
}

function invoiceTotalsOf(args: { filter?: UnitInvoiceFilter | null }, ctx: Context) {
  let totals = invoiceTotals.get(args)
  if (!totals) {
    totals = unitInvoiceWhere(ctx.prisma, ctx.viewer, args.filter ?? {}).then((where) =>
      unitInvoiceTotals(ctx.prisma, where),
    )
    invoiceTotals.set(args, totals)
  }
  return totals
}

/** The field args Pothos keeps on a prisma connection result. */
const argsOf = (connection: unknown) => (connection as { args: { filter?: UnitInvoiceFilter | null } }).args

builder.queryFields((t) => ({
  unitPayments: t.prismaConnection(
    {
      type: UnitPaymentRow,
      cursor: 'id',
      description:
        '用户缴费查询, newest first: an office the collections of units in its subtree, CONAC all, a unit user its own.',
      args: { filter: t.arg({ type: UnitPaymentFilterInput, required: false }) },
      totalCount: async (_p, args, ctx) => (await paymentTotalsOf(args, ctx)).count,
      resolve: async (query, _root, { filter }, ctx) =>
        ctx.prisma.feeCollection.findMany({
          ...query,
          where: await unitPaymentWhere(ctx.prisma, ctx.viewer, filter ?? {}),
          orderBy: { id: 'desc' },
        }),
    },
    {
      name: 'UnitPaymentsConnection',
      fields: (t) => ({
        totalAmountFen: t.field({
          type: 'Fen',
          description: 'Sum of amountFen over every matching row (all pages)',
          resolve: async (connection, _args, ctx) => (await paymentTotalsOf(argsOf(connection), ctx)).amountFen,
        }),
        totalInvoiceCount: t.int({
          description: 'Sum of invoiceCount over every matching row',
          resolve: async (connection, _args, ctx) => (await paymentTotalsOf(argsOf(connection), ctx)).invoiceCount,
        }),
      }),
    },
    { name: 'UnitPaymentsConnectionEdge' },
  ),
  unitInvoices: t.prismaConnection(
    {
      type: 'Invoice',
      cursor: 'id',
      description:
        '用户发票管理, newest first: an office the invoices of units in its subtree, CONAC all, a unit user its own.',
      args: { filter: t.arg({ type: UnitInvoiceFilterInput, required: false }) },
      totalCount: async (_p, args, ctx) => (await invoiceTotalsOf(args, ctx)).count,
      resolve: async (query, _root, { filter }, ctx) =>
        ctx.prisma.invoice.findMany({
          ...query,
          where: await unitInvoiceWhere(ctx.prisma, ctx.viewer, filter ?? {}),
          orderBy: { id: 'desc' },
        }),
    },
    {
      name: 'UnitInvoicesConnection',
      fields: (t) => ({
        totalSheets: t.int({
          description:
            'Sheets drawn from the stock by the matching rows (开具 and 红字 rows; split parts and voids draw none)',
          resolve: async (connection, _args, ctx) => (await invoiceTotalsOf(argsOf(connection), ctx)).sheets,
        }),
        totalAmountFen: t.field({
          type: 'Fen',
          description:
            'Net amount of the matching rows: 红字/作废 rows are negative; a split parent counts through its parts',
          resolve: async (connection, _args, ctx) => (await invoiceTotalsOf(argsOf(connection), ctx)).amountFen,
        }),
      }),
    },
    { name: 'UnitInvoicesConnectionEdge' },
  ),
}))
