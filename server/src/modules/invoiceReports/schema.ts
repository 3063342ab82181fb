// 用户缴费查询 (unitPayments), 用户发票管理 (unitInvoices), 两代一统 (provinceCoordination) and 奖励比例 (rewardRates).
// The rules live in service.ts; the CSV/XLSX exports of the two lists in exports.ts.
import { builder } from '../../builder.ts'
import { forbidden } from '../../errors.ts'
import { isConac } from '../../lib/scope.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { RemittanceStatusEnum } from '../fees/schema.ts'
import { InvoiceKindEnum } from '../invoices/types.ts'
import type { Context } from '../../context.ts'
import {
  type CoordinationFigures,
  type CoordinationRow,
  type CityCoordination,
  provinceCoordination,
  type ProvinceCoordinationResult,
  setRewardRate,
  type UnitInvoiceFilter,
  unitInvoiceTotals,
  unitInvoiceWhere,
  type UnitPaymentFilter,
  unitPaymentTotals,
  unitPaymentWhere,
} from './service.ts'

const FEE_ITEM_TEXT = { REGISTRATION: '注册', RENEWAL: '续费' } as const

/** One line per item, e.g. "清丰县人民政府.政务 注册 2年". */
export function describeItems(items: { kind: keyof typeof FEE_ITEM_TEXT; years: number; domain: { name: string; suffix: keyof typeof SUFFIX_TEXT } }[]): string {
  return items.map((item) => `${item.domain.name}${SUFFIX_TEXT[item.domain.suffix]} ${FEE_ITEM_TEXT[item.kind]} ${item.years}年`).join('；')
}

const itemsSelect = { items: { orderBy: { id: 'asc' as const }, select: { kind: true, years: true, domain: { select: { name: true, suffix: true } } } } }
const remittanceSelect = { remittance: { select: { status: true, submittedAt: true, confirmedAt: true } } }

export const UnitPaymentRow = builder.prismaObject('FeeCollection', {
  variant: 'UnitPaymentRow',
  description: '用户缴费查询: one fee collection (收费) of a unit, with what it paid for and where its money is (汇款/认款).',
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
    remittedAt: t.field({ type: 'DateTime', nullable: true, description: '汇款时间', select: remittanceSelect, resolve: (row) => row.remittance?.submittedAt ?? null }),
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
    totals = unitPaymentWhere(ctx.prisma, ctx.viewer, args.filter ?? {}).then((where) => unitPaymentTotals(ctx.prisma, where))
    paymentTotals.set(args, totals)
  }
  return totals
}

function invoiceTotalsOf(args: { filter?: UnitInvoiceFilter | null }, ctx: Context) {
  let totals = invoiceTotals.get(args)
  if (!totals) {
    totals = unitInvoiceWhere(ctx.prisma, ctx.viewer, args.filter ?? {}).then((where) => unitInvoiceTotals(ctx.prisma, where))
    invoiceTotals.set(args, totals)
  }
  return totals
}

/** The field args Pothos keeps on a prisma connection result. */
const argsOf = (connection: unknown) => (connection as { args: { filter?: UnitInvoiceFilter | null } }).args

// ---------------------------------------------------------------------------------------------------------------
// 两代一统

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never

function coordinationFields<T extends CoordinationFigures>(t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, T>) {
  return {
    collectionCount: t.int({ description: '收费笔数 in the period', resolve: (row) => row.collectionCount }),
    collectedFen: t.field({ type: 'Fen', description: '收费金额 in the period', resolve: (row) => row.collectedFen }),
    remittedFen: t.field({ type: 'Fen', description: '汇款金额: remittances submitted in the period', resolve: (row) => row.remittedFen }),
    confirmedFen: t.field({ type: 'Fen', description: '已认款金额: remittances CONAC confirmed in the period', resolve: (row) => row.confirmedFen }),
    officeCollectedFen: t.field({ type: 'Fen', description: '代收款 balance now (OFFICE_COLLECTED)', resolve: (row) => row.officeCollectedFen }),
    officeInTransitFen: t.field({ type: 'Fen', description: '在途 balance now (OFFICE_IN_TRANSIT)', resolve: (row) => row.officeInTransitFen }),
    officePrepaidFen: t.field({ type: 'Fen', description: '帐户余额 now (OFFICE_PREPAID)', resolve: (row) => row.officePrepaidFen }),
    invoiceStock: t.int({ description: '发票余额 now (sheets held)', resolve: (row) => row.invoiceStock }),
    invoiceSheets: t.int({ description: 'Invoice sheets drawn from the stock in the period (开具 and 红字; a split reassigns sheets, a void spoils sheets already counted)', resolve: (row) => row.invoiceSheets }),
    invoicedFen: t.field({ type: 'Fen', description: 'Invoiced amount in the period, net of corrections (红字/作废 are negative; a split parent counts through its parts)', resolve: (row) => row.invoicedFen }),
    rewardFen: t.field({
      type: 'Fen',
      description: '奖励经费: Σ over the collections in the period of amount × the reward rate in force on the collection date, rounded down to whole fen per collection',
      resolve: (row) => row.rewardFen,
    }),
  }
}

