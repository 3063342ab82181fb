// 数据迁移's file upload and report download: a same-origin proxy to the API's /migration/runs/<id>/files (POST, the
// file as the raw body, streamed through) and /migration/runs/<id>/report.xlsx (GET), with the session cookie and
// the CSRF header the API checks. API_URL is read at run time, as for /graphql and /exports.
import { setClientAddress } from '@/graphql/clientAddress'
import { fetchApi } from '@/graphql/apiFetch'
import { setRequestId } from '@/graphql/requestId'
import { apiGraphqlUrl } from '@/graphql/server'

export const dynamic = 'force-dynamic'

const PASSED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control']
const FORWARDED_REQUEST_HEADERS = [
  'cookie',
  'authorization',
  'user-agent',
  'content-type',
  'content-length',
  'x-graphql-yoga-csrf',
]

const text = (message: string, status: number) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

async function forward(request: Request, id: string, file: string, method: 'GET' | 'POST'): Promise<Response> {
  if (!/^\d{1,9}$/.test(id)) return text('没有这个导入', 404)
  const headers = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  setClientAddress(headers)
  setRequestId(headers) // the same X-Request-Id on the API's log line and audit rows
  const url = new URL(apiGraphqlUrl().replace(/\/graphql$/, `/migration/runs/${id}/${file}`))
  url.search = new URL(request.url).search
  let upstream: Response
  try {
    upstream = await fetchApi(url, {
      method,
      headers,
      body: method === 'POST' ? request.body : undefined,
      // A streamed request body (the file) needs half duplex in Node's fetch.
      ...(method === 'POST' ? { duplex: 'half' } : {}),
      cache: 'no-store',
      redirect: 'manual',
    } as RequestInit)
  } catch {
    return Response.json(
      { errors: [{ message: '无法连接业务服务，请稍后再试', extensions: { code: 'API_UNAVAILABLE' } }] },
      { status: 502 },
    )
  }
  const responseHeaders = new Headers()
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) responseHeaders.set(name, value)
  }
  if (method === 'GET' && !upstream.ok) {
    // A person clicking the download link should read a sentence, not JSON.
    let message = '下载失败，请稍后再试'
    try {
      const body = (await upstream.json()) as { errors?: { message?: string }[] }
      message = body.errors?.[0]?.message ?? message
    } catch {}
    if (upstream.status === 401) message = '请先登录后再下载'
    return text(message, upstream.status)
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders })
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params
  if (file !== 'report.xlsx') return text('没有这个文件', 404)
  return forward(request, id, file, 'GET')
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params
  if (file !== 'files') return text('没有这个地址', 404)
  return forward(request, id, file, 'POST')
}
