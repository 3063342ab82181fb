// A file of an import run, wherever it lives: on disk (the CLI) or uploaded (CONAC's page, kept in
// migration_uploads). Readers only ever stream it, so a 200 MB CSV is never held in memory by the reader; open()
// gives a fresh stream each call because a file is read more than once (its kind from the header, then its rows).
import { createReadStream, statSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'

export interface SourceFile {
  fileName: string
  size: number
  open(): Readable
}

export function fileFromPath(filePath: string): SourceFile {
  return {
    fileName: path.basename(filePath),
    size: statSync(filePath).size,
    open: () => createReadStream(filePath, { highWaterMark: 1 << 20 }),
  }
}

/** Uploaded bytes: handed out in 1 MiB slices, the same way the disk stream comes. */
export function fileFromBytes(fileName: string, bytes: Uint8Array): SourceFile {
  const chunk = 1 << 20
  return {
    fileName,
    size: bytes.byteLength,
    open: () =>
      Readable.from(
        (function* () {
          for (let start = 0; start < bytes.byteLength; start += chunk) yield bytes.subarray(start, start + chunk)
        })(),
        { objectMode: false },
      ),
  }
}
