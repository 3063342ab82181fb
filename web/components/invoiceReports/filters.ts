// The filter shared by the report lists and their exports: dates picked in China time, `to` inclusive on screen
// (the API's `to` is exclusive, so the next day's midnight is sent).
export interface ReportFilterForm {
  regionCode: string
  unitName: string
  fromDate: string
  toDate: string
  kinds?: string[]
}

export const EMPTY_FILTER: ReportFilterForm = { regionCode: '', unitName: '', fromDate: '', toDate: '', kinds: [] }

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

/** The API filter (UnitPaymentFilter / UnitInvoiceFilter) for a form. */
export function apiFilterOf(form: ReportFilterForm) {
  return {
    regionCode: form.regionCode.trim() || null,
    unitName: form.unitName.trim() || null,
    from: form.fromDate ? chinaMidnight(form.fromDate) : null,
    to: form.toDate ? chinaNextMidnight(form.toDate) : null,
    ...(form.kinds ? { kinds: form.kinds.length ? form.kinds : null } : {}),
  }
}

/** /exports/<file>?<the same filter> */
export function exportHref(file: string, form: ReportFilterForm): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(apiFilterOf(form))) {
    if (value == null) continue
    params.set(key, Array.isArray(value) ? value.join(',') : value)
  }
  const query = params.toString()
  return `/exports/${file}${query ? `?${query}` : ''}`
}

export const INVOICE_KIND_LABELS = { NORMAL: '开具', SPLIT: '拆分所得', RED_LETTER: '红字冲销', VOID: '作废' } as const
