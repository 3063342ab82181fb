// 数据迁移's two plain HTTP routes beside /graphql, for CONAC (modules/migration/policy.ts: uploads its 管理员):
//   POST /migration/runs/<id>/files?name=<file name>  the file as the raw body (a GraphQL body is capped far below
//        the MBs of an export, see MAX_BODY_BYTES), at most MAX_UPLOAD_BYTES; answers { id, fileName, kind, size }.
//   GET  /migration/runs/<id>/report.xlsx             the run's 校验报告 (文件, 行号, 列, 原因).
// Authentication is the API's (session cookie, or a token, which the policy refuses). The POST follows the
// GraphQL endpoint's CSRF rule (limits/csrf.ts): a body a cross-site form could send (no content type, or a form or
// text/plain one) needs the x-graphql-yoga-csrf header; the portal sends application/octet-stream.
import { GraphQLError } from 'graphql'
import { authorize } from '../commands/policy.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { CSRF_HEADER } from '../limits/csrf.ts'
import { resolveViewer } from '../modules/auth/viewer.ts'
import { MIGRATION_POLICY, MIGRATION_READ_POLICY } from '../modules/migration/policy.ts'
import { problemsReportXlsx } from '../modules/migration/report.ts'
import { storedProblems } from '../modules/migration/run.ts'
import { MAX_UPLOAD_BYTES, storeUpload } from '../modules/migration/upload.ts'
import type { Viewer } from '../viewer.ts'
import { errorResponse } from './errorResponse.ts'

export const MIGRATION_PATH_PREFIX = '/migration/'

const STATUS_OF: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
}

/** Content types a cross-site HTML form (or a no-preflight fetch) can send. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

function failure(error: unknown): Response {
  if (error instanceof GraphQLError) {
    const code = (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR'
    if (STATUS_OF[code]) return errorResponse(STATUS_OF[code]!, code, error.message)
  }
  throw error
}

/** Answers the two routes; null for any other path. */
export async function handleMigrationRequest(
  prisma: PrismaClient,
  request: Request,
  ip: string | null,
): Promise<Response | null> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(MIGRATION_PATH_PREFIX)) return null
  const match = /^\/migration\/runs\/(\d{1,9})\/(files|report\.xlsx)$/.exec(url.pathname)
  if (!match) return errorResponse(404, 'NOT_FOUND', '没有这个地址')
  const runId = Number(match[1])
  const upload = match[2] === 'files'
  if (upload ? request.method !== 'POST' : request.method !== 'GET' && request.method !== 'HEAD')
    return errorResponse(405, 'BAD_USER_INPUT', upload ? '上传文件请用 POST' : '下载报告请用 GET')

  let viewer: Viewer
  try {
    viewer = await resolveViewer(prisma, request)
    authorize(upload ? MIGRATION_POLICY : MIGRATION_READ_POLICY, viewer)
  } catch (error) {
    return failure(error)
  }

  try {
    if (!upload) return await reportResponse(prisma, runId)
    const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if ((!contentType || SIMPLE_CONTENT_TYPES.includes(contentType)) && !request.headers.has(CSRF_HEADER))
      return errorResponse(
        403,
        'CSRF_CHECK_FAILED',
        `请求被拒绝（跨站请求防护）：请以 application/octet-stream 上传，或携带 ${CSRF_HEADER} 请求头`,
      )
    const fileName = url.searchParams.get('name') ?? ''
    const declared = request.headers.get('content-length')
    if (declared !== null && Number(declared) > MAX_UPLOAD_BYTES) return tooLarge()
    const bytes = request.body ? await readAtMost(request.body, MAX_UPLOAD_BYTES) : new Uint8Array()
    if (!bytes) return tooLarge()
    const stored = await storeUpload(prisma, { viewer, ip }, runId, fileName, bytes)
    return new Response(JSON.stringify(stored), {
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
  } catch (error) {
    return failure(error)
  }
}

function tooLarge(): Response {
  const response = errorResponse(
    413,
    'PAYLOAD_TOO_LARGE',
    `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后上传`,
  )
  response.headers.set('connection', 'close')
  return response
}

async function reportResponse(prisma: PrismaClient, runId: number): Promise<Response> {
  const run = await prisma.migrationRun.findUnique({ where: { id: runId }, select: { id: true } })
  if (!run) return errorResponse(404, 'NOT_FOUND', '导入不存在')
  const body = await problemsReportXlsx(storedProblems(prisma, runId))
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="migration-report-${runId}.xlsx"; filename*=UTF-8''${encodeURIComponent(`校验报告-${runId}.xlsx`)}`,
      'cache-control': 'no-store',
    },
  })
}

/** The whole stream if it is at most maxBytes long; null (and the stream cancelled) as soon as it is longer. */
async function readAtMost(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}
