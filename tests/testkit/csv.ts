// Reads the CSV the exports write (RFC 4180 quoting; CRLF or LF line ends) into rows of cells.

/** A cell and whether it was quoted in the file (text is; numbers are not). */
export interface CsvField {
  text: string
  quoted: boolean
}

export function parseCsvFields(text: string): CsvField[][] {
  const rows: CsvField[][] = []
  let row: CsvField[] = []
  let cell = ''
  let quoted = false
  let wasQuoted = false
  const endCell = () => {
    row.push({ text: cell, quoted: wasQuoted })
    cell = ''
    wasQuoted = false
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = wasQuoted = true
    else if (ch === ',') endCell()
    else if (ch === '\r') continue
    else if (ch === '\n') {
      endCell()
      rows.push(row)
      row = []
    } else cell += ch
  }
  if (cell || row.length) {
    endCell()
    rows.push(row)
  }
  return rows
}

export function parseCsv(text: string): string[][] {
  return parseCsvFields(text).map((row) => row.map((field) => field.text))
}
