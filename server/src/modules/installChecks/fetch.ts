// Fetching a unit's self-built site and looking for its badge snippet (安装检测). No database here: one function
// that GETs http://<englishDomain>/ through the guarded outbound fetch (lib/outbound: public addresses only, ports
// 80/443, every redirect checked again; here redirects are also kept within that domain) and one that reads the HTML.
import { badgeScriptPath } from '../badges/snippet.ts'
import {
  guardedFetch,
  OutboundError,
  PUBLIC,
  type OutboundOptions,
  type OutboundResponse,
} from '../../lib/outbound/guardedFetch.ts'

export interface FetchOptions {
  /** Test seams for resolution and the TCP dial (never from configuration). */
  outbound?: OutboundOptions
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
  /** No usable page: no HTTP answer at all (refused, timeout, DNS, TLS), a page over the size limit, a redirect loop. */
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
  nonPublic: '域名解析到非公网地址，已拒绝检测',
  redirectNonPublic: '跳转到非公网地址，已拒绝检测',
  port: '端口不允许（仅允许 80 和 443）',
  redirectPort: '跳转到不允许的端口，已拒绝检测（仅允许 80 和 443）',
  badResponse: '网站响应无效',
  tooLarge: `网页超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，未能检测完`,
  error: '检测出错',
} as const

/**
 * What a unit is told about a refused or failed request: a category in Chinese, never Node's error code or which
 * address or port answered (the check must not work as a scanner).
 */
export function failureDetail(error: OutboundError): string {
  switch (error.reason) {
    case 'NON_PUBLIC_ADDRESS':
      return error.redirected ? DETAIL.redirectNonPublic : DETAIL.nonPublic
    case 'PORT_NOT_ALLOWED':
      return error.redirected ? DETAIL.redirectPort : DETAIL.port
    case 'INVALID_URL':
    case 'SCHEME_NOT_ALLOWED':
      return `${DETAIL.unreachable}（域名无效）`
    case 'BAD_REDIRECT':
      return DETAIL.badRedirect
    case 'TOO_MANY_REDIRECTS':
      return DETAIL.tooManyRedirects
    case 'DNS_FAILED':
      return `${DETAIL.unreachable}（域名无法解析）`
    case 'TIMEOUT':
      return DETAIL.timeout
    case 'CONNECTION_RESET':
      return `${DETAIL.unreachable}（连接被重置）`
    case 'TLS_FAILED':
      return `${DETAIL.unreachable}（证书或加密连接错误）`
    case 'BAD_RESPONSE':
      return DETAIL.badResponse
    case 'CONNECT_FAILED':
      return DETAIL.unreachable
    case 'NOT_CONFIGURED':
      return DETAIL.error
  }
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

const sameHost = (a: string, b: string) => a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '')

/**
 * What one fetch of a site gave: a page to look for snippets in (`html`), or why there is none (`detail`). One fetch
 * serves every badge registered on the domain.
 */
export interface SitePage {
  /** The last address requested (after redirects within the domain). */
  url: string
  httpStatus: number | null
  /** No usable page: no answer, a page over the size limit, a redirect loop. */
  failed: boolean
  /** The decoded page when it answered 2xx in full; otherwise null and `detail` says why. */
  html: string | null
  detail: string
}

/** GET http://<englishDomain>/ once. Never throws. */
export async function fetchSite(englishDomain: string, options: FetchOptions = {}): Promise<SitePage> {
  const start = `http://${englishDomain}/`
  let response: OutboundResponse
  try {
    response = await guardedFetch({
      url: start,
      destination: PUBLIC,
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_BODY_BYTES,
      maxRedirects: MAX_REDIRECTS,
      // The snippet must be on the registered domain: a redirect elsewhere is reported, not followed.
      followRedirect: (next) => sameHost(next.hostname, englishDomain),
      outbound: options.outbound,
    })
  } catch (error) {
    if (!(error instanceof OutboundError))
      return { url: start, httpStatus: null, failed: true, html: null, detail: DETAIL.error }
    // A refused redirect still had an answer (its status), which says the site is there (missing), except for a
    // redirect loop, which never leads to a page (failed).
    return {
      url: error.url,
      httpStatus: error.status ?? null,
      failed: error.status === undefined || error.reason === 'TOO_MANY_REDIRECTS',
      html: null,
      detail: failureDetail(error),
    }
  }
  const { status, url } = response
  if (response.location) {
    const detail = `跳转到其他域名：${response.location.host}`.slice(0, 500)
    return { url: url.href, httpStatus: status, failed: false, html: null, detail }
  }
  if (status < 200 || status >= 300)
    return { url: url.href, httpStatus: status, failed: false, html: null, detail: `HTTP 状态 ${status}` }
  // Cut off at the limit, the page's end (and its last </body>) was never seen: nothing can be said of it.
  if (response.truncated && response.body.length >= MAX_BODY_BYTES)
    return { url: url.href, httpStatus: status, failed: true, html: null, detail: DETAIL.tooLarge }
  const html = decodeHtml(response.body, response.headers['content-type'])
  return { url: url.href, httpStatus: status, failed: false, html, detail: '' }
}

/** One badge's outcome from its site's page. */
export function outcomeFor(page: SitePage, badgeNumber: string): CheckOutcome {
  const { url, httpStatus, failed } = page
  if (page.html === null) return { url, httpStatus, snippetFound: false, detail: page.detail, failed }
  const { found, detail } = findSnippet(page.html, badgeNumber)
  return { url, httpStatus, snippetFound: found, detail, failed: false }
}

/** GET http://<englishDomain>/ and look for the badge's snippet. Never throws. */
export async function checkSite(
  englishDomain: string,
  badgeNumber: string,
  options: FetchOptions = {},
): Promise<CheckOutcome> {
  return outcomeFor(await fetchSite(englishDomain, options), badgeNumber)
}
