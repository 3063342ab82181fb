// The filter shared by the report lists and their exports: dates picked in China time, `to` inclusive on screen
// (the API's `to` is exclusive, so the next day's midnight is sent).
import type { InvoiceKind, UnitInvoiceFilter, UnitPaymentFilter } from '../../graphql/generated/graphql'

export interface ReportFilterForm {
  regionCode: string
  unitName: string
  fromDate: string
  toDate: string
  /** 用户发票管理 only */
  kinds?: InvoiceKind[]
}

export const EMPTY_FILTER: ReportFilterForm = { regionCode: '', unitName: '', fromDate: '', toDate: '' }

const DAY_MS = 86_400_000

/** "2026-03-01" → the instant of 00:00 in Beijing that day. */
export function chinaMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

/** The date in Beijing `days` after today, "YYYY-MM-DD" (a reward rate picked by date starts tomorrow at the earliest). */
export function chinaDateFromToday(days: number, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10)
}

export function chinaNextMidnight(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + DAY_MS).toISOString()
}

/**
 * 用户缴费查询's filter (UnitPaymentFilter) for a form. Typed by the API's input, so a field it does not have (the
 * invoice kinds: a payment has none) fails the build instead of every request.
 */
export function paymentFilterOf(form: ReportFilterForm): UnitPaymentFilter {
  return {
    regionCode: form.regionCode.trim() || null,
    unitName: form.unitName.trim() || null,
    from: form.fromDate ? chinaMidnight(form.fromDate) : null,
    to: form.toDate ? chinaNextMidnight(form.toDate) : null,
  }
}

/** 用户发票管理's filter (UnitInvoiceFilter): the payment filter and the invoice kinds (all when none is ticked). */
export function invoiceFilterOf(form: ReportFilterForm): UnitInvoiceFilter {
  return { ...paymentFilterOf(form), kinds: form.kinds?.length ? form.kinds : null }
}

/** /exports/<file>?<the same filter as the list's> */
export function exportHref(file: string, filter: UnitPaymentFilter | UnitInvoiceFilter): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  const query = params.toString()
  return `/exports/${file}${query ? `?${query}` : ''}`
}

export const INVOICE_KIND_LABELS: Record<InvoiceKind, string> = {
  NORMAL: '开具',
  SPLIT: '拆分所得',
  RED_LETTER: '红字冲销',
  VOID: '作废',
}
