// The browser's GraphQL endpoint: a same-origin proxy to the API, so the API's httpOnly session cookie is set on,
// and sent back to, the portal's own origin. Unlike a rewrite in next.config, API_URL is read at run time.
import { setClientAddress } from '@/graphql/clientAddress'
import { fetchApi } from '@/graphql/apiFetch'
import { setRequestId } from '@/graphql/requestId'
import { apiGraphqlUrl } from '@/graphql/server'

export const dynamic = 'force-dynamic'

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'cookie', 'user-agent', 'authorization']

async function proxy(request: Request): Promise<Response> {
  const headers = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  // The API limits logins and SMS codes per client address and writes it in the audit log: tell it the address the
  // portal's server saw, never one the client wrote (graphql/clientAddress.ts).
  setClientAddress(headers)
  setRequestId(headers) // the same X-Request-Id on the API's log line and audit rows
  const url = new URL(apiGraphqlUrl())
  url.search = new URL(request.url).search
  let upstream: Response
  try {
    upstream = await fetchApi(url, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      cache: 'no-store',
      redirect: 'manual',
    })
  } catch {
    return Response.json(
      { errors: [{ message: '无法连接业务服务，请稍后再试', extensions: { code: 'API_UNAVAILABLE' } }] },
      { status: 502 },
    )
  }
  const responseHeaders = new Headers()
  for (const name of ['content-type', 'cache-control']) {
    const value = upstream.headers.get(name)
    if (value) responseHeaders.set(name, value)
  }
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie)
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders })
}

export const GET = proxy
export const POST = proxy
