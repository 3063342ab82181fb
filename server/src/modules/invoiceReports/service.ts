// 用户缴费查询, 用户发票管理, 两代一统 and 奖励比例: read models over fee collections, invoices and the ledger.
// The same where-builders serve the GraphQL connections and the CSV/XLSX exports, so an export holds exactly the
// rows (and sums) of the query with the same filter.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden } from '../../errors.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { InvoiceKind } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { literalLike } from '../../lib/likeText.ts'
import { isConac, unitScope } from '../../lib/scope.ts'
import type { Viewer } from '../../viewer.ts'

export interface UnitPaymentFilter {
  regionCode?: string | null
  unitName?: string | null
  /** Inclusive */
  from?: Date | null
  /** Exclusive */
  to?: Date | null
}

export interface UnitInvoiceFilter extends UnitPaymentFilter {
  kinds?: InvoiceKind[] | null
}

/** The units a filter narrows to, within what the viewer may see. */
async function unitWhere(prisma: PrismaClient, viewer: Viewer, filter: UnitPaymentFilter): Promise<Prisma.UnitWhereInput> {
  const parts: Prisma.UnitWhereInput[] = [unitScope(viewer)]
  const regionCode = filter.regionCode?.trim()
  if (regionCode) {
    if (!/^\d{6}$/.test(regionCode)) throw badInput('区域代码应为 6 位数字', { regionCode: '区域代码应为 6 位数字' })
    const region = await prisma.region.findUnique({ where: { code: regionCode }, select: { path: true } })
    if (!region) throw badInput('区域不存在', { regionCode: '区域不存在' })
    parts.push({ region: { path: { startsWith: region.path } } })
  }
  const unitName = filter.unitName?.trim()
  if (unitName) {
    if (unitName.length > 128) throw badInput('单位名称过长', { unitName: '最多 128 个字符' })
    parts.push({ name: { contains: literalLike(unitName), mode: 'insensitive' } })
  }
  return { AND: parts }
}

function periodOf(filter: UnitPaymentFilter): Prisma.DateTimeFilter | undefined {
  if (filter.from && filter.to && filter.from >= filter.to) throw badInput('开始时间应早于结束时间', { to: '应晚于开始时间' })
  if (!filter.from && !filter.to) return undefined
  return { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) }
}

/** 用户缴费查询: the fee collections matching the filter that the viewer may see. */
export async function unitPaymentWhere(prisma: PrismaClient, viewer: Viewer, filter: UnitPaymentFilter = {}): Promise<Prisma.FeeCollectionWhereInput> {
  const period = periodOf(filter)
  return { unit: await unitWhere(prisma, viewer, filter), ...(period ? { collectedAt: period } : {}) }
}

/** 用户发票管理: the invoices matching the filter that the viewer may see. */
export async function unitInvoiceWhere(prisma: PrismaClient, viewer: Viewer, filter: UnitInvoiceFilter = {}): Promise<Prisma.InvoiceWhereInput> {
  const period = periodOf(filter)
  return {
    unit: await unitWhere(prisma, viewer, filter),
    ...(period ? { issuedAt: period } : {}),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
  }
}

export async function unitPaymentTotals(prisma: PrismaClient, where: Prisma.FeeCollectionWhereInput) {
  const result = await prisma.feeCollection.aggregate({ where, _count: { _all: true }, _sum: { amountFen: true, invoiceCount: true } })
  return { count: result._count._all, amountFen: result._sum.amountFen ?? 0n, invoiceCount: result._sum.invoiceCount ?? 0 }
}

/**
 * How invoice rows add up without counting anything twice:
 * - amounts: every row except a split parent (its SPLIT parts stand for it); 红字 and 作废 rows are negative, so
 *   corrections net out;
 * - sheets: the rows that drew sheets from the stock, NORMAL and RED_LETTER (a split reassigns sheets, a void
 *   spoils the sheets already counted).
 */
export const amountCountsWhere: Prisma.InvoiceWhereInput = { NOT: { children: { some: { kind: 'SPLIT' } } } }
export const sheetsCountWhere: Prisma.InvoiceWhereInput = { kind: { in: ['NORMAL', 'RED_LETTER'] } }

export async function unitInvoiceTotals(prisma: PrismaClient, where: Prisma.InvoiceWhereInput) {
  const [rows, amounts, sheets] = await Promise.all([
    prisma.invoice.count({ where }),
    prisma.invoice.aggregate({ where: { AND: [where, amountCountsWhere] }, _sum: { amountFen: true } }),
    prisma.invoice.aggregate({ where: { AND: [where, sheetsCountWhere] }, _sum: { count: true } }),
  ])
  return { count: rows, amountFen: amounts._sum.amountFen ?? 0n, sheets: sheets._sum.count ?? 0 }
}

// ---------------------------------------------------------------------------------------------------------------
// 两代一统

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

