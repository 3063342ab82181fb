// GET /exports/<name>.<csv|xlsx>: the report downloads beside /graphql, with the same authentication (a Bearer
// token or the session cookie; anonymous, or a bad token or session, gets 401). Each export belongs to its module
// (lib/exports/response.ts says what one is); this file routes to it and turns its refusals into HTTP statuses.
import { GraphQLError } from 'graphql'
import type { PrismaClient } from '../generated/prisma/client.ts'
import type { Export } from '../lib/exports/response.ts'
import { resolveViewer } from '../modules/auth/viewer.ts'
import { unitInvoicesExport, unitPaymentsExport } from '../modules/invoiceReports/exports.ts'
import { regionStatisticsExport } from '../modules/statistics/exports.ts'
import type { Viewer } from '../viewer.ts'
import { errorResponse } from './errorResponse.ts'

export const EXPORT_PATH_PREFIX = '/exports/'

const EXPORTS: Record<string, Export> = {
  'unit-payments': unitPaymentsExport,
  'unit-invoices': unitInvoicesExport,
  'region-statistics': regionStatisticsExport,
}

/** The HTTP status of an export's refusal, by its GraphQL error code. */
const STATUS_OF: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }

/** Answers GET /exports/<name>.<csv|xlsx>; null for any other path. `rowLimit` lowers the list exports' limit (tests). */
export async function handleExportRequest(
  prisma: PrismaClient,
  request: Request,
  options: { rowLimit?: number } = {},
): Promise<Response | null> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(EXPORT_PATH_PREFIX)) return null
  const match = /^\/exports\/([a-z-]+)\.(csv|xlsx)$/.exec(url.pathname)
  const run = match && Object.hasOwn(EXPORTS, match[1]!) ? EXPORTS[match[1]!]! : null
  if (!match || !run) return errorResponse(404, 'NOT_FOUND', '没有这个导出')
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return errorResponse(405, 'BAD_USER_INPUT', '导出只支持 GET')

  let viewer: Viewer
  try {
    viewer = await resolveViewer(prisma, request)
  } catch (error) {
    const code = (error instanceof GraphQLError && (error.extensions?.code as string)) || 'UNAUTHENTICATED'
    return errorResponse(401, code, error instanceof Error ? error.message : '请先登录')
  }
  if (viewer.kind === 'anonymous')
    return errorResponse(401, viewer.authError?.code ?? 'UNAUTHENTICATED', viewer.authError?.message ?? '请先登录')

  try {
    return await run({
      prisma,
      viewer,
      request,
      params: url.searchParams,
      format: match[2] as 'csv' | 'xlsx',
      rowLimit: options.rowLimit,
    })
  } catch (error) {
    const code = error instanceof GraphQLError ? (error.extensions?.code as string | undefined) : undefined
    if (code && STATUS_OF[code]) return errorResponse(STATUS_OF[code], code, (error as GraphQLError).message)
    throw error
  }
}
