// What every export answers and with what: a module's export is a function from the request (its viewer already
// authenticated by http/exports.ts, which routes /exports/<name>.<csv|xlsx> to it) to the file as a download.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Viewer } from '../../viewer.ts'

export type ExportFormat = 'csv' | 'xlsx'

export interface ExportRequest {
  prisma: PrismaClient
  /** Signed in (a session or an API token): anonymous requests never reach an export. */
  viewer: Viewer
  request: Request
  /** The filters, from the query string. */
  params: URLSearchParams
  format: ExportFormat
  /** The most rows a list export writes (tests lower it); more are refused with 413. */
  rowLimit?: number
}

/**
 * One export. Refusals are thrown as GraphQL errors (FORBIDDEN, NOT_FOUND, BAD_USER_INPUT …), exactly as the
 * matching query refuses them; http/exports.ts turns them into HTTP statuses.
 */
export type Export = (request: ExportRequest) => Promise<Response>

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export interface Download {
  /** The file's name as people read it (Chinese allowed), without the extension. */
  name: string
  /** The same for clients without RFC 5987 (ASCII only), without the extension. */
  asciiName: string
  /** The number of data rows (x-export-row-count). */
  rowCount: number
}

/** The file as an attachment, never cached (it holds what the viewer may see now). */
export function downloadResponse(format: ExportFormat, body: BodyInit, download: Download): Response {
  const fileName = `${download.name}.${format}`
  const disposition = `attachment; filename="${download.asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
  return new Response(body, {
    headers: {
      'content-disposition': disposition,
      'cache-control': 'no-store',
      'x-export-row-count': String(download.rowCount),
      'content-type': CONTENT_TYPE[format],
    },
  })
}
