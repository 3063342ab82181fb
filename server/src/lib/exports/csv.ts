// The CSV files of the exports: UTF-8 with a byte-order mark (Excel takes the file for UTF-8 only with it, or the
// Chinese comes out garbled) and one CRLF-terminated line per row, every field written by cells.ts.
import { type Cell, csvLine } from './cells.ts'

const BOM = '\uFEFF'

/** A whole file at once, for a table of a few rows. */
export const csvText = (header: readonly Cell[], rows: readonly (readonly Cell[])[]): string =>
  `${BOM}${[header, ...rows].map(csvLine).join('')}`

/** A file streamed from its rows as they are read: memory stays flat however many rows a list has. */
export function csvStream(header: readonly Cell[], rows: AsyncGenerator<Cell[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(`${BOM}${csvLine(header)}`))
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
