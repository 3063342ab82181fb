// Every outbound HTTP request the server makes goes through guardedFetch, with one of two destinations:
// - public: an address a user controls (a unit's own site for the installation check, anything later). The name is
//   resolved here (every A and AAAA answer) and refused if any answer is not a public address (addresses.ts); the
//   connection goes to exactly the address that was checked (an IP literal, no second resolution, so a DNS answer
//   that changes between check and connect cannot move it: DNS rebinding); ports 80 and 443 only; each redirect is
//   checked again the same way; redirects, bytes and the total time are bounded.
// - configured: an address an operator set (the SMS gateway from SMS_HTTP_URL). It may be internal, so the address
//   classes are not checked, but nothing other than that origin is reached and redirects are never followed.
// There is no switch that turns the checks off. Tests replace only name resolution and the final TCP dial
// (OutboundOptions, passed in code: see createApp's `outbound`), so every check still runs.
import { lookup } from 'node:dns/promises'
import { connect as tcpConnect, isIP } from 'node:net'
import { classifyAddress } from './addresses.ts'
import { Deadline, type Dial, exchange, type ExchangeResponse, hostOf, portOf, REDIRECTS, Timeout } from './exchange.ts'

/** Every address a host name resolves to. */
export type Resolve = (hostname: string) => Promise<string[]>
export type { Dial } from './exchange.ts'

/**
 * Test seams, set only from code (createApp({ outbound }), the services' options), never from configuration.
 * Both run after and inside the checks: a test's resolver answers are classified like real ones, and the dialer
 * is called only with an address (and port) that passed.
 */
export interface OutboundOptions {
  resolve?: Resolve
  dial?: Dial
}

export type Destination = { kind: 'public' } | { kind: 'configured'; url: string }

/** A destination a user controls. */
export const PUBLIC: Destination = { kind: 'public' }
export const PUBLIC_PORTS: readonly number[] = [80, 443]
export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_MAX_REDIRECTS = 5
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024

export interface OutboundRequest {
  url: string
  destination: Destination
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** For the whole request, resolution and redirects included. */
  timeoutMs?: number
  /** The body is cut off after this many bytes (truncated: true). */
  maxBytes?: number
  /** Public destinations only; configured ones never follow a redirect. */
  maxRedirects?: number
  /**
   * The caller's own rule for a redirect the guard would follow (the installation check stays on the registered
   * domain). false: the redirect response is returned as it is, with `location`.
   */
  followRedirect?: (next: URL, from: URL) => boolean
  outbound?: OutboundOptions
}

export interface OutboundResponse extends ExchangeResponse {
  /** A redirect that was not followed: where it pointed. */
  location?: URL
}

export type OutboundFailure =
  | 'INVALID_URL'
  | 'SCHEME_NOT_ALLOWED'
  | 'PORT_NOT_ALLOWED'
  | 'NON_PUBLIC_ADDRESS'
  | 'NOT_CONFIGURED'
  | 'DNS_FAILED'
  | 'TIMEOUT'
  | 'CONNECT_FAILED'
  | 'CONNECTION_RESET'
  | 'TLS_FAILED'
  | 'BAD_RESPONSE'
  | 'BAD_REDIRECT'
  | 'TOO_MANY_REDIRECTS'

/**
 * A request refused or failed. Refusals of a redirect name the page that redirected (`url`) and its `status`;
 * failures of a request name its own `url` and have no status. The message is for operators' logs; what a user
 * sees is made from `reason` alone (it must not tell which internal address or port answered what).
 */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundFailure,
    readonly url: string,
    /** The failure happened after at least one redirect. */
    readonly redirected: boolean,
    readonly status?: number,
    cause?: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code
    super(`${reason}${code ? ` (${code})` : ''}`, { cause })
    this.name = 'OutboundError'
  }
}

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS). */
export const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((answer) => answer.address)
const tcpDial: Dial = (address, port) => tcpConnect({ host: address, port })

/** Which of a name's addresses a request connects to: the first IPv4 answer, else the first. */
export const connectAddress = (addresses: readonly string[]): string =>
  addresses.find((candidate) => isIP(candidate) === 4) ?? addresses[0]!

function parseUrl(text: string, base?: URL): URL | null {
  try {
    return new URL(text, base)
  } catch {
    return null
  }
}

