// GET /exports/unit-payments.(csv|xlsx) and /exports/unit-invoices.(csv|xlsx): every row the matching GraphQL
// list returns for the same filter (all pages, newest first), for the same viewer (cookie or Bearer token, as for
// /graphql). Amounts in yuan with two decimals, times in China time, a Chinese header row.
// /exports/region-statistics.(csv|xlsx) is answered by modules/statistics/exports.ts after the same authentication.
// Every cell goes through lib/spreadsheet.ts, which makes text that a spreadsheet would run as a formula inert.
import ExcelJS from 'exceljs'
import { GraphQLError } from 'graphql'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { InvoiceKind } from '../../generated/prisma/enums.ts'
import { errorResponse } from '../../http/errorResponse.ts'
import { type Cell, chinaTime, csvLine, xlsxValue, yuanCell } from '../../lib/spreadsheet.ts'
import { resolveViewer } from '../auth/viewer.ts'
import type { Viewer } from '../../viewer.ts'
import { describeItems } from './schema.ts'
import { type UnitInvoiceFilter, unitInvoiceWhere, type UnitPaymentFilter, unitPaymentWhere } from './service.ts'
import { REGION_STATISTICS_EXPORT, regionStatisticsExport } from '../statistics/exports.ts'
import { dateTimeParameter, textParameter } from '../../validation/queryParameters.ts'

export const EXPORT_PATH_PREFIX = '/exports/'
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
const KIND_TEXT: Record<InvoiceKind, string> = { NORMAL: '开具', SPLIT: '拆分所得', RED_LETTER: '红字冲销', VOID: '作废' }

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
      items: { orderBy: { id: 'asc' }, select: { kind: true, years: true, domain: { select: { name: true, suffix: true } } } },
    },
  })
}

/** One batch of invoices, newest first, below the cursor. */
function findInvoices(prisma: PrismaClient, where: Prisma.InvoiceWhereInput, before: number | null) {
  return prisma.invoice.findMany({
    where: before === null ? where : { AND: [where, { id: { lt: before } }] },
    orderBy: { id: 'desc' },
    take: BATCH,
    include: { unit: { select: { name: true, region: { select: { name: true } } } }, office: { select: { name: true } } },
  })
}

async function paymentsSheet(prisma: PrismaClient, viewer: Viewer, params: URLSearchParams): Promise<Sheet> {
  const where = await unitPaymentWhere(prisma, viewer, paymentFilterOf(params))
  return {
    title: '用户缴费查询',
    header: ['收费编号', '缴费时间', '单位名称', '单位所属区域', '收费编办', '金额（元）', '发票数量', '缴费项目', '汇款状态', '汇款时间', '认款时间'],
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
            describeItems(row.items),
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
    header: ['发票记录编号', '开具时间', '单位名称', '单位所属区域', '开具编办', '类型', '张数', '金额（元）', '原记录编号', '收费编号', '备注'],
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

const SHEETS = { 'unit-payments': paymentsSheet, 'unit-invoices': invoicesSheet } as const

function disposition(title: string, extension: string): string {
  const stamp = chinaTime(new Date()).slice(0, 10).replace(/-/g, '')
  const name = `${title}-${stamp}.${extension}`
  return `attachment; filename="export-${stamp}.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function csvStream(sheet: Sheet): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const rows = sheet.rows()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(sheet.header)}`))
        return
      }
      // A few hundred rows per chunk keeps memory flat without a chunk per row.
      let chunk = ''
      for (let i = 0; i < 500; i++) {
        const next = await rows.next()
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk))
          controller.close()
          return
        }
        chunk += csvLine(next.value)
      }
      controller.enqueue(encoder.encode(chunk))
    },
    async cancel() {
      await rows.return(undefined)
    },
  })
}

async function xlsxBuffer(sheet: Sheet): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook()
  const worksheet = workbook.addWorksheet(sheet.title)
  worksheet.addRow(sheet.header.map(xlsxValue)).font = { bold: true }
  for await (const row of sheet.rows()) worksheet.addRow(row.map(xlsxValue))
  worksheet.columns.forEach((column) => (column.width = 18))
  for (const index of sheet.amountColumns) worksheet.getColumn(index + 1).numFmt = '0.00'
  const buffer = await workbook.xlsx.writeBuffer()
  return buffer as ArrayBuffer
}

/**
 * Answers GET /exports/<name>.<csv|xlsx>; null for any other path. Authentication as for /graphql: a Bearer token or
 * the session cookie; anonymous (or a bad token or session) gets 401.
 */
export async function handleExportRequest(prisma: PrismaClient, request: Request, options: { rowLimit?: number } = {}): Promise<Response | null> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(EXPORT_PATH_PREFIX)) return null
  const match = /^\/exports\/(unit-payments|unit-invoices|region-statistics)\.(csv|xlsx)$/.exec(url.pathname)
  if (!match) return errorResponse(404, 'NOT_FOUND', '没有这个导出')
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'BAD_USER_INPUT', '导出只支持 GET')
  const [, name, extension] = match as unknown as [string, keyof typeof SHEETS | typeof REGION_STATISTICS_EXPORT, 'csv' | 'xlsx']

  let viewer: Viewer
  try {
    viewer = await resolveViewer(prisma, request)
  } catch (error) {
    const code = (error instanceof GraphQLError && (error.extensions?.code as string)) || 'UNAUTHENTICATED'
    return errorResponse(401, code, error instanceof Error ? error.message : '请先登录')
  }
  if (viewer.kind === 'anonymous') return errorResponse(401, viewer.authError?.code ?? 'UNAUTHENTICATED', viewer.authError?.message ?? '请先登录')
  // 区域统计 (modules/statistics/exports.ts): one table of figures, not a list of rows.
  if (name === REGION_STATISTICS_EXPORT) return regionStatisticsExport(prisma, viewer, request, extension)

  let sheet: Sheet
  try {
    sheet = await SHEETS[name](prisma, viewer, url.searchParams)
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') return errorResponse(400, 'BAD_USER_INPUT', error.message)
    throw error
  }
  const limit = options.rowLimit ?? EXPORT_ROW_LIMIT
  const count = await sheet.count()
  if (count > limit) return errorResponse(413, 'PAYLOAD_TOO_LARGE', `共 ${count} 条，超过单次导出上限 ${limit} 条，请缩小查询范围（例如按时间或区域分批导出）`)

  const headers = { 'content-disposition': disposition(sheet.title, extension), 'cache-control': 'no-store', 'x-export-row-count': String(count) }
  if (extension === 'csv') return new Response(csvStream(sheet), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } })
  return new Response(await xlsxBuffer(sheet), {
    headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  })
}
