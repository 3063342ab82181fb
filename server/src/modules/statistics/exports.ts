// GET /exports/region-statistics.(csv|xlsx)?regionCode=&from=&to=: the 区域统计 table the portal shows — one row
// per child region in code order, then 合计 (the region's own figures, which include what sits at the region's own
// level, so 合计 may exceed the sum of the children). The numbers come from the same figure functions as the
// regionStatistics resolvers, through the same query (its policy, scope and validation), so a download always
// equals the screen. Routed by http/exports.ts; cells, money and times are written by lib/exports (text made inert
// for spreadsheets, amounts as numbers).
import ExcelJS from 'exceljs'
import { signInSettings } from '../secondFactor/settings.ts'
import type { Context } from '../../context.ts'
import { type Cell, xlsxValue, yuanCell } from '../../lib/exports/cells.ts'
import { csvText } from '../../lib/exports/csv.ts'
import { chinaTime, dateStamp } from '../../lib/exports/format.ts'
import { downloadResponse, type Export, type ExportRequest } from '../../lib/exports/response.ts'
import { addTableSheet, workbookBuffer } from '../../lib/exports/xlsx.ts'
import { dateTimeParameter, textParameter } from '../../validation/queryParameters.ts'
import {
  badgeStatistics,
  domainStatistics,
  feeStatistics,
  invoiceStatistics,
  reviewStatistics,
  siteApplicationStatistics,
  unitStatistics,
} from './figures.ts'
import { childNodes, type StatisticsNode } from './loader.ts'
import { regionStatistics } from './queries/region-statistics.ts'

/** The columns, in the order the portal's table shows them. */
export const REGION_STATISTICS_HEADER = [
  '地区',
  '地区代码',
  '单位数',
  '域名申请数',
  '已注册域名',
  '30天内到期',
  '90天内到期',
  '网站开办申请',
  '标识颁发',
  '标识安装',
  '标识注销',
  '收费金额（元）',
  '上缴金额（元）',
  '扣费金额（元）',
  '发票库存',
  '开具发票（张）',
  '逾期域名申请',
  '逾期网站申请',
] as const

/** Indexes of the yuan columns (yuanCell), shown with two decimals in XLSX. */
const AMOUNT_COLUMNS = [11, 12, 13]

export const TOTAL_LABEL = '合计'

const REMARK =
  '合计为所选地区本级及全部下级的统计，包含直接登记在本级的单位（及本级编办的收费、发票），因此可能大于各下级地区之和。' +
  '单位数、域名申请数、已注册域名、网站开办申请、标识、收费、上缴、扣费和开具发票按所选时间范围统计（未选时间范围为全部时间）；' +
  '30/90 天内到期、发票库存和逾期申请为导出时的当前数，不受时间范围影响。'

type Row = Cell[]

interface Table {
  region: { code: string; name: string }
  from: Date | null
  to: Date | null
  generatedAt: Date
  rows: Row[]
}

/** The figures of one node as a row, via the resolvers' own figure functions (figures.ts). */
async function rowOf(ctx: Context, node: StatisticsNode, label: string): Promise<Row> {
  const [units, domains, sites, badges, fees, invoices, reviews] = await Promise.all([
    unitStatistics(ctx, node),
    domainStatistics(ctx, node),
    siteApplicationStatistics(ctx, node),
    badgeStatistics(ctx, node),
    feeStatistics(ctx, node),
    invoiceStatistics(ctx, node),
    reviewStatistics(ctx, node),
  ])
  return [
    label,
    node.region.code,
    units.total,
    domains.total,
    domains.byStatus.find((entry) => entry.key === 'REGISTERED')?.count ?? 0,
    domains.expiringWithin30Days,
    domains.expiringWithin90Days,
    sites.total,
    badges.issued,
    badges.installed,
    badges.cancelled,
    yuanCell(fees.collectedFen),
    yuanCell(fees.remittedFen),
    yuanCell(fees.chargedFen),
    invoices.stock,
    invoices.issued,
    reviews.overdueDomainApplications,
    reviews.overdueSiteApplications,
  ]
}

/** The table for a viewer: FORBIDDEN / NOT_FOUND / BAD_USER_INPUT exactly as regionStatistics answers them. */
async function regionStatisticsTable({ prisma, viewer, request, params }: ExportRequest): Promise<Table> {
  // A context of its own, as a GraphQL request would have: the per-request loader hangs on it, so the root and all
  // its children are read with the same few grouped statements as the query with `children`.
  const ctx: Context = { prisma, viewer, request, ip: null, signIn: signInSettings(), setCookie: () => {} }
  const root = await regionStatistics.execute(ctx, {
    regionCode: textParameter(params, 'regionCode'),
    from: dateTimeParameter(params, 'from'),
    to: dateTimeParameter(params, 'to'),
  })
  const children = await childNodes(ctx, root)
  const regions = await prisma.region.findMany({
    where: { code: { in: [root.region.code, ...children.map((child) => child.region.code)] } },
    select: { code: true, name: true },
  })
  const nameOf = new Map(regions.map((region) => [region.code, region.name]))
  const rows = await Promise.all([
    ...children.map((child) => rowOf(ctx, child, nameOf.get(child.region.code) ?? child.region.code)),
    rowOf(ctx, root, TOTAL_LABEL),
  ])
  return {
    region: { code: root.region.code, name: nameOf.get(root.region.code) ?? root.region.code },
    from: root.range.from,
    to: root.range.to,
    generatedAt: new Date(),
    rows,
  }
}

/** A range end for a file name: the China-time date (20260501), or 不限 (all) for an open end. */
const stampOf = (date: Date | null, open: string) => (date ? dateStamp(date) : open)

const rangeText = (table: Table) =>
  table.from || table.to
    ? `${table.from ? chinaTime(table.from) : '不限'} 至 ${table.to ? chinaTime(table.to) : '不限'}（含开始时间，不含结束时间，北京时间）`
    : '全部时间'

async function xlsxBuffer(table: Table): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook()
  await addTableSheet(workbook, {
    title: '区域统计',
    header: REGION_STATISTICS_HEADER,
    rows: table.rows,
    amountColumns: AMOUNT_COLUMNS,
    widthOf: (index) => (index === 0 ? 20 : 14),
    frozenHeader: true,
  })
  const notes = workbook.addWorksheet('说明')
  const noteRows: Cell[][] = [
    ['地区', `${table.region.name}（${table.region.code}）`],
    ['时间范围', rangeText(table)],
    ['生成时间', `${chinaTime(table.generatedAt)}（北京时间）`],
    ['说明', REMARK],
  ]
  notes.addRows(noteRows.map((row) => row.map(xlsxValue)))
  notes.getColumn(1).font = { bold: true }
  notes.getColumn(1).width = 12
  notes.getColumn(2).width = 100
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return workbookBuffer(workbook)
}

/** GET /exports/region-statistics.<csv|xlsx>: 区域统计-濮阳市-20260101-20260501.csv, with an ASCII fallback name. */
export const regionStatisticsExport: Export = async (request) => {
  const table = await regionStatisticsTable(request)
  const { region, from, to } = table
  const download = {
    name: `区域统计-${region.name}-${stampOf(from, '不限')}-${stampOf(to, '不限')}`,
    asciiName: `region-statistics-${region.code}-${stampOf(from, 'all')}-${stampOf(to, 'all')}`,
    rowCount: table.rows.length,
  }
  if (request.format === 'csv') return downloadResponse('csv', csvText(REGION_STATISTICS_HEADER, table.rows), download)
  return downloadResponse('xlsx', await xlsxBuffer(table), download)
}