const OfficeCoordinationRow = builder.objectRef<CoordinationRow>('OfficeCoordinationRow').implement({
  description: '两代一统: one office’s collections, remittances, balances, invoices and reward funds.',
  fields: (t) => ({
    office: t.prismaField({ type: 'Office', resolve: (query, row, _args, ctx) => ctx.prisma.office.findUniqueOrThrow({ ...query, where: { id: row.officeId } }) }),
    ...coordinationFields(t),
  }),
})

const CoordinationTotals = builder.objectRef<CoordinationFigures>('CoordinationTotals').implement({
  description: '两代一统: the sums over all offices of the province.',
  fields: (t) => coordinationFields(t),
})

const CityCoordinationRef = builder.objectRef<CityCoordination>('CityCoordination').implement({
  description: '两代一统: one city (地市) of the province: its own office (市本级), its counties and their subtotals.',
  fields: (t) => ({
    region: t.prismaField({
      type: 'Region',
      description: 'The city; a grouping without an office of its own (市辖区, 省直辖县级行政区划) is named as in GB/T 2260',
      resolve: (query, city, _args, ctx) => ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: city.regionCode } }),
    }),
    office: t.field({
      type: OfficeCoordinationRow,
      nullable: true,
      description: 'The city office’s own figures (市本级); null when the city has no office, or with hideEmpty when they are all zero',
      resolve: (city) => city.office,
    }),
    counties: t.field({ type: [OfficeCoordinationRow], description: 'The county offices of the city, in code order (with hideEmpty, those with a figure)', resolve: (city) => city.counties }),
    subtotals: t.field({ type: CoordinationTotals, description: 'Sums over the city office and all its county offices, shown or hidden', resolve: (city) => city.subtotals }),
    hiddenOfficeCount: t.int({ description: 'Offices of the city left out by hideEmpty', resolve: (city) => city.hiddenOfficeCount }),
  }),
})

const ProvinceCoordination = builder.objectRef<ProvinceCoordinationResult>('ProvinceCoordination').implement({
  description: '两代一统: the province office and every city and county office of the province, by city with subtotals, and totals.',
  fields: (t) => ({
    province: t.prismaField({ type: 'Region', resolve: (query, result, _args, ctx) => ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: result.provinceCode } }) }),
    from: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.from }),
    to: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.to }),
    rows: t.field({
      type: [OfficeCoordinationRow],
      description: 'In tree order: the province, then each city followed by its counties (with hideEmpty, the offices with a figure)',
      resolve: (result) => result.rows,
    }),
    provinceOffice: t.field({
      type: OfficeCoordinationRow,
      nullable: true,
      description: 'The province office’s own figures (省本级); null with hideEmpty when they are all zero',
      resolve: (result) => result.provinceOffice,
    }),
    cities: t.field({
      type: [CityCoordinationRef],
      description: 'Each city (地市) of the province in code order, with its offices and subtotals; with hideEmpty, the cities with a figure',
      resolve: (result) => result.cities,
    }),
    totals: t.field({ type: CoordinationTotals, description: 'Sums over every office of the province, shown or hidden', resolve: (result) => result.totals }),
    officeCount: t.int({ description: 'Offices of the province, shown or hidden', resolve: (result) => result.officeCount }),
    hiddenOfficeCount: t.int({
      description: 'Offices left out by hideEmpty: nothing collected, remitted, confirmed, invoiced or earned in the period, and no balance or invoice stock now',
      resolve: (result) => result.hiddenOfficeCount,
    }),
  }),
})

