// CSV, streamed: bytes → text (UTF-8 with or without BOM, else GB18030) → RFC 4180 records, never more than one
// chunk (1 MiB) and the record being read in memory, so a 2,000,000-row file costs what one row does.
import type { Readable } from 'node:stream'

/** The file is neither UTF-8 nor GB18030 (or turns out not to be half-way through). */
export class EncodingError extends Error {}

/**
 * Text chunks of a byte stream. Encoding by content: UTF-8 while the bytes decode as UTF-8; bytes that do not, when
 * everything before them was ASCII (the same in both), switch the file to GB18030 (what Excel saves a CSV as on a
 * Chinese Windows). Bytes that are not UTF-8 after UTF-8 text was seen, or not GB18030 either, are an EncodingError.
 */
export async function* decodeChunks(stream: Readable): AsyncGenerator<string> {
  let decoder = new TextDecoder('utf-8', { fatal: true })
  let encoding: 'utf-8' | 'gb18030' = 'utf-8'
  let onlyAscii = true
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      if (encoding === 'gb18030' || !onlyAscii) throw new EncodingError(encoding)
      encoding = 'gb18030'
      decoder = new TextDecoder('gb18030', { fatal: true })
      try {
        text = decoder.decode(chunk, { stream: true })
      } catch {
        throw new EncodingError(encoding)
      }
    }
    if (onlyAscii) onlyAscii = isAscii(chunk)
    if (text) yield text
  }
  try {
    const rest = decoder.decode()
    if (rest) yield rest
  } catch {
    throw new EncodingError(encoding)
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false
  return true
}

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13

/**
 * RFC 4180 records from text chunks: quoted fields with "" escapes, commas and line breaks inside quotes; CRLF, LF
 * or CR line ends; the last line with or without its break. Each record comes with its 1-based number (a record is a
 * spreadsheet row: a line break inside quotes does not start a new one). Blank lines are records of one empty field.
 * Records come in batches: those completed by one chunk of text.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let record: string[] = []
  let field = ''
  /** 0 at a field's start or in an unquoted field, 1 inside quotes, 2 just after a quote inside quotes. */
  let state = 0
  let fieldStarted = false
  let pendingCr = false
  const out: string[][] = []
  for await (const text of chunks) {
    let i = 0
    const length = text.length
    if (pendingCr) {
      pendingCr = false
      if (text.charCodeAt(0) === LF) i = 1
    }
    while (i < length) {
      if (state === 1) {
        const quote = text.indexOf('"', i)
        if (quote < 0) {
          field += text.slice(i)
          break
        }
        field += text.slice(i, quote)
        i = quote + 1
        state = 2
        continue
      }
      if (state === 2) {
        // After a quote inside quotes: "" is a quote, anything else closes the quoted part.
        if (text.charCodeAt(i) === QUOTE) {
          field += '"'
          i++
          state = 1
          continue
        }
        state = 0
      }
      // Unquoted text up to the next separator, line end or quote.
      let j = i
      let code = 0
      while (j < length) {
        code = text.charCodeAt(j)
        if (code === COMMA || code === LF || code === CR || code === QUOTE) break
        j++
      }
      if (j > i) {
        field += text.slice(i, j)
        fieldStarted = true
      }
      if (j >= length) break
      if (code === QUOTE) {
        if (!fieldStarted && field === '') {
          state = 1
          fieldStarted = true
        } else field += '"' // a quote in the middle of an unquoted field is kept as text, as spreadsheets do
        i = j + 1
        continue
      }
      record.push(field)
      field = ''
      fieldStarted = false
      if (code === COMMA) {
        i = j + 1
        continue
      }
      out.push(record)
      record = []
      if (code === CR) {
        if (j + 1 < length) i = text.charCodeAt(j + 1) === LF ? j + 2 : j + 1
        else {
          pendingCr = true
          i = length
        }
      } else i = j + 1
    }
    // The records of a chunk go together: one await per chunk instead of one per record.
    if (out.length) yield out.splice(0)
  }
  if (fieldStarted || field !== '' || record.length || state !== 0) {
    record.push(field)
    yield [record]
  }
}
