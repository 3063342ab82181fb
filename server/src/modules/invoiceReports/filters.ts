// 用户缴费查询 and 用户发票管理: which fee collections and invoices a filter selects, within what the viewer may see
// (unitScope), and their totals. The same where-builders serve the GraphQL connections and the CSV/XLSX exports, so
// an export holds exactly the rows (and sums) of the query with the same filter.
import { badInput } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { InvoiceKind } from '../../generated/prisma/enums.ts'
import { literalLike } from '../../lib/likeText.ts'
import { unitScope } from '../../lib/scope.ts'
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
async function unitWhere(
  prisma: PrismaClient,
  viewer: Viewer,
  filter: UnitPaymentFilter,
): Promise<Prisma.UnitWhereInput> {
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

/** The period [from, to) of a filter, or undefined for all time; BAD_USER_INPUT when it is empty. */
export function periodOf(filter: UnitPaymentFilter): Prisma.DateTimeFilter | undefined {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw badInput('开始时间应早于结束时间', { to: '应晚于开始时间' })
  }
  if (!filter.from && !filter.to) return undefined
  return { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) }
}

/** 用户缴费查询: the fee collections matching the filter that the viewer may see. */
export async function unitPaymentWhere(
  prisma: PrismaClient,
  viewer: Viewer,
  filter: UnitPaymentFilter = {},
): Promise<Prisma.FeeCollectionWhereInput> {
  const period = periodOf(filter)
  return { unit: await unitWhere(prisma, viewer, filter), ...(period ? { collectedAt: period } : {}) }
}

/** 用户发票管理: the invoices matching the filter that the viewer may see. */
export async function unitInvoiceWhere(
  prisma: PrismaClient,
  viewer: Viewer,
  filter: UnitInvoiceFilter = {},
): Promise<Prisma.InvoiceWhereInput> {
  const period = periodOf(filter)
  return {
    unit: await unitWhere(prisma, viewer, filter),
    ...(period ? { issuedAt: period } : {}),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
  }
}

export async function unitPaymentTotals(prisma: PrismaClient, where: Prisma.FeeCollectionWhereInput) {
  const result = await prisma.feeCollection.aggregate({
    where,
    _count: { _all: true },
    _sum: { amountFen: true, invoiceCount: true },
  })
  return {
    count: result._count._all,
    amountFen: result._sum.amountFen ?? 0n,
    invoiceCount: result._sum.invoiceCount ?? 0,
  }
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