/** What can be judged from the URL alone, before any lookup; null: nothing. */
function refusalOf(url: URL, configuredOrigin: string | null): OutboundFailure | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'SCHEME_NOT_ALLOWED'
  if (configuredOrigin !== null) return url.origin === configuredOrigin ? null : 'NOT_CONFIGURED'
  if (!PUBLIC_PORTS.includes(portOf(url))) return 'PORT_NOT_ALLOWED'
  const host = hostOf(url)
  return isIP(host) && !classifyAddress(host).public ? 'NON_PUBLIC_ADDRESS' : null
}

/** What failed at the network level, from Node's error codes. */
function failureOf(error: unknown): OutboundFailure {
  const code = String((error as NodeJS.ErrnoException)?.code ?? '')
  if (code === 'ETIMEDOUT') return 'TIMEOUT'
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'CONNECTION_RESET'
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'EPROTO')
    return 'TLS_FAILED'
  if (code.startsWith('HPE_')) return 'BAD_RESPONSE'
  return 'CONNECT_FAILED'
}

/**
 * Sends one request to a destination under its rules and returns the answer. Throws OutboundError only.
 * A public destination's answers are all checked before any connection opens; the connection goes to the first
 * IPv4 answer (else the first IPv6 one).
 */
export async function guardedFetch(request: OutboundRequest): Promise<OutboundResponse> {
  const { destination } = request
  const deadline = new Deadline(Date.now() + (request.timeoutMs ?? DEFAULT_TIMEOUT_MS))
  const resolve = request.outbound?.resolve ?? systemResolve
  const dial = request.outbound?.dial ?? tcpDial
  const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const first = parseUrl(request.url)
  if (!first) throw new OutboundError('INVALID_URL', request.url, false)
  let url = first
  const configuredOrigin = destination.kind === 'configured' ? new URL(destination.url).origin : null
  let method = request.method ?? 'GET'
  let body = request.body
  const headers = { ...request.headers }
  /** The redirect that led to `url`, if any: refusals of its target are reported against it. */
  let via: { url: URL; status: number } | null = null
  // A redirect's target is judged the same way where the redirect is read, below.
  const refusal = refusalOf(url, configuredOrigin)
  if (refusal) throw new OutboundError(refusal, url.href, false)

  for (let redirects = 0; ; redirects += 1) {
    const refuse = (reason: OutboundFailure) =>
      new OutboundError(reason, (via?.url ?? url).href, via !== null, via?.status)
    const failure = (reason: OutboundFailure, cause?: unknown) =>
      new OutboundError(reason, url.href, via !== null, undefined, cause)

    const hostname = hostOf(url)
    const port = portOf(url)

    // Every answer is checked; the one connected to is one of them, as an IP literal (no second lookup).
    let addresses: string[]
    if (isIP(hostname)) {
      addresses = [hostname]
    } else {
      try {
        addresses = await deadline.race(resolve(hostname), () => new Timeout())
      } catch (error) {
        throw failure(error instanceof Timeout ? 'TIMEOUT' : 'DNS_FAILED', error)
      }
      if (!addresses.length || addresses.some((address) => isIP(address) === 0)) throw failure('DNS_FAILED')
      if (configuredOrigin === null && addresses.some((address) => !classifyAddress(address).public))
        throw refuse('NON_PUBLIC_ADDRESS')
    }
    const address = connectAddress(addresses)

    let response: ExchangeResponse
    try {
      response = await exchange({
        url,
        address,
        port,
        method,
        headers,
        body,
        maxBytes: request.maxBytes ?? DEFAULT_MAX_BYTES,
        dial,
        deadline,
      })
    } catch (error) {
      throw failure(error instanceof Timeout ? 'TIMEOUT' : failureOf(error), error)
    }
    if (!REDIRECTS.has(response.status)) return response

    const location = response.headers.location
    const next = location ? parseUrl(location, url) : null
    if (configuredOrigin !== null) return next ? { ...response, location: next } : response
    if (!next) throw new OutboundError('BAD_REDIRECT', url.href, true, response.status)
    via = { url, status: response.status }
    // Refused before the caller's rule is asked, so a redirect to an internal address always says so.
    const redirectRefusal = refusalOf(next, null)
    if (redirectRefusal) throw refuse(redirectRefusal === 'SCHEME_NOT_ALLOWED' ? 'BAD_REDIRECT' : redirectRefusal)
    if (request.followRedirect && !request.followRedirect(next, url)) return { ...response, location: next }
    if (redirects >= maxRedirects) throw refuse('TOO_MANY_REDIRECTS')
    // As browsers do: 303 (and 301/302 after a POST) continue as GET without a body; credentials stay on their origin.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET'
      body = undefined
    }
    if (next.origin !== url.origin) {
      delete headers.authorization
      delete headers.cookie
    }
    url = next
  }
}
