// Money and time as the exports write them: amounts in 元 with two decimals from integer fen (exact, no floats),
// instants in Beijing time (UTC+8, no daylight saving), the way the portal shows them.

/** Fen as yuan with two decimals, exact (no floats): 30000n -> "300.00", -150n -> "-1.50". */
export function yuan(fen: bigint): string {
  const negative = fen < 0n
  const abs = negative ? -fen : fen
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

const CST_OFFSET_MS = 8 * 3600 * 1000

/** An instant in China time, "2026-11-22 16:30:00"; empty for none. */
export function chinaTime(date: Date | null | undefined): string {
  if (!date) return ''
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

/** The China-time date of an instant for a file name: "20261122". */
export const dateStamp = (date: Date): string => chinaTime(date).slice(0, 10).replace(/-/g, '')
