// 两代一统 (provinceCoordination): the province's offices by city, with subtotals and totals (coordination.ts computes
// them; queries/province-coordination.ts says who may see which province).
import { builder } from '../../builder.ts'
import type {
  CityCoordination,
  CoordinationFigures,
  CoordinationRow,
  ProvinceCoordinationResult,
} from './coordination.ts'
import { provinceCoordination } from './queries/province-coordination.ts'

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never

function coordinationFields<T extends CoordinationFigures>(t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, T>) {
  return {
    collectionCount: t.int({ description: '收费笔数 in the period', resolve: (row) => row.collectionCount }),
    collectedFen: t.field({ type: 'Fen', description: '收费金额 in the period', resolve: (row) => row.collectedFen }),
    remittedFen: t.field({
      type: 'Fen',
      description: '汇款金额: remittances submitted in the period',
      resolve: (row) => row.remittedFen,
    }),
    confirmedFen: t.field({
      type: 'Fen',
      description: '已认款金额: remittances CONAC confirmed in the period',
      resolve: (row) => row.confirmedFen,
    }),
    officeCollectedFen: t.field({
      type: 'Fen',
      description: '代收款 balance now (OFFICE_COLLECTED)',
      resolve: (row) => row.officeCollectedFen,
    }),
    officeInTransitFen: t.field({
      type: 'Fen',
      description: '在途 balance now (OFFICE_IN_TRANSIT)',
      resolve: (row) => row.officeInTransitFen,
    }),
    officePrepaidFen: t.field({
      type: 'Fen',
      description: '帐户余额 now (OFFICE_PREPAID)',
      resolve: (row) => row.officePrepaidFen,
    }),
    invoiceStock: t.int({ description: '发票余额 now (sheets held)', resolve: (row) => row.invoiceStock }),
    invoiceSheets: t.int({
      description:
        'Invoice sheets drawn from the stock in the period (开具 and 红字; a split reassigns sheets, a void spoils sheets already counted)',
      resolve: (row) => row.invoiceSheets,
    }),
    invoicedFen: t.field({
      type: 'Fen',
      description:
        'Invoiced amount in the period, net of corrections (红字/作废 are negative; a split parent counts through its parts)',
      resolve: (row) => row.invoicedFen,
    }),
    rewardFen: t.field({
      type: 'Fen',
      description:
        '奖励经费: Σ over the collections in the period of amount × the reward rate in force on the collection date, rounded down to whole fen per collection',
      resolve: (row) => row.rewardFen,
    }),
  }
}

const OfficeCoordinationRow = builder.objectRef<CoordinationRow>('OfficeCoordinationRow').implement({
  description: '两代一统: one office’s collections, remittances, balances, invoices and reward funds.',
  fields: (t) => ({
    office: t.prismaField({
      type: 'Office',
      resolve: (query, row, _args, ctx) =>
        ctx.prisma.office.findUniqueOrThrow({ ...query, where: { id: row.officeId } }),
    }),
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
      description:
        'The city; a grouping without an office of its own (市辖区, 省直辖县级行政区划) is named as in GB/T 2260',
      resolve: (query, city, _args, ctx) =>
        ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: city.regionCode } }),
    }),
    office: t.field({
      type: OfficeCoordinationRow,
      nullable: true,
      description:
        'The city office’s own figures (市本级); null when the city has no office, or with hideEmpty when they are all zero',
      resolve: (city) => city.office,
    }),
    counties: t.field({
      type: [OfficeCoordinationRow],
      description: 'The county offices of the city, in code order (with hideEmpty, those with a figure)',
      resolve: (city) => city.counties,
    }),
    subtotals: t.field({
      type: CoordinationTotals,
      description: 'Sums over the city office and all its county offices, shown or hidden',
      resolve: (city) => city.subtotals,
    }),
    hiddenOfficeCount: t.int({
      description: 'Offices of the city left out by hideEmpty',
      resolve: (city) => city.hiddenOfficeCount,
    }),
  }),
})

const ProvinceCoordination = builder.objectRef<ProvinceCoordinationResult>('ProvinceCoordination').implement({
  description:
    '两代一统: the province office and every city and county office of the province, by city with subtotals, and totals.',
  fields: (t) => ({
    province: t.prismaField({
      type: 'Region',
      resolve: (query, result, _args, ctx) =>
        ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: result.provinceCode } }),
    }),
    from: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.from }),
    to: t.field({ type: 'DateTime', nullable: true, resolve: (result) => result.to }),
    rows: t.field({
      type: [OfficeCoordinationRow],
      description:
        'In tree order: the province, then each city followed by its counties (with hideEmpty, the offices with a figure)',
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
      description:
        'Each city (地市) of the province in code order, with its offices and subtotals; with hideEmpty, the cities with a figure',
      resolve: (result) => result.cities,
    }),
    totals: t.field({
      type: CoordinationTotals,
      description: 'Sums over every office of the province, shown or hidden',
      resolve: (result) => result.totals,
    }),
    officeCount: t.int({
      description: 'Offices of the province, shown or hidden',
      resolve: (result) => result.officeCount,
    }),
    hiddenOfficeCount: t.int({
      description:
        'Offices left out by hideEmpty: nothing collected, remitted, confirmed, invoiced or earned in the period, and no balance or invoice stock now',
      resolve: (result) => result.hiddenOfficeCount,
    }),
  }),
})

builder.queryFields((t) => ({
  provinceCoordination: t.field({
    type: ProvinceCoordination,
    description:
      '两代一统: a province office its own province; CONAC any (regionCode required). Period [from, to); balances and stock are current.',
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
    resolve: (_root, args, ctx) => provinceCoordination.execute(ctx, args),
  }),
}))
