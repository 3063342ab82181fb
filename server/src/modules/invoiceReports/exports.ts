// GET /exports/unit-payments.(csv|xlsx) and /exports/unit-invoices.(csv|xlsx) (routed by http/exports.ts): every
// row the matching GraphQL list returns for the same filter (all pages, newest first), for the same viewer (cookie
// or Bearer token, as for /graphql). Amounts in yuan with two decimals, times in China time, a Chinese header row;
// the cells, money and times are written by lib/exports (text a spreadsheet would run as a formula made inert).
import ExcelJS from 'exceljs'
import { GraphQLError } from 'graphql'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { InvoiceKind } from '../../generated/prisma/enums.ts'
import { errorResponse } from '../../http/errorResponse.ts'
import { type Cell, yuanCell } from '../../lib/exports/cells.ts'
import { csvStream } from '../../lib/exports/csv.ts'
import { chinaTime, dateStamp } from '../../lib/exports/format.ts'
import { downloadResponse, type Export, type ExportRequest } from '../../lib/exports/response.ts'
import { addTableSheet, workbookBuffer } from '../../lib/exports/xlsx.ts'
import type { Viewer } from '../../viewer.ts'
import { describeItems } from './schema.ts'
import { type UnitInvoiceFilter, unitInvoiceWhere, type UnitPaymentFilter, unitPaymentWhere } from './filters.ts'
import { dateTimeParameter, textParameter } from '../../validation/queryParameters.ts'

/** More rows than this are refused with 413: narrow the filter. */
export const EXPORT_ROW_LIMIT = 100_000
const BATCH = 1000

interface Sheet {
  title: string
  header: string[]
  /** Columns holding yuan (yuanCell): shown with two decimals in XLSX */
  amountColumns: number[]
  count(): Promise<number>
  rows(): AsyncGenerator<Cell[]>
}

const REMITTANCE_TEXT = { SUBMITTED: '已汇款待认款', CONFIRMED: '已认款' } as const
const KIND_TEXT: Record<InvoiceKind, string> = {
  NORMAL: '开具',
  SPLIT: '拆分所得',
  RED_LETTER: '红字冲销',
  VOID: '作废',
}

function badRequest(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}

function paymentFilterOf(params: URLSearchParams): UnitPaymentFilter {
  return {
    regionCode: textParameter(params, 'regionCode'),
    unitName: textParameter(params, 'unitName'),
    from: dateTimeParameter(params, 'from'),
    to: dateTimeParameter(params, 'to'),
  }
}

function invoiceFilterOf(params: URLSearchParams): UnitInvoiceFilter {
  const kinds = params
    .getAll('kinds')
    .flatMap((value) => value.split(','))
    .filter(Boolean)
  for (const kind of kinds) if (!Object.hasOwn(InvoiceKind, kind)) badRequest(`未知的发票类型 ${kind.slice(0, 32)}`)
  return { ...paymentFilterOf(params), kinds: kinds as InvoiceKind[] }
}

/** One batch of collections, newest first, below the cursor. */
function findPayments(prisma: PrismaClient, where: Prisma.FeeCollectionWhereInput, before: number | null) {
  return prisma.feeCollection.findMany({
    where: before === null ? where : { AND: [where, { id: { lt: before } }] },
    orderBy: { id: 'desc' },
    take: BATCH,
    include: {
      unit: { select: { name: true, region: { select: { name: true } } } },
      office: { select: { name: true } },
      remittance: { select: { status: true, submittedAt: true, confirmedAt: true } },
      items: {
        orderBy: { id: 'asc' },
        select: { kind: true, years: true, domain: { select: { name: true, suffix: true } } },
      },
    },
  })
}

/** One batch of invoices, newest first, below the cursor. */
function findInvoices(prisma: PrismaClient, where: Prisma.InvoiceWhereInput, before: number | null) {
  return prisma.invoice.findMany({
    where: before === null ? where : { AND: [where, { id: { lt: before } }] },
    orderBy: { id: 'desc' },
    take: BATCH,
    include: {
      unit: { select: { name: true, region: { select: { name: true } } } },
      office: { select: { name: true } },
    },
  })
}