/** The province a viewer may coordinate: a province office its own; CONAC any (regionCode required). */
async function coordinatedProvince(ctx: Context, regionCode: string | null | undefined) {
  const { viewer, prisma } = ctx
  const code = regionCode?.trim() || null
  if (isConac(viewer)) {
    if (!code) throw badInput('请选择省份', { regionCode: '必填' })
    const region = await prisma.region.findUnique({ where: { code } })
    if (!region || region.level !== 'PROVINCE') throw badInput('请选择省级区域', { regionCode: '应为省级区域代码' })
    return region
  }
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office || office.officeLevel !== 'PROVINCE') throw forbidden('两代一统仅限省级编办和 CONAC')
  const region = await prisma.region.findUniqueOrThrow({ where: { path: office.regionPath } })
  if (code && code !== region.code) throw forbidden('只能查看本省的两代一统情况')
  return region
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
export async function provinceCoordination(
  ctx: Context,
  args: { regionCode?: string | null; from?: Date | null; to?: Date | null; hideEmpty?: boolean | null },
): Promise<ProvinceCoordinationResult> {
  const { prisma } = ctx
  const province = await coordinatedProvince(ctx, args.regionCode)
  const from = args.from ?? null
  const to = args.to ?? null
  const period = periodOf({ from, to })
  const [offices, cityRegions] = await Promise.all([
    prisma.office.findMany({
      where: { region: { path: { startsWith: province.path } } },
      select: { id: true, level: true, invoiceStock: true, region: { select: { path: true } } },
    }),
    prisma.region.findMany({ where: { level: 'CITY', path: { startsWith: province.path } }, select: { code: true }, orderBy: { path: 'asc' } }),
  ])
  offices.sort((a, b) => (a.region.path < b.region.path ? -1 : a.region.path > b.region.path ? 1 : 0))
  const officeIds = offices.map((o) => o.id)
  const inOffices = { officeId: { in: officeIds } }

  const fromClause = from ? Prisma.sql`AND fc."collectedAt" >= ${from}` : Prisma.empty
  const toClause = to ? Prisma.sql`AND fc."collectedAt" < ${to}` : Prisma.empty
  const [collections, remitted, confirmed, accounts, invoiceAmounts, invoiceSheets, rewards] = await Promise.all([
    prisma.feeCollection.groupBy({ by: ['officeId'], where: { ...inOffices, ...(period ? { collectedAt: period } : {}) }, _count: { _all: true }, _sum: { amountFen: true } }),
    prisma.remittance.groupBy({ by: ['officeId'], where: { ...inOffices, ...(period ? { submittedAt: period } : {}) }, _sum: { amountFen: true } }),
    prisma.remittance.groupBy({ by: ['officeId'], where: { ...inOffices, status: 'CONFIRMED', ...(period ? { confirmedAt: period } : {}) }, _sum: { amountFen: true } }),
    prisma.account.findMany({ where: { ...inOffices, kind: { in: ['OFFICE_COLLECTED', 'OFFICE_IN_TRANSIT', 'OFFICE_PREPAID'] } }, select: { officeId: true, kind: true, balanceFen: true } }),
    prisma.invoice.groupBy({ by: ['officeId'], where: { ...inOffices, ...amountCountsWhere, ...(period ? { issuedAt: period } : {}) }, _sum: { amountFen: true } }),
    prisma.invoice.groupBy({ by: ['officeId'], where: { ...inOffices, ...sheetsCountWhere, ...(period ? { issuedAt: period } : {}) }, _sum: { count: true } }),
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
  const balance = (officeId: number, kind: string) => accounts.find((a) => a.officeId === officeId && a.kind === kind)?.balanceFen ?? 0n

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
  const placed = offices.map((office, i) => ({ row: rows[i]!, level: office.level, cityCode: office.region.path.split('/')[3] }))
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

// ---------------------------------------------------------------------------------------------------------------
// 奖励比例

const formatBeijingTime = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export async function setRewardRate(ctx: Context, input: { basisPoints: number; effectiveFrom: Date }, now = new Date()) {
  if (!isConac(ctx.viewer)) throw forbidden('仅限 CONAC 工作人员')
  const { basisPoints, effectiveFrom } = input
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10000) {
    throw badInput('奖励比例应为 0 到 10000 个基点（0% 到 100%）', { basisPoints: '0 到 10000 的整数' })
  }
  // A new rate must not reprice collections already made (奖励经费 already reported would change): it takes effect
  // from now on at the earliest, i.e. later today or on a later day.
  if (effectiveFrom.getTime() < now.getTime()) {
    throw badInput('奖励比例只能从当前时间以后生效，不能追溯已发生的收费', { effectiveFrom: `不早于 ${formatBeijingTime(now)}（北京时间）` })
  }
  return ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.rewardRate.findUnique({ where: { effectiveFrom } })
    if (existing) throw appError('CONFLICT', '该生效时间已有奖励比例；如需更正，请另设一个新的生效时间')
    const rate = await tx.rewardRate.create({
      data: { basisPoints, effectiveFrom, setById: ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.userId },
    })
    await writeAudit(tx, ctx, { action: 'rewardRate.set', subjectType: 'RewardRate', subjectId: rate.id, after: rate })
    return rate
  })
}
