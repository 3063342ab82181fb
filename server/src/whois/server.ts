// WHOIS (RFC 3912) on WHOIS_PORT: a client connects, sends one name (U-label or A-label, with .政务 or .公益) ended by
// CRLF, gets the answer in UTF-8 lines (modules/rdap/whoisText.ts: the RDAP facts) and the server closes.
//
// It is a public TCP port, so every way of holding it is bounded:
//   - the query line: at most MAX_QUERY_BYTES before the line end; a longer line, NUL or another control character,
//     invalid UTF-8 or an unpaired surrogate gets one error line and the connection is closed;
//   - time: the whole query must arrive within the timeout of the connection's start (a client that trickles one
//     byte at a time, or never sends the line end, is closed when it runs out, however busy it looks);
//   - per address (the socket's peer: no proxy speaks for anyone here; an IPv6 client by its /64, as RDAP counts):
//     the RDAP bucket's rules (RDAP_RATE_LIMIT_*) for queries (each counted when its line arrives, in the database:
//     one budget across API processes), and at most MAX_CONNECTIONS_PER_ADDRESS open at once (in this process);
//   - in all: at most MAX_CONNECTIONS open connections.
import { createServer, type Server, type Socket } from 'node:net'
import { config } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { limitKeyOf } from '../lib/clientAddress.ts'
import { TokenBuckets } from '../limits/rateLimit.ts'
import { rdapUrl } from '../modules/rdap/common.ts'
import { lookupDomain } from '../modules/rdap/domain.ts'
import { parseNameText } from '../modules/rdap/names.ts'
import { whoisDomainLines, whoisNoMatchLines } from '../modules/rdap/whoisText.ts'
import { LONE_SURROGATE } from '../validation/text.ts'

/** A name is at most 253 octets as an A-label; as U-labels in UTF-8 it stays well under this. */
export const MAX_QUERY_BYTES = 256
export const MAX_CONNECTIONS_PER_ADDRESS = 4
export const MAX_CONNECTIONS = 256

export interface WhoisOptions {
  /** Milliseconds a client has from connecting to its complete query line (default WHOIS_TIMEOUT_SECONDS). */
  timeoutMs?: number
  /** Queries per address per window (default RDAP's). */
  requests?: number
  windowSeconds?: number
  /** The clock for the rate limit (tests drive it). */
  now?: () => number
}

export interface WhoisServer {
  server: Server
  /** The port it listens on (useful with port 0). */
  port: number
  stop(): Promise<void>
}

const CRLF = '\r\n'

/** The query bytes as text, or why they are refused (one line, Chinese and English). */
export function whoisQueryText(bytes: Buffer): { text: string } | { error: string } {
  if (bytes.length > MAX_QUERY_BYTES)
    return { error: `查询过长（不超过 ${MAX_QUERY_BYTES} 字节） Query too long (at most ${MAX_QUERY_BYTES} bytes)` }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return { error: '查询不是有效的 UTF-8 The query is not valid UTF-8' }
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text))
    return { error: '查询含有控制字符 The query holds a control character' }
  if (LONE_SURROGATE.test(text)) return { error: '查询含有不成对的代理字符 The query holds an unpaired surrogate' }
  text = text.replace(/\t/g, ' ').trim()
  if (!text) return { error: '请发送一个 .政务 或 .公益 域名 Send one domain name under .政务 or .公益' }
  return { text }
}

/** The answer lines for a query text (never throws for bad input: a bad name is an error line). */
export async function answerWhoisQuery(prisma: PrismaClient, text: string, now = new Date()): Promise<string[]> {
  const parsed = parseNameText(text)
  if ('problem' in parsed) return [`% ${parsed.problem.zh} ${parsed.problem.en}`]
  const answer = parsed.name && (await lookupDomain(prisma, parsed.name, rdapUrl(`domain/${text}`)))
  return answer ? whoisDomainLines(answer, now) : whoisNoMatchLines(text)
}

