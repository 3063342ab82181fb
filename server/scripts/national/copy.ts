// One COPY FROM STDIN per table on its own connection. Rows are appended as text lines to a buffer that is written
// to the stream in large chunks; when the socket is behind, the generator awaits 'drain' (never holds a table).
import { Writable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

const CHUNK_BYTES = 128 * 1024

export class CopySink {
  rows = 0
  copiedBytes = 0
  // Lines are encoded straight into the chunk (no intermediate joined string).
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  private used = 0
  private stream!: ReturnType<typeof copyFrom>
  private client!: pg.Client
  private done!: Promise<void>
  private drained: Promise<void> | null = null
  private failure: Error | null = null
  startedAt = 0
  finishedAt = 0

  constructor(
    readonly table: string,
    readonly columns: string[],
    readonly expected?: number,
  ) {}

  async open(url: string, discard = false) {
    if (discard) {
      // Profiling: generation alone, with the bytes thrown away.
      this.stream = new Writable({ write: (_chunk, _encoding, callback) => callback() }) as unknown as ReturnType<
        typeof copyFrom
      >
      this.done = new Promise((resolve) => this.stream.on('finish', () => resolve()))
      this.startedAt = performance.now()
      return
    }
    this.client = new pg.Client({ connectionString: url })
    await this.client.connect()
    // The load is one transaction per table; losing it on a crash is fine (the target is rebuilt with --fresh).
    await this.client.query('SET synchronous_commit = off')
    const columnList = this.columns.map((c) => `"${c}"`).join(', ')
    this.stream = this.client.query(copyFrom(`COPY "${this.table}" (${columnList}) FROM STDIN`))
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', () => resolve())
      this.stream.on('error', (error: Error) => {
        this.failure = error
        reject(error)
      })
    })
    this.done.catch(() => {}) // observed in close()
    this.startedAt = performance.now()
  }

  /** Appends one row: fields already in COPY text form (no tabs, newlines or backslashes in our data). */
  line(text: string) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > CHUNK_BYTES) {
      this.flush()
      if (text.length * 3 > CHUNK_BYTES) this.chunk = Buffer.allocUnsafe(text.length * 3)
    }
    this.used += this.chunk.write(text, this.used)
    this.rows++
  }

  private flush() {
    if (!this.used) return
    if (this.failure) throw this.failure
    const chunk = this.chunk.subarray(0, this.used)
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES)
    this.used = 0
    this.copiedBytes += chunk.length
    if (!this.stream.write(chunk) && !this.drained) {
      this.drained = new Promise((resolve) =>
        this.stream.once('drain', () => {
          this.drained = null
          resolve()
        }),
      )
    }
  }

  /** Resolves when the stream can take more. */
  ready(): Promise<void> | null {
    if (this.failure) throw this.failure
    return this.drained
  }

  async close() {
    this.flush()
    this.stream.end()
    try {
      await this.done
    } finally {
      this.finishedAt = performance.now()
      await this.client?.end()
    }
  }
}

/** Awaits every sink that is behind; called by the generator between entities. */
export async function backpressure(sinks: CopySink[]) {
  for (const sink of sinks) {
    const wait = sink.ready()
    if (wait) await wait
  }
}

// --- COPY text values -------------------------------------------------------------------------------------------

export const NULL = '\\N'

const dayCache = new Map<number, string>()
const pad2 = (n: number) => (n < 10 ? '0' + n : String(n))
const pad3 = (n: number) => (n < 10 ? '00' + n : n < 100 ? '0' + n : String(n))

/** A UTC instant as a TIMESTAMP(3) literal, cheaper than toISOString in a hot loop. */
export function ts(ms: number): string {
  const day = Math.floor(ms / 86_400_000)
  let prefix = dayCache.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 10) + ' '
    dayCache.set(day, prefix)
  }
  let rest = ms - day * 86_400_000
  const h = Math.floor(rest / 3_600_000)
  rest -= h * 3_600_000
  const m = Math.floor(rest / 60_000)
  rest -= m * 60_000
  const s = Math.floor(rest / 1000)
  return prefix + pad2(h) + ':' + pad2(m) + ':' + pad2(s) + '.' + pad3(Math.floor(rest - s * 1000))
}

export const tsOrNull = (ms: number | null | undefined) => (ms == null ? NULL : ts(ms))
