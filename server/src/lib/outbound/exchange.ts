// One HTTP exchange of guardedFetch (guardedFetch.ts): a request to one address that already passed the checks,
// over a connection the caller's dialer opens to exactly that address, bounded in bytes and time. Redirects are
// returned, never followed here: guardedFetch judges each one before it asks for the next exchange.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import { connect as tlsConnect } from 'node:tls'

/** Opens a TCP connection to an IP address that passed the checks. */
export type Dial = (address: string, port: number) => Duplex

/** An answer to one exchange. */
export interface ExchangeResponse {
  /** The address that answered (after the redirects followed). */
  url: URL
  status: number
  headers: IncomingHttpHeaders
  /** Empty for a redirect. */
  body: Buffer
  /** The body was longer than maxBytes, or the connection closed early: `body` is its beginning. */
  truncated: boolean
}

/** The statuses that redirect: the answer is returned at once, its body unread. */
export const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** The URL's host without IPv6 brackets or a trailing dot. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
export const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80)

/** The end of a whole request, redirects included: every step gets what time is left. */
export class Deadline {
  constructor(readonly at: number) {}
  get remaining() {
    return Math.max(0, this.at - Date.now())
  }
  /** `work`, or TIMEOUT when the deadline passes first. */
  race<T>(work: Promise<T>, onTimeout: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(onTimeout()), this.remaining)
    })
    return Promise.race([work, expired]).finally(() => clearTimeout(timer))
  }
}

interface Exchange {
  url: URL
  address: string
  port: number
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  maxBytes: number
  dial: Dial
  deadline: Deadline
}

/** The deadline passed (the request is destroyed; guardedFetch reports TIMEOUT). */
export class Timeout extends Error {}

/** One request to one checked address, without following redirects. */
export function exchange({
  url,
  address,
  port,
  method,
  headers,
  body,
  maxBytes,
  dial,
  deadline,
}: Exchange): Promise<ExchangeResponse> {
  return new Promise((done, fail) => {
    const https = url.protocol === 'https:'
    const hostname = hostOf(url)
    const connection = () => {
      const socket = dial(address, port)
      // The certificate must carry the name (the address was only where to connect); no SNI for an IP literal.
      return https
        ? tlsConnect({
            socket,
            host: hostname,
            servername: isIP(hostname) ? undefined : hostname,
            ALPNProtocols: ['http/1.1'],
          })
        : socket
    }
    const req = httpRequest({
      method,
      path: `${url.pathname}${url.search}`,
      headers: {
        host: url.host,
        ...headers,
        ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      },
      createConnection: connection,
    })
    let settled = false
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      req.destroy(new Timeout())
    }, deadline.remaining)
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
    }
    const failWith = (error: unknown) =>
      settle(() => fail(timedOut || error instanceof Timeout ? new Timeout() : error))
    req.on('error', failWith)
    req.on('response', (res) => {
      const status = res.statusCode ?? 0
      const chunks: Buffer[] = []
      let size = 0
      const finish = (truncated: boolean) =>
        settle(() => done({ url, status, headers: res.headers, body: Buffer.concat(chunks, size), truncated }))
      if (REDIRECTS.has(status)) {
        finish(false)
        req.destroy()
        return
      }
      res.on('data', (chunk: Buffer) => {
        const room = maxBytes - size
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
        size += Math.min(chunk.length, room)
        if (size >= maxBytes) {
          finish(true)
          req.destroy()
        }
      })
      res.on('end', () => finish(false))
      // A body cut off after some bytes is still worth looking at, unless the clock ran out.
      const cutOff = (error?: Error) => {
        if (timedOut || size === 0) failWith(error ?? Object.assign(new Error('closed'), { code: 'ECONNRESET' }))
        else finish(true)
      }
      res.on('error', cutOff)
      res.on('close', () => cutOff())
    })
    req.end(body)
  })
}