export function createWhoisServer(prisma: PrismaClient, options: WhoisOptions = {}): Server {
  const timeoutMs = options.timeoutMs ?? config.whois.timeoutSeconds * 1000
  // In the database: an address has one budget across every API process (limits/rateLimit.ts).
  const buckets = new TokenBuckets<string>(prisma, 'whois', {
    points: options.requests ?? config.rdap.rateLimitRequests,
    windowSeconds: options.windowSeconds ?? config.rdap.rateLimitWindowSeconds,
    now: options.now,
  })
  const openPerAddress = new Map<string, number>()

  const server = createServer({ allowHalfOpen: false }, (socket) => {
    const key = limitKeyOf(socket.remoteAddress) ?? 'unknown'
    const open = (openPerAddress.get(key) ?? 0) + 1
    openPerAddress.set(key, open)
    socket.once('close', () => {
      const left = (openPerAddress.get(key) ?? 1) - 1
      if (left > 0) openPerAddress.set(key, left)
      else openPerAddress.delete(key)
    })
    socket.on('error', () => socket.destroy())

    if (open > MAX_CONNECTIONS_PER_ADDRESS) {
      finish(socket, ['% 来自该地址的连接过多，请稍后再试 Too many connections from this address; try again later'])
      return
    }
    // Spent when the query line arrives: a query costs one point, a connection that never asks costs nothing (the
    // connection limits and the timeout bound those).
    const refusal = () =>
      buckets.spend(key, 1).then(
        (spent): string[] | null => {
          if (spent.allowed) return null
          const seconds = spent.retryAfterSeconds
          return [`% 查询过于频繁，请 ${seconds} 秒后再试 Too many queries; retry in ${seconds} s`]
        },
        (failure: unknown) => {
          console.error('[whois] rate limit failed', failure)
          return ['% 查询失败，请稍后再试 The lookup failed; try again later']
        },
      )
    serveQuery(prisma, socket, timeoutMs, refusal)
  })
  server.maxConnections = MAX_CONNECTIONS
  return server
}

/**
 * Reads one query line within the deadline, answers it and closes. `refusal` spends the query from the address's
 * bucket and resolves to the lines refusing it (over the limit) or null; a refused query is not looked at.
 */
function serveQuery(prisma: PrismaClient, socket: Socket, timeoutMs: number, refusal: () => Promise<string[] | null>) {
  let received = Buffer.alloc(0)
  let answered = false
  const answer = (lines: string[]) => finish(socket, lines)
  const deadline = setTimeout(() => {
    if (answered) return
    answered = true
    answer(['% 等待查询超时 Timed out waiting for the query'])
  }, timeoutMs)
  socket.once('close', () => clearTimeout(deadline))

  socket.on('data', (chunk: Buffer) => {
    if (answered) return
    received = Buffer.concat([received, chunk])
    const end = received.indexOf(0x0a)
    const line = end === -1 ? null : received.subarray(0, end > 0 && received[end - 1] === 0x0d ? end - 1 : end)
    // Refuse as soon as the line cannot be a query any more: too long, or a NUL already in it.
    const early = line === null && (received.length > MAX_QUERY_BYTES + 1 || received.includes(0))
    if (line === null && !early) return
    answered = true
    clearTimeout(deadline)
    socket.pause()
    const bytes = line ?? received
    void refusal().then((lines) => {
      if (lines) {
        answer(lines)
        return
      }
      const query = whoisQueryText(bytes)
      if ('error' in query) {
        answer([`% ${query.error}`])
        return
      }
      answerWhoisQuery(prisma, query.text).then(answer, (failure: unknown) => {
        console.error('[whois] lookup failed', failure)
        answer(['% 查询失败，请稍后再试 The lookup failed; try again later'])
      })
    })
  })
}

function finish(socket: Socket, lines: string[]) {
  if (socket.destroyed) return
  socket.end(lines.map((line) => line + CRLF).join(''), 'utf8')
  // A client that never reads its answer must not hold the socket: it is destroyed shortly after.
  setTimeout(() => socket.destroy(), 5_000).unref()
}

/** Starts WHOIS on `port` (0: any free port) and resolves once it listens; stop() closes every connection. */
export async function startWhoisServer(
  prisma: PrismaClient,
  port: number,
  host: string,
  options: WhoisOptions = {},
): Promise<WhoisServer> {
  const server = createWhoisServer(prisma, options)
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** WHOIS_PORT set: started from the API process (main.ts); unset: off. */
export async function startConfiguredWhoisServer(prisma: PrismaClient): Promise<WhoisServer | null> {
  if (config.whois.port === null) return null
  const whois = await startWhoisServer(prisma, config.whois.port, config.whois.host)
  console.log(`[whois] WHOIS (RFC 3912) on ${config.whois.host}:${whois.port}`)
  return whois
}
