// The portal's server: the built Next.js app behind a plain Node listener that finds out who the client is.
// Next copies a client-sent X-Forwarded-For through (it only fills the header in when it is missing), so nothing
// inside the app can tell the peer's address from headers. Here, before Next sees a request, the client's address
// is taken from the socket, or, when the peer is a proxy listed in PORTAL_TRUSTED_PROXIES (default: none), from the
// right-most X-Forwarded-For hop that is not such a proxy (the API's own rule: server/src/lib/clientAddress.ts).
// The client's forwarding headers are dropped, X-Forwarded-For becomes that one address, and the address is kept
// in an AsyncLocalStorage for the request, which graphql/clientAddress.ts reads when the /graphql and /exports
// proxies and server components call the API. Each request also gets its request id: X-Request-Id as nginx set it
// when well-formed (server/src/observability/requestId.ts), else a fresh one; it is answered back as X-Request-Id and
// kept in a second AsyncLocalStorage that graphql/requestId.ts reads, so the API's log lines and audit rows of the
// calls made for the request carry the same id. Before any of that, requests Next cannot handle (methods other than
// GET, HEAD and POST, broken percent-encoding, what node's parser refuses) are answered here with the portal's
// security headers (security/refusals.ts). Started by `npm start -w web` (WEB_HOST, WEB_PORT).
import { AsyncLocalStorage } from 'node:async_hooks'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

process.env.NODE_ENV ??= 'production'
process.env.NEXT_TELEMETRY_DISABLED ??= '1'

const dir = path.dirname(fileURLToPath(import.meta.url))
const hostname = process.env.WEB_HOST || '127.0.0.1'
const port = Number(process.env.WEB_PORT || 3000)
/** @type {typeof import('../server/src/lib/clientAddress.ts')} */
const { clientAddressFrom, parseTrustedProxies } = await tsImport('../server/src/lib/clientAddress.ts', import.meta.url)
/** @type {typeof import('./security/headers.ts')} */
const { portalSecurityHeaders } = await tsImport('./security/headers.ts', import.meta.url)
/** @type {typeof import('./security/refusals.ts')} */
const { parserErrorStatus, rawHttpResponse, refusal, refuseRequest } = await tsImport(
  './security/refusals.ts',
  import.meta.url,
)
/** @type {typeof import('./graphql/apiFetch.ts')} */
const { apiOrigins } = await tsImport('./graphql/apiFetch.ts', import.meta.url)
/** @type {typeof import('../server/src/observability/requestId.ts')} */
const { REQUEST_ID_HEADER, requestIdFrom } = await tsImport('../server/src/observability/requestId.ts', import.meta.url)
const trustedProxies = parseTrustedProxies(process.env.PORTAL_TRUSTED_PROXIES || 'none', 'PORTAL_TRUSTED_PROXIES')

/** Headers a client could use to name an address: never passed on as the client wrote them. */
const CLIENT_ADDRESS_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded']
/** Shared with graphql/clientAddress.ts (bundled by Next, so the two meet on globalThis). */
const clientAddress = new AsyncLocalStorage()
globalThis[Symbol.for('conac.portal.clientAddress')] = clientAddress
/** Shared with graphql/requestId.ts the same way. */
const requestIds = new AsyncLocalStorage()
globalThis[Symbol.for('conac.portal.requestId')] = requestIds

const { default: next } = await import('next')
const app = next({ dev: false, dir, hostname, port })
await app.prepare()
const handle = app.getRequestHandler()

/**
 * This process's health, for the production shape's supervisor, systemd and monitoring (as the API's /healthz and
 * /readyz): /healthz is 200 while the process serves; /readyz is 200 when an API process it sends requests to
 * (API_URL) is ready itself (its /readyz: the database answers, the migrations are applied), else 503: a portal
 * whose API is away can only show errors.
 */
async function portalHealth(pathname) {
  if (pathname === '/healthz') return { status: 200, body: { status: 'alive' } }
  for (const origin of apiOrigins()) {
    try {
      const response = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2_000), cache: 'no-store' })
      if (response.ok) return { status: 200, body: { status: 'ready' } }
    } catch {
      /* not this one */
    }
  }
  return { status: 503, body: { status: 'unready', reason: 'no API process is ready' } }
}

/** Answers a request with a refusal of security/refusals.ts (security headers, a short sentence). */
function answer(res, { status, headers, body }) {
  res.writeHead(status, headers).end(body)
}

// requireHostHeader: false, because refuseRequest checks Host itself and answers with the security headers.
const server = createServer({ requireHostHeader: false }, (req, res) => {
  const refused = refuseRequest({
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    host: req.headers.host,
  })
  if (refused) return answer(res, refused)
  const address = clientAddressFrom(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies)
  for (const name of CLIENT_ADDRESS_HEADERS) delete req.headers[name]
  if (address) req.headers['x-forwarded-for'] = address
  // Only a well-formed id is believed (it ends up in log lines and audit rows); anything else is replaced.
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER])
  req.headers[REQUEST_ID_HEADER] = requestId
  res.setHeader('X-Request-Id', requestId)
  // The policy on every response, also the few Next sends without running proxy.ts (its trailing-slash and "//"
  // redirects); proxy.ts replaces these with the same headers carrying the nonce the page is rendered with.
  for (const [name, value] of Object.entries(portalSecurityHeaders(req.url.split('?', 1)[0])))
    res.setHeader(name, value)
  const pathname = req.url.split('?', 1)[0]
  if ((req.method === 'GET' || req.method === 'HEAD') && (pathname === '/healthz' || pathname === '/readyz')) {
    void portalHealth(pathname).then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body))
    })
    return
  }
  requestIds.run(requestId, () =>
    clientAddress.run(address, () =>
      handle(req, res).catch((error) => {
        console.error(`[portal] request failed (X-Request-Id ${requestId})`, error)
        if (!res.headersSent) answer(res, refusal(500, req.url))
        else res.end()
      }),
    ),
  )
})
// Requests node's parser refuses (an unknown method, a malformed request line or header, headers too large) never
// reach the handler above: answered here like node would, plus the security headers.
server.on('clientError', (error, socket) => {
  if (!socket.writable || socket._httpMessage?.headersSent || error.code === 'ECONNRESET') return socket.destroy()
  socket.end(rawHttpResponse(refusal(parserErrorStatus(error.code))))
})
// CONNECT (a tunnel) has its own event; without a listener node would drop the connection without an answer.
server.on('connect', (req, socket) => socket.end(rawHttpResponse(refusal(405))))
server.listen(port, hostname, () => {
  const proxies = trustedProxies.entries.length
    ? `, trusting X-Forwarded-For from ${trustedProxies.entries.join(', ')}`
    : ''
  console.log(`[portal] Ready on http://${hostname}:${port}${proxies}`)
})

async function shutdown(signal) {
  console.log(`[portal] ${signal}: closing`)
  server.close()
  await app.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
