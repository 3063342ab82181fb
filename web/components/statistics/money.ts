// Money on the 区域统计 page, one format for every number of yuan it shows (KPI cards, the 下级地区 table, chart
// tooltips and the charts' tables): thousands separators and two decimals, "1,800.00", with " 元" where no column
// header already says 元. The API sends integer fen (a JSON number, or a string past 2^53); the text is computed on
// bigints, so no amount is ever rounded through a float. The CSV/XLSX export writes plain numbers (1800.00) on
// purpose: spreadsheets read those as numbers.

/** A Fen value (a JSON integer, a digit string or a bigint) as a bigint, or null when it is not one. */
export function fenOf(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value)
  return null
}

/** "1234567" → "1,234,567" */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** 180000 → "1,800.00"; with { unit: true } "1,800.00 元"; -150 → "-1.50"; not an amount → "—". */
export function formatYuan(value: unknown, { unit = false }: { unit?: boolean } = {}): string {
  const fen = fenOf(value)
  if (fen == null) return '—'
  const negative = fen < 0n
  const abs = negative ? -fen : fen
  const text = `${negative ? '-' : ''}${groupThousands(String(abs / 100n))}.${String(abs % 100n).padStart(2, '0')}`
  return unit ? `${text} 元` : text
}

/** Fen as a plain number of yuan, for chart geometry only (never for the numbers shown). */
export function yuanForScale(value: unknown): number {
  const fen = fenOf(value)
  return fen == null ? 0 : Number(fen) / 100
}
