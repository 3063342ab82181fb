// Reads the CSV the exports write (RFC 4180 quoting; CRLF or LF line ends) into rows of cells.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cell), (cell = '')
    else if (ch === '\r') continue
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '')
    else cell += ch
  }
  if (cell || row.length) row.push(cell), rows.push(row)
  return rows
}
