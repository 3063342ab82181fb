// RDAP on the portal's origin (RDAP_BASE_URL's default): every /rdap/… request passes through to the API's /rdap/…
// as it came, path still percent-encoded, with the client's address (graphql/clientAddress.ts) for the API's
// per-address limit. No cookie or token is passed: RDAP is public and answers everyone alike.
import { setClientAddress } from '@/graphql/clientAddress'
import { fetchApi } from '@/graphql/apiFetch'
import { setRequestId } from '@/graphql/requestId'
import { apiGraphqlUrl } from '@/graphql/server'

export const dynamic = 'force-dynamic'

const PASSED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'retry-after',
  'allow',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
]

async function proxy(request: Request): Promise<Response> {
  const incoming = new URL(request.url)
  const url = new URL(apiGraphqlUrl().replace(/\/graphql$/, incoming.pathname))
  url.search = incoming.search
  const headers = new Headers({ accept: request.headers.get('accept') ?? 'application/rdap+json' })
  setClientAddress(headers)
  setRequestId(headers) // the same X-Request-Id on the API's log line and audit rows
  let upstream: Response
  try {
    upstream = await fetchApi(url, { method: request.method, headers, cache: 'no-store', redirect: 'manual' })
  } catch {
    const body = {
      rdapConformance: ['rdap_level_0'],
      errorCode: 502,
      title: '无法连接业务服务',
      description: ['无法连接业务服务，请稍后再试。', 'The registry service cannot be reached; try again later.'],
    }
    return Response.json(body, {
      status: 502,
      headers: { 'content-type': 'application/rdap+json', 'access-control-allow-origin': '*' },
    })
  }
  const responseHeaders = new Headers()
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) responseHeaders.set(name, value)
  }
  return new Response(request.method === 'HEAD' ? null : upstream.body, {
    status: upstream.status,
    headers: responseHeaders,
  })
}

export const GET = proxy
export const HEAD = proxy
export const OPTIONS = proxy
export const POST = proxy
