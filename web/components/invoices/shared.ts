// 财务管理 invoice screens: labels of the invoice enums, what a failed invoice mutation tells a person, and the
// sheet-count parser. Money stays integer fen (see ../ui/format.ts for the yuan parser and formatter).
import type { CombinedError } from 'urql'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import type { InvoiceKind, InvoiceRequestStatus, InvoiceType } from '@/graphql/generated/graphql'

export const INVOICE_TYPE_LABELS: Record<InvoiceType, string> = {
  GENERAL: '增值税普通发票',
  SPECIAL: '增值税专用发票',
  ELECTRONIC: '电子发票',
}

export const INVOICE_REQUEST_STATUS_LABELS: Record<InvoiceRequestStatus, string> = {
  REQUESTED: '已申请',
  SHIPPED: '已寄出',
  SIGNED: '已签收',
  REJECTED: '未通过',
}

export const INVOICE_KIND_LABELS: Record<InvoiceKind, string> = {
  NORMAL: '开具',
  SPLIT: '拆分所得',
  RED_LETTER: '红字冲销',
  VOID: '作废',
}

/** 30,000 yuan: the most one 预开发票申请 may ask for. */
export const REQUEST_CAP_FEN = 3_000_000

/** The most sheets one request, invoice or red-letter invoice may have. */
export const MAX_SHEETS = 1000

/** Below this many sheets the stock notice warns. */
export const LOW_STOCK = 10

export const INSUFFICIENT_STOCK_MESSAGE =
  '发票余额不足：本单位现有发票不够开具，请先在“预开发票申请”中申请并签收发票，或减少开具发票数量。'
export const STALE_REQUEST_MESSAGE = '该申请已被他人处理，请刷新'

/**
 * A failed invoice mutation (describeFailure), with readable texts for the cases a clerk must act on: too few
 * invoices in stock (收费 issues invoices too), and (for the request screens, staleMessage) a request someone else
 * handled first.
 */
export function describeInvoiceError(error: CombinedError, staleMessage?: string): RequestFailure {
  const failure = describeFailure(error)
  if (failure.reason === 'INSUFFICIENT_INVOICE_STOCK') {
    const detail = error.graphQLErrors[0]!.message.replace(/[。.]$/, '')
    return { ...failure, message: `${INSUFFICIENT_STOCK_MESSAGE}（${detail}）` }
  }
  if (failure.code === 'CONFLICT' && staleMessage) return { ...failure, message: staleMessage }
  return failure
}

/** "12" → 12 sheets; null unless a whole number from min to max. */
export function parseSheets(text: string, min = 1, max = MAX_SHEETS): number | null {
  if (!/^\s*\d{1,6}\s*$/.test(text)) return null
  const value = Number(text.trim())
  return value >= min && value <= max ? value : null
}
