// The URL转发 server: answers HTTP for every name with a URL_FORWARD record (its A record points here) with the
// redirect the record says, 301 or 302, to the target as written or with the request's path and query appended.
// Any other request gets a bare 404: the same for a name of ours without a forward as for a stranger's host, so
// probing it tells nothing. It holds no data: `lookup` asks the API (lookupThroughApi), and answers are kept for a
// few seconds, so a change in the portal takes effect within `cacheSeconds`.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { URL_FORWARD_LOOKUP_PATH, type UrlForwardLookup } from './lookupProtocol.ts'
import { normalizeHostHeader, splitRegistryName } from './names.ts'

export type LookupForward = (fqdn: string) => Promise<UrlForwardLookup>

export interface ForwarderOptions {
  lookup: LookupForward
  /** How long an answer (a forward or none) is reused; 0 asks for every request. */
  cacheSeconds: number
  /** Most names remembered at once (the oldest go first), so a flood of made-up names cannot grow it without end. */
  cacheEntries?: number
  /**
   * Most lookups waiting on the API at once (one per name: requests for a name already being looked up wait for
   * that answer). Beyond it a request gets 503 at once, so a flood of made-up names costs the API a bounded load.
   */
  maxLookups?: number
  now?: () => number
}

/** The Location of a forward: the target, or with keepPath the target with the request's path and query added. */
export function forwardLocation(target: string, keepPath: boolean, requestTarget: string): string {
  const location = new URL(target)
  if (!keepPath) return location.href
  // Only the path and query are taken, as text set on the target's URL: whatever the path holds (//evil.example,
  // /../) it stays a path on the target's host.
  const queryAt = requestTarget.indexOf('?')
  const pathname = queryAt < 0 ? requestTarget : requestTarget.slice(0, queryAt)
  const query = queryAt < 0 ? '' : requestTarget.slice(queryAt + 1)
  if (pathname !== '/') location.pathname = location.pathname.replace(/\/$/, '') + pathname
  if (query) location.search = location.search ? `${location.search}&${query}` : `?${query}`
  return location.href
}

function bare(response: ServerResponse, status: number, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-length': '0', ...headers })
  response.end()
}

export function createForwarder(options: ForwarderOptions): RequestListener {
  const { lookup, cacheSeconds, cacheEntries = 10_000, maxLookups = 64, now = Date.now } = options
  const cache = new Map<string, { answer: UrlForwardLookup; until: number }>()
  const inFlight = new Map<string, Promise<UrlForwardLookup>>()

  async function lookupAndRemember(fqdn: string): Promise<UrlForwardLookup> {
    const answer = await lookup(fqdn)
    cache.delete(fqdn)
    if (cacheSeconds > 0) {
      cache.set(fqdn, { answer, until: now() + cacheSeconds * 1000 })
      if (cache.size > cacheEntries) cache.delete(cache.keys().next().value!)
    }
    return answer
  }

  /** The answer for a name, or null when too many lookups are waiting already. */
  function answerFor(fqdn: string): Promise<UrlForwardLookup> | null {
    const cached = cache.get(fqdn)
    if (cached && cached.until > now()) return Promise.resolve(cached.answer)
    const waiting = inFlight.get(fqdn)
    if (waiting) return waiting
    if (inFlight.size >= maxLookups) return null
    const started = lookupAndRemember(fqdn).finally(() => inFlight.delete(fqdn))
    inFlight.set(fqdn, started)
    return started
  }

  return (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      // A redirect is all there is: other methods are refused alike for every Host, so they tell nothing.
      if (request.method !== 'GET' && request.method !== 'HEAD') return bare(response, 405, { allow: 'GET, HEAD' })
      // Two Host headers: Node reads the first, a proxy in front may have read the last. Refuse rather than guess.
      if ((request.headersDistinct.host?.length ?? 0) > 1) return bare(response, 400, { connection: 'close' })
      // Only origin-form targets (/path?query); the name comes from Host alone (an absolute-form target's host is
      // never read).
      const requestTarget = request.url ?? ''
      const fqdn = normalizeHostHeader(request.headers.host)
      if (!requestTarget.startsWith('/') || !fqdn || !splitRegistryName(fqdn)) return bare(response, 404)
      let answer: UrlForwardLookup
      try {
        const pending = answerFor(fqdn)
        if (!pending) return bare(response, 503, { 'retry-after': '5' })
        answer = await pending
      } catch (error) {
        console.error('[forwarder] lookup failed:', error instanceof Error ? error.message : error)
        return bare(response, 503, { 'retry-after': '30' })
      }
      if (answer.kind === 'none') return bare(response, 404)
      if (answer.kind === 'loop') return bare(response, 508)
      bare(response, answer.status, { location: forwardLocation(answer.target, answer.keepPath, requestTarget) })
    })().catch(() => {
      if (!response.headersSent) bare(response, 500)
      else response.destroy()
    })
  }
}

/**
 * Asks the API's lookup (http/urlForwardLookup.ts) at `apiUrl`, e.g. http://127.0.0.1:4000, with the shared secret
 * when one is configured (URL_FORWARD_LOOKUP_SECRET; without it the API answers only a caller on its own machine).
 */
export function lookupThroughApi(
  apiUrl: string,
  { secret = null, fetchImpl = fetch }: { secret?: string | null; fetchImpl?: typeof fetch } = {},
): LookupForward {
  return async (fqdn) => {
    const url = new URL(URL_FORWARD_LOOKUP_PATH, apiUrl)
    url.searchParams.set('host', fqdn)
    const headers: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {}
    const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(5000) })
    if (!response.ok) throw new Error(`the API answered ${response.status}`)
    return (await response.json()) as UrlForwardLookup
  }
}

export interface ForwardingServerLimits {
  /** A request's headers must all have arrived within this (slowloris: headers sent a byte at a time). */
  headersTimeoutMs?: number
  /** The whole request within this. */
  requestTimeoutMs?: number
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs?: number
  /**
   * Most connections open at once from one address: beyond it a new one is closed at once, so one client holding
   * many slow connections cannot take every socket. (Behind a reverse proxy every client shares its address: raise
   * it there, and let the proxy limit clients.)
   */
  maxConnectionsPerAddress?: number
}

/** The forwarding server's HTTP listener: the forwarder with the limits a public port needs. */
export function createForwardingServer(options: ForwarderOptions & ForwardingServerLimits): Server {
  const {
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 15_000,
    keepAliveTimeoutMs = 5_000,
    maxConnectionsPerAddress = 64,
  } = options
  // Timeouts are enforced by a sweep every connectionsCheckingInterval (30 s by default, which let a slow client
  // hold a socket for up to 40 s of a 10 s limit): sweep at a fraction of the shortest limit.
  const server = createServer(
    { connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeoutMs / 4))) },
    createForwarder(options),
  )
  server.headersTimeout = headersTimeoutMs
  server.requestTimeout = requestTimeoutMs
  server.keepAliveTimeout = keepAliveTimeoutMs
  const openByAddress = new Map<string, number>()
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? ''
    const open = (openByAddress.get(address) ?? 0) + 1
    if (open > maxConnectionsPerAddress) return socket.destroy()
    openByAddress.set(address, open)
    socket.once('close', () => {
      const left = (openByAddress.get(address) ?? 1) - 1
      if (left > 0) openByAddress.set(address, left)
      else openByAddress.delete(address)
    })
  })
  return server
}
