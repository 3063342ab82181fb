// 导出 CSV / Excel: a same-origin proxy to the API's /exports/<file>, with the session cookie, so a plain link
// downloads the file. API_URL is read at run time, as for /graphql.
import { setClientAddress } from '@/graphql/clientAddress'
import { fetchApi } from '@/graphql/apiFetch'
import { setRequestId } from '@/graphql/requestId'
import { apiGraphqlUrl } from '@/graphql/server'

export const dynamic = 'force-dynamic'

const FILES = new Set([
  'unit-payments.csv',
  'unit-payments.xlsx',
  'unit-invoices.csv',
  'unit-invoices.xlsx',
  'region-statistics.csv',
  'region-statistics.xlsx',
])
const PASSED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'x-export-row-count']

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params
  if (!FILES.has(file))
    return new Response('没有这个导出', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  const headers = new Headers()
  for (const name of ['cookie', 'authorization', 'user-agent']) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  setClientAddress(headers)
  setRequestId(headers) // the same X-Request-Id on the API's log line and audit rows
  const url = new URL(apiGraphqlUrl().replace(/\/graphql$/, `/exports/${file}`))
  url.search = new URL(request.url).search
  let upstream: Response
  try {
    upstream = await fetchApi(url, { headers, cache: 'no-store', redirect: 'manual' })
  } catch {
    return new Response('无法连接业务服务，请稍后再试', {
      status: 502,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
  if (!upstream.ok) {
    // The API answers errors as GraphQL-style JSON; a person clicking a link should read a sentence.
    let message = '导出失败，请稍后再试'
    try {
      const body = (await upstream.json()) as { errors?: { message?: string }[] }
      message = body.errors?.[0]?.message ?? message
    } catch {}
    if (upstream.status === 401) message = '请先登录后再导出'
    return new Response(message, { status: upstream.status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  const responseHeaders = new Headers()
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) responseHeaders.set(name, value)
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders })
}
