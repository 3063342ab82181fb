// 两代一统: the figures of every office of a province (collections, remittances, balances, invoices, reward funds),
// grouped by city (地市) with subtotals, and the totals. Who may see which province: queries/province-coordination.ts.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import { amountCountsWhere, periodOf, sheetsCountWhere } from './filters.ts'

export interface CoordinationFigures {
  collectionCount: number
  collectedFen: bigint
  remittedFen: bigint
  confirmedFen: bigint
  officeCollectedFen: bigint
  officeInTransitFen: bigint
  officePrepaidFen: bigint
  invoiceStock: number
  invoiceSheets: number
  invoicedFen: bigint
  rewardFen: bigint
}

export interface CoordinationRow extends CoordinationFigures {
  officeId: number
}

/** One city (地市) of a province: its own office's row (市本级), its counties' rows and the sum of them all. */
export interface CityCoordination {
  regionCode: string
  /** The city office's own figures; null when the city has none (市辖区, 省直辖县级行政区划) or it is hidden as empty. */
  office: CoordinationRow | null
  counties: CoordinationRow[]
  /** Over the city office and every county office, hidden or not (a hidden office adds nothing). */
  subtotals: CoordinationFigures
  hiddenOfficeCount: number
}

export interface ProvinceCoordinationResult {
  provinceCode: string
  from: Date | null
  to: Date | null
  /** Every office shown, in tree order. */
  rows: CoordinationRow[]
  provinceOffice: CoordinationRow | null
  cities: CityCoordination[]
  totals: CoordinationFigures
  officeCount: number
  hiddenOfficeCount: number
}

const FIGURE_KEYS = [
  'collectionCount',
  'collectedFen',
  'remittedFen',
  'confirmedFen',
  'officeCollectedFen',
  'officeInTransitFen',
  'officePrepaidFen',
  'invoiceStock',
  'invoiceSheets',
  'invoicedFen',
  'rewardFen',
] as const satisfies readonly (keyof CoordinationFigures)[]

/** The sum of each figure over `rows` (counts as numbers, money as bigint fen). */
export function sumFigures(rows: readonly CoordinationFigures[]): CoordinationFigures {
  const sum = (key: keyof CoordinationFigures) => rows.reduce((total, row) => total + BigInt(row[key]), 0n)
  return {
    collectionCount: Number(sum('collectionCount')),
    collectedFen: sum('collectedFen'),
    remittedFen: sum('remittedFen'),
    confirmedFen: sum('confirmedFen'),
    officeCollectedFen: sum('officeCollectedFen'),
    officeInTransitFen: sum('officeInTransitFen'),
    officePrepaidFen: sum('officePrepaidFen'),
    invoiceStock: Number(sum('invoiceStock')),
    invoiceSheets: Number(sum('invoiceSheets')),
    invoicedFen: sum('invoicedFen'),
    rewardFen: sum('rewardFen'),
  }
}

/**
 * Nothing to report: no collection, remittance, confirmation, invoice or reward in the period, and no money or
 * invoice stock held now. An office holding a balance or invoices stays in view even in a quiet period: the province
 * answers for that money and those invoices (两代一统's 确保经费和发票安全).
 */
export function hasNoFigures(row: CoordinationFigures): boolean {
  return FIGURE_KEYS.every((key) => BigInt(row[key]) === 0n)
}

/**
 * 两代一统: one row per office of the province (the province, its cities and counties, in tree order), the same rows
 * grouped by city (地市) with subtotals, and the totals.
 * Every figure comes from one grouped statement over all the province's offices, never a query per office; the
 * subtotals and totals are sums of the same rows. With hideEmpty, offices without any figure (hasNoFigures) and
 * cities whose offices all have none are left out; sums never change, since what is left out adds nothing.
 * Period figures (collections, remittances, invoices, reward) use [from, to); balances and stock are current.
 * rewardFen: for each collection in the period, amount × the RewardRate in force on its collectedAt
 * (the newest effectiveFrom <= collectedAt) / 10000, rounded down to whole fen per collection; collections
 * before the first rate earn nothing.
 */