async function paymentsSheet(prisma: PrismaClient, viewer: Viewer, params: URLSearchParams): Promise<Sheet> {
  const where = await unitPaymentWhere(prisma, viewer, paymentFilterOf(params))
  return {
    title: '用户缴费查询',
    header: [
      '收费编号',
      '缴费时间',
      '单位名称',
      '单位所属区域',
      '收费编办',
      '金额（元）',
      '发票数量',
      '缴费项目',
      '汇款状态',
      '汇款时间',
      '认款时间',
    ],
    amountColumns: [5],
    count: () => prisma.feeCollection.count({ where }),
    async *rows() {
      let before: number | null = null
      for (;;) {
        const batch = await findPayments(prisma, where, before)
        for (const row of batch) {
          yield [
            row.id,
            chinaTime(row.collectedAt),
            row.unit.name,
            row.unit.region.name,
            row.office.name,
            yuanCell(row.amountFen),
            row.invoiceCount,
            describeItems(row.items, { withALabel: true }),
            row.remittance ? REMITTANCE_TEXT[row.remittance.status] : '未汇款',
            chinaTime(row.remittance?.submittedAt),
            chinaTime(row.remittance?.confirmedAt),
          ]
        }
        if (batch.length < BATCH) return
        before = batch.at(-1)!.id
      }
    },
  }
}

async function invoicesSheet(prisma: PrismaClient, viewer: Viewer, params: URLSearchParams): Promise<Sheet> {
  const where = await unitInvoiceWhere(prisma, viewer, invoiceFilterOf(params))
  return {
    title: '用户发票管理',
    header: [
      '发票记录编号',
      '开具时间',
      '单位名称',
      '单位所属区域',
      '开具编办',
      '类型',
      '张数',
      '金额（元）',
      '原记录编号',
      '收费编号',
      '备注',
    ],
    amountColumns: [7],
    count: () => prisma.invoice.count({ where }),
    async *rows() {
      let before: number | null = null
      for (;;) {
        const batch = await findInvoices(prisma, where, before)
        for (const row of batch) {
          yield [
            row.id,
            chinaTime(row.issuedAt),
            row.unit.name,
            row.unit.region.name,
            row.office.name,
            KIND_TEXT[row.kind],
            row.count,
            yuanCell(row.amountFen),
            row.parentId ?? '',
            row.feeCollectionId ?? '',
            row.note ?? '',
          ]
        }
        if (batch.length < BATCH) return
        before = batch.at(-1)!.id
      }
    },
  }
}

/** A list as a download: refused with 413 over the row limit, else streamed (CSV) or built whole (XLSX). */
async function listExport(sheet: Sheet, { format, rowLimit = EXPORT_ROW_LIMIT }: ExportRequest): Promise<Response> {
  const count = await sheet.count()
  if (count > rowLimit)
    return errorResponse(
      413,
      'PAYLOAD_TOO_LARGE',
      `共 ${count} 条，超过单次导出上限 ${rowLimit} 条，请缩小查询范围（例如按时间或区域分批导出）`,
    )
  const stamp = dateStamp(new Date())
  const download = { name: `${sheet.title}-${stamp}`, asciiName: `export-${stamp}`, rowCount: count }
  if (format === 'csv') return downloadResponse(format, csvStream(sheet.header, sheet.rows()), download)
  const workbook = new ExcelJS.Workbook()
  await addTableSheet(workbook, { ...sheet, rows: sheet.rows(), widthOf: () => 18 })
  return downloadResponse(format, await workbookBuffer(workbook), download)
}

export const unitPaymentsExport: Export = async (request) =>
  listExport(await paymentsSheet(request.prisma, request.viewer, request.params), request)
export const unitInvoicesExport: Export = async (request) =>
  listExport(await invoicesSheet(request.prisma, request.viewer, request.params), request)
