// The URL转发 server: answers HTTP for every name with a URL_FORWARD record (its A record points here) with the
// redirect the record says, 301 or 302, to the target as written or with the request's path and query appended.
// Any other request gets a bare 404: the same for a name of ours without a forward as for a stranger's host, so
// probing it tells nothing. It holds no data: `lookup` asks the API (lookupThroughApi), and answers are kept for a
// few seconds, so a change in the portal takes effect within `cacheSeconds`.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { URL_FORWARD_LOOKUP_PATH, type UrlForwardLookup } from './lookupProtocol.ts'
import { normalizeHostHeader, splitRegistryName } from './names.ts'

export type LookupForward = (fqdn: string) => Promise<UrlForwardLookup>

export interface ForwarderOptions {
  lookup: LookupForward
  /** How long an answer (a forward or none) is reused; 0 asks for every request. */
  cacheSeconds: number
  /** Most names remembered at once (the oldest go first), so a flood of made-up names cannot grow it without end. */
  cacheEntries?: number
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
  const { lookup, cacheSeconds, cacheEntries = 10_000, now = Date.now } = options
  const cache = new Map<string, { answer: UrlForwardLookup; until: number }>()

  async function answerFor(fqdn: string): Promise<UrlForwardLookup> {
    const cached = cache.get(fqdn)
    if (cached && cached.until > now()) return cached.answer
    const answer = await lookup(fqdn)
    cache.delete(fqdn)
    if (cacheSeconds > 0) {
      cache.set(fqdn, { answer, until: now() + cacheSeconds * 1000 })
      if (cache.size > cacheEntries) cache.delete(cache.keys().next().value!)
    }
    return answer
  }

  return (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      // Only origin-form targets (/path?query); the name comes from Host alone.
      const requestTarget = request.url ?? ''
      const fqdn = normalizeHostHeader(request.headers.host)
      if (!requestTarget.startsWith('/') || !fqdn || !splitRegistryName(fqdn)) return bare(response, 404)
      let answer: UrlForwardLookup
      try {
        answer = await answerFor(fqdn)
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

/** Asks the API's lookup (http/urlForwardLookup.ts) at `apiUrl`, e.g. http://127.0.0.1:4000. */
export function lookupThroughApi(apiUrl: string, fetchImpl: typeof fetch = fetch): LookupForward {
  return async (fqdn) => {
    const url = new URL(URL_FORWARD_LOOKUP_PATH, apiUrl)
    url.searchParams.set('host', fqdn)
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(5000) })
    if (!response.ok) throw new Error(`the API answered ${response.status}`)
    return (await response.json()) as UrlForwardLookup
  }
}