builder.prismaObject('RewardRate', {
  description: '奖励比例: the share of collections credited to the collecting offices as reward funds (奖励经费), from a date on.',
  fields: (t) => ({
    id: t.exposeID('id'),
    basisPoints: t.exposeInt('basisPoints', { description: 'Basis points of the collected amount (1000 = 10%)' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

const SetRewardRateInput = builder.inputType('SetRewardRateInput', {
  fields: (t) => ({
    basisPoints: t.int({ required: true, description: '0-10000 (1000 = 10%)' }),
    effectiveFrom: t.field({ type: 'DateTime', required: true, description: 'Collections from this instant on use the rate; one rate per instant' }),
  }),
})

builder.queryFields((t) => ({
  unitPayments: t.prismaConnection(
    {
      type: UnitPaymentRow,
      cursor: 'id',
      description: '用户缴费查询, newest first: an office the collections of units in its subtree, CONAC all, a unit user its own.',
      args: { filter: t.arg({ type: UnitPaymentFilterInput, required: false }) },
      totalCount: async (_p, args, ctx) => (await paymentTotalsOf(args, ctx)).count,
      resolve: async (query, _root, { filter }, ctx) =>
        ctx.prisma.feeCollection.findMany({ ...query, where: await unitPaymentWhere(ctx.prisma, ctx.viewer, filter ?? {}), orderBy: { id: 'desc' } }),
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
      description: '用户发票管理, newest first: an office the invoices of units in its subtree, CONAC all, a unit user its own.',
      args: { filter: t.arg({ type: UnitInvoiceFilterInput, required: false }) },
      totalCount: async (_p, args, ctx) => (await invoiceTotalsOf(args, ctx)).count,
      resolve: async (query, _root, { filter }, ctx) =>
        ctx.prisma.invoice.findMany({ ...query, where: await unitInvoiceWhere(ctx.prisma, ctx.viewer, filter ?? {}), orderBy: { id: 'desc' } }),
    },
    {
      name: 'UnitInvoicesConnection',
      fields: (t) => ({
        totalSheets: t.int({
          description: 'Sheets drawn from the stock by the matching rows (开具 and 红字 rows; split parts and voids draw none)',
          resolve: async (connection, _args, ctx) => (await invoiceTotalsOf(argsOf(connection), ctx)).sheets,
        }),
        totalAmountFen: t.field({
          type: 'Fen',
          description: 'Net amount of the matching rows: 红字/作废 rows are negative; a split parent counts through its parts',
          resolve: async (connection, _args, ctx) => (await invoiceTotalsOf(argsOf(connection), ctx)).amountFen,
        }),
      }),
    },
    { name: 'UnitInvoicesConnectionEdge' },
  ),
  provinceCoordination: t.field({
    type: ProvinceCoordination,
    description: '两代一统: a province office its own province; CONAC any (regionCode required). Period [from, to); balances and stock are current.',
    args: {
      regionCode: t.arg.string({ required: false, description: 'The province (6-digit code); required for CONAC' }),
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
      hideEmpty: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Leave out offices with no figure at all (and cities with no such office); sums are unchanged',
      }),
    },
    resolve: (_root, args, ctx) => provinceCoordination(ctx, args),
  }),
  rewardRates: t.prismaField({
    type: ['RewardRate'],
    description: '奖励比例, newest effectiveFrom first. Office and CONAC staff.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.rewardRate.findMany({ ...query, orderBy: { effectiveFrom: 'desc' } }),
  }),
}))

builder.mutationFields((t) => ({
  setRewardRate: t.prismaField({
    type: 'RewardRate',
    description: '奖励比例 from a date on (CONAC). A rate is never edited: a correction is a new rate with a later effectiveFrom.',
    args: { input: t.arg({ type: SetRewardRateInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      if (!isConac(ctx.viewer)) throw forbidden('仅限 CONAC 工作人员')
      const rate = await setRewardRate(ctx, input)
      return ctx.prisma.rewardRate.findUniqueOrThrow({ ...query, where: { id: rate.id } })
    },
  }),
}))
