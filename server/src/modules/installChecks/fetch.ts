// Fetching a unit's self-built site and looking for its badge snippet (安装检测). No database here: one function
// that GETs http://<englishDomain>/ (following redirects only within that domain) and one that reads the HTML.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { badgeScriptPath } from '../badges/snippet.ts'

/** Where to connect for a host name; undefined = system DNS and the URL's port (80/443). */
export type Resolver = (hostname: string) => { host: string; port: number } | undefined

export interface FetchOptions {
  resolve?: Resolver
  /** For the whole check, redirects included. Default 10 s. */
  timeoutMs?: number
}

export interface CheckOutcome {
  /** The last address requested (after redirects within the domain). */
  url: string
  httpStatus: number | null
  snippetFound: boolean
  /** Chinese, shown to units and offices as it is. */
  detail: string
  /** True when no HTTP answer was had at all (timeout, connection refused, DNS, TLS). */
  failed: boolean
}

export const DEFAULT_TIMEOUT_MS = 10_000
export const MAX_REDIRECTS = 5
export const MAX_BODY_BYTES = 2 * 1024 * 1024
/** ASCII only: HTTP header values cannot carry Chinese. */
const USER_AGENT = 'CONAC-BadgeInstallCheck/1.0 (website badge installation check)'

export const DETAIL = {
  found: '已找到标识代码',
  missing: '未找到标识代码',
  notBeforeBody: '标识代码不在 </body> 之前',
  timeout: '连接超时',
  unreachable: '无法连接',
  tooManyRedirects: `跳转次数超过 ${MAX_REDIRECTS} 次`,
  badRedirect: '跳转地址无效',
} as const

/**
 * "www.a.gov.cn=127.0.0.1:8080,www.b.gov.cn=127.0.0.1:8081" (env INSTALL_CHECK_HOSTS, for demos) as a resolver;
 * undefined when the variable is empty.
 */
export function resolverFromEnv(value = process.env.INSTALL_CHECK_HOSTS): Resolver | undefined {
  if (!value?.trim()) return undefined
  const table = new Map<string, { host: string; port: number }>()
  for (const entry of value.split(',')) {
    const [name, target] = entry.split('=').map((s) => s.trim())
    if (!name || !target) continue
    const colon = target.lastIndexOf(':')
    const host = colon > 0 ? target.slice(0, colon) : target
    const port = colon > 0 ? Number(target.slice(colon + 1)) : 80
    if (host && Number.isInteger(port) && port > 0 && port < 65536) table.set(name.toLowerCase(), { host, port })
  }
  return (hostname) => table.get(hostname.toLowerCase())
}

class CheckTimeout extends Error {}

interface Response {
  status: number
  headers: IncomingMessage['headers']
  body: Buffer
}

/** One GET, without following redirects; reads at most MAX_BODY_BYTES of the body. */
function get(url: URL, resolve: Resolver | undefined, deadline: number): Promise<Response> {
  return new Promise((done, fail) => {
    const target = resolve?.(url.hostname)
    const https = url.protocol === 'https:'
    const request = https ? httpsRequest : httpRequest
    const req = request({
      protocol: url.protocol,
      host: target?.host ?? url.hostname,
      port: target?.port ?? (url.port ? Number(url.port) : https ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      // The registered domain, whatever address we connect to (and for TLS, the name the certificate must carry).
      headers: { host: url.host, 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      servername: https ? url.hostname : undefined,
    })
    const remaining = Math.max(0, deadline - Date.now())
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      req.destroy(new CheckTimeout())
    }, remaining)
    const finish = (fn: () => void) => {
      clearTimeout(timer)
      fn()
    }
    req.on('error', (error) => finish(() => fail(timedOut ? new CheckTimeout() : error)))
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      let ended = false
      const end = () => {
        if (ended) return
        ended = true
        finish(() => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) }))
      }
      // Redirects and errors: the body does not matter.
      if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
        res.resume()
        end()
        req.destroy()
        return
      }
      res.on('data', (chunk: Buffer) => {
        if (ended) return
        const room = MAX_BODY_BYTES - size
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
        size += Math.min(chunk.length, room)
        if (size >= MAX_BODY_BYTES) {
          end()
          req.destroy()
        }
      })
      res.on('end', end)
      // A page cut off after some bytes is still worth looking at, unless the clock ran out.
      const cutOff = (error?: Error) => {
        if (ended) return
        if (timedOut || size === 0) finish(() => fail(timedOut ? new CheckTimeout() : (error ?? new Error('closed'))))
        else end()
      }
      res.on('error', cutOff)
      res.on('close', () => cutOff())
    })
    req.end()
  })
}

