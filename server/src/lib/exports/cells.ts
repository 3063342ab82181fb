// The cells of every CSV and Excel export (/exports/*), written by one set of functions for both formats. The
// formula guard lives here, in the only place that writes a cell, so no export can write text around it.
//
// Text that people typed reaches the exports (unit names, invoice notes, domain names), and the people who open
// them are office and CONAC staff. A spreadsheet runs a cell that starts with = + - @ as a formula (=HYPERLINK(...)
// sends the sheet's contents away, =cmd|' /C calc'!A0 starts a program through DDE), so every text cell that could
// be read as one is made inert with a leading apostrophe (OWASP "CSV injection"), in CSV and XLSX alike. Amounts and
// counts are never text: they are numbers in both formats, so a red-letter invoice's -300.00 stays a number that
// sums, and the guard never has to guess whether "-300.00" is money or an attack.
//
// What counts as dangerous, and why:
// - OWASP's list: = + - @ as the first character, and tab (0x09) or carriage return (0x0D) first; ASVS adds NUL, and
//   a leading line feed is the same trick as CR.
// - The same four signs after leading white space or invisible characters (" =1+1", "\u3000=1+1", "\u200b=1+1"):
//   importers that trim cells (LibreOffice's "trim spaces", scripts that strip) would otherwise uncover the formula.
// - The full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which a Chinese input method types: some
//   spreadsheet builds normalise them to ASCII on input. An apostrophe in front of rare text costs nothing.
// A neutralised cell keeps its whole text after the apostrophe (nothing is dropped), and the apostrophe is written in
// XLSX too, so a round trip through CSV or LibreOffice cannot lose it.

import { yuan } from './format.ts'

/** An amount in fen, written as yuan with exactly two decimals: a number cell in both formats. */
export interface Yuan {
  readonly fen: bigint
}

/** A cell of an export row: text (neutralised when written), a count or id, or an amount. */
export type Cell = string | number | Yuan

export const yuanCell = (fen: bigint): Yuan => ({ fen })

const isYuan = (cell: Cell): cell is Yuan => typeof cell === 'object' && cell !== null && typeof cell.fen === 'bigint'

/**
 * A cell a spreadsheet could run: a control character first (tab, CR, LF, NUL), or a formula sign (ASCII or
 * full-width) after any leading white space, control or format (zero-width, BOM, bidi) characters.
 */
const FORMULA_LIKE = /^(?:[\t\r\n\0]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u

/** Text made inert for a spreadsheet: a leading apostrophe when it could start a formula, unchanged otherwise. */
export function neutraliseFormula(text: string): string {
  return guarded(text) ? `'${text}` : text
}

/**
 * Text that gets the apostrophe: formula-like after any apostrophes it already starts with, so that text which
 * itself begins with the guard ('=x) gets one more and restoreNeutralised gives every cell back exactly.
 */
const guarded = (text: string) => FORMULA_LIKE.test(text.replace(/^'+/, ''))

/**
 * The guard undone, for files that come back (数据迁移 reads the templates our exports write): an apostrophe in front
 * of text the guard would have neutralised is the guard's (or Excel's own text marker), so it goes; any other
 * apostrophe is the cell's text.
 */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && guarded(text) ? text.slice(1) : text
}

/**
 * One CSV field (RFC 4180). Text is neutralised and always quoted, so a separator inside it (a comma, or the
 * semicolon of a locale that splits on it) can never start a new cell that escapes the apostrophe. Numbers and
 * amounts are bare, so spreadsheets read them as numbers.
 */
export function csvField(cell: Cell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  if (isYuan(cell)) return yuan(cell.fen)
  return `"${neutraliseFormula(cell).replace(/"/g, '""')}"`
}

/** One CSV line of cells, CRLF-terminated. */
export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`

/**
 * A value for an exceljs cell: a number, or neutralised text. Only plain strings and numbers reach exceljs, which
 * writes strings as shared strings (never <f> formulas; those need a { formula } object, which this never returns).
 */
export function xlsxValue(cell: Cell): string | number {
  if (typeof cell === 'number') return cell
  if (isYuan(cell)) return Number(yuan(cell.fen))
  return neutraliseFormula(cell)
}