export async function coordinationOf(
  prisma: PrismaClient,
  province: { code: string; path: string },
  args: { from?: Date | null; to?: Date | null; hideEmpty?: boolean | null },
): Promise<ProvinceCoordinationResult> {
  const from = args.from ?? null
  const to = args.to ?? null
  const period = periodOf({ from, to })
  const [offices, cityRegions] = await Promise.all([
    prisma.office.findMany({
      where: { region: { path: { startsWith: province.path } } },
      select: { id: true, level: true, invoiceStock: true, region: { select: { path: true } } },
    }),
    prisma.region.findMany({
      where: { level: 'CITY', path: { startsWith: province.path } },
      select: { code: true },
      orderBy: { path: 'asc' },
    }),
  ])
  offices.sort((a, b) => (a.region.path < b.region.path ? -1 : a.region.path > b.region.path ? 1 : 0))
  const officeIds = offices.map((o) => o.id)
  const inOffices = { officeId: { in: officeIds } }

  const fromClause = from ? Prisma.sql`AND fc."collectedAt" >= ${from}` : Prisma.empty
  const toClause = to ? Prisma.sql`AND fc."collectedAt" < ${to}` : Prisma.empty
  const [collections, remitted, confirmed, accounts, invoiceAmounts, invoiceSheets, rewards] = await Promise.all([
    prisma.feeCollection.groupBy({
      by: ['officeId'],
      where: { ...inOffices, ...(period ? { collectedAt: period } : {}) },
      _count: { _all: true },
      _sum: { amountFen: true },
    }),
    prisma.remittance.groupBy({
      by: ['officeId'],
      where: { ...inOffices, ...(period ? { submittedAt: period } : {}) },
      _sum: { amountFen: true },
    }),
    prisma.remittance.groupBy({
      by: ['officeId'],
      where: { ...inOffices, status: 'CONFIRMED', ...(period ? { confirmedAt: period } : {}) },
      _sum: { amountFen: true },
    }),
    prisma.account.findMany({
      where: { ...inOffices, kind: { in: ['OFFICE_COLLECTED', 'OFFICE_IN_TRANSIT', 'OFFICE_PREPAID'] } },
      select: { officeId: true, kind: true, balanceFen: true },
    }),
    prisma.invoice.groupBy({
      by: ['officeId'],
      where: { ...inOffices, ...amountCountsWhere, ...(period ? { issuedAt: period } : {}) },
      _sum: { amountFen: true },
    }),
    prisma.invoice.groupBy({
      by: ['officeId'],
      where: { ...inOffices, ...sheetsCountWhere, ...(period ? { issuedAt: period } : {}) },
      _sum: { count: true },
    }),
    officeIds.length === 0
      ? Promise.resolve([] as { officeId: number; rewardFen: bigint }[])
      : prisma.$queryRaw<{ officeId: number; rewardFen: bigint }[]>(Prisma.sql`
          SELECT fc."officeId" AS "officeId",
                 COALESCE(SUM((fc."amountFen" * rate."basisPoints") / 10000), 0)::bigint AS "rewardFen"
          FROM fee_collections fc
          LEFT JOIN LATERAL (
            SELECT r."basisPoints" FROM reward_rates r
            WHERE r."effectiveFrom" <= fc."collectedAt"
            ORDER BY r."effectiveFrom" DESC LIMIT 1
          ) rate ON TRUE
          WHERE fc."officeId" IN (${Prisma.join(officeIds)})
            ${fromClause} ${toClause}
          GROUP BY fc."officeId"`),
  ])

  const byOffice = <T extends { officeId: number }>(list: T[]) => new Map(list.map((row) => [row.officeId, row]))
  const collectionsOf = byOffice(collections)
  const remittedOf = byOffice(remitted)
  const confirmedOf = byOffice(confirmed)
  const invoiceAmountsOf = byOffice(invoiceAmounts)
  const invoiceSheetsOf = byOffice(invoiceSheets)
  const rewardOf = byOffice(rewards)
  const balance = (officeId: number, kind: string) =>
    accounts.find((a) => a.officeId === officeId && a.kind === kind)?.balanceFen ?? 0n

  const rows: CoordinationRow[] = offices.map((office) => ({
    officeId: office.id,
    collectionCount: collectionsOf.get(office.id)?._count._all ?? 0,
    collectedFen: collectionsOf.get(office.id)?._sum.amountFen ?? 0n,
    remittedFen: remittedOf.get(office.id)?._sum.amountFen ?? 0n,
    confirmedFen: confirmedOf.get(office.id)?._sum.amountFen ?? 0n,
    officeCollectedFen: balance(office.id, 'OFFICE_COLLECTED'),
    officeInTransitFen: balance(office.id, 'OFFICE_IN_TRANSIT'),
    officePrepaidFen: balance(office.id, 'OFFICE_PREPAID'),
    invoiceStock: office.invoiceStock,
    invoiceSheets: invoiceSheetsOf.get(office.id)?._sum.count ?? 0,
    invoicedFen: invoiceAmountsOf.get(office.id)?._sum.amountFen ?? 0n,
    rewardFen: BigInt(rewardOf.get(office.id)?.rewardFen ?? 0n),
  }))
  const isShown = (row: CoordinationRow) => !args.hideEmpty || !hasNoFigures(row)
  // /100000/410000/410900/410922/ → 410900: a city office and its counties share the third code of their path.
  const placed = offices.map((office, i) => ({
    row: rows[i]!,
    level: office.level,
    cityCode: office.region.path.split('/')[3],
  }))
  const provinceRow = placed.find((entry) => entry.level === 'PROVINCE')?.row ?? null
  const cities: CityCoordination[] = []
  for (const { code } of cityRegions) {
    const members = placed.filter((entry) => entry.level !== 'PROVINCE' && entry.cityCode === code)
    const shown = members.filter((entry) => isShown(entry.row))
    if (shown.length === 0) continue
    cities.push({
      regionCode: code,
      office: shown.find((entry) => entry.level === 'CITY')?.row ?? null,
      counties: shown.filter((entry) => entry.level === 'COUNTY').map((entry) => entry.row),
      subtotals: sumFigures(members.map((entry) => entry.row)),
      hiddenOfficeCount: members.length - shown.length,
    })
  }
  const shownRows = rows.filter(isShown)
  return {
    provinceCode: province.code,
    from,
    to,
    rows: shownRows,
    provinceOffice: provinceRow && isShown(provinceRow) ? provinceRow : null,
    cities,
    totals: sumFigures(rows),
    officeCount: rows.length,
    hiddenOfficeCount: rows.length - shownRows.length,
  }
}