/** The charset of the page: Content-Type first, then a <meta> in the first 2 KB; default UTF-8. */
export function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]
  const head = body.subarray(0, 2048).toString('latin1')
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
  const label = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase()
  const normalised = label === 'gb2312' || label === 'gbk' || label === 'x-gbk' ? 'gbk' : label
  try {
    return new TextDecoder(normalised).decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

/** The value of the src attribute of one start tag, or null. */
function srcOf(tag: string): string | null {
  const match = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag)
  return match ? (match[1] ?? match[2] ?? match[3] ?? '').trim() : null
}

/**
 * Whether the HTML carries this badge's script tag before the last </body>. The script address may be on any
 * host (the portal may move), but its path must end in badgeScriptPath(badgeNumber); a query string is ignored.
 * HTML comments do not count.
 */
export function findSnippet(html: string, badgeNumber: string): { found: boolean; detail: string } {
  const text = html.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length))
  const expected = badgeScriptPath(badgeNumber)
  const lastBodyEnd = text.toLowerCase().lastIndexOf('</body')
  let present = false
  for (const match of text.matchAll(/<script\b[^>]*>/gi)) {
    const src = srcOf(match[0])
    if (!src) continue
    const path = src.split(/[?#]/, 1)[0]!
    if (!path.endsWith(expected)) continue
    present = true
    if (lastBodyEnd >= 0 && match.index! < lastBodyEnd) return { found: true, detail: DETAIL.found }
  }
  return { found: false, detail: present ? DETAIL.notBeforeBody : DETAIL.missing }
}

function networkDetail(error: unknown): string {
  if (error instanceof CheckTimeout) return DETAIL.timeout
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ETIMEDOUT') return DETAIL.timeout
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${DETAIL.unreachable}（域名无法解析）`
  if (code === 'ECONNREFUSED') return `${DETAIL.unreachable}（连接被拒绝）`
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${DETAIL.unreachable}（连接被重置）`
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) return `${DETAIL.unreachable}（证书或加密连接错误）`
  return code ? `${DETAIL.unreachable}（${code}）` : DETAIL.unreachable
}

const sameHost = (a: string, b: string) => a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '')

/** GET http://<englishDomain>/ and look for the badge's snippet. Never throws. */
export async function checkSite(englishDomain: string, badgeNumber: string, options: FetchOptions = {}): Promise<CheckOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  let url: URL
  try {
    url = new URL(`http://${englishDomain}/`)
  } catch {
    return { url: `http://${englishDomain}/`, httpStatus: null, snippetFound: false, detail: `${DETAIL.unreachable}（域名无效）`, failed: true }
  }
  for (let redirects = 0; ; redirects += 1) {
    let response: Response
    try {
      response = await get(url, options.resolve, deadline)
    } catch (error) {
      return { url: url.href, httpStatus: null, snippetFound: false, detail: networkDetail(error), failed: true }
    }
    const { status } = response
    if (status >= 300 && status < 400 && status !== 304) {
      const location = response.headers.location
      let next: URL | null = null
      try {
        next = location ? new URL(location, url) : null
      } catch {
        next = null
      }
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        return { url: url.href, httpStatus: status, snippetFound: false, detail: DETAIL.badRedirect, failed: false }
      }
      if (!sameHost(next.hostname, englishDomain)) {
        return { url: url.href, httpStatus: status, snippetFound: false, detail: `跳转到其他域名：${next.host}`.slice(0, 500), failed: false }
      }
      if (redirects >= MAX_REDIRECTS) return { url: url.href, httpStatus: status, snippetFound: false, detail: DETAIL.tooManyRedirects, failed: false }
      url = next
      continue
    }
    if (status < 200 || status >= 300) return { url: url.href, httpStatus: status, snippetFound: false, detail: `HTTP 状态 ${status}`, failed: false }
    const html = decodeHtml(response.body, response.headers['content-type'])
    const { found, detail } = findSnippet(html, badgeNumber)
    return { url: url.href, httpStatus: status, snippetFound: found, detail, failed: false }
  }
}
