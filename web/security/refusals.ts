// What the portal's own server (server.mjs) answers itself, before a request reaches Next: requests Next would
// answer with a 500 and a stack in the log, or not at all. Each answer is a short Chinese sentence with the same
// security headers as every other response (security/headers.ts), and the portal goes on serving.
//
// - Methods: the portal has pages and route handlers for GET and HEAD, and POST for /graphql and server actions.
//   Anything else (PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT, WebDAV verbs, made-up tokens) is 405 with Allow.
//   Nothing needs OPTIONS: the browser reaches /graphql same-origin (no CORS preflight), and other sites embed the
//   badge with <script>/<img>, which send no preflight either.
// - The request target must be a path ("/..."), percent-encoded as UTF-8: Next decodes route segments and throws on
//   "%", "%ff" or "%c0%af". Absolute-form targets ("GET http://host/path") come only from clients that take the
//   portal for a forward proxy, and Next would answer them with a redirect to the host they name.
// - Requests Node's HTTP parser refuses (an unknown method, bytes that are not allowed in a request line or header,
//   headers too large) are answered here too (server.mjs's clientError handler), instead of Node's bare answer.
import { portalSecurityHeaders } from './headers'

/** The methods the portal serves; everything else is 405. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const

export interface Refusal {
  status: number
  /** Response headers: the security headers, content type, no caching, Allow on a 405 */
  headers: Record<string, string>
  body: string
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
}

const TEXTS: Record<number, string> = {
  400: '请求无效',
  405: '不支持该请求方法',
  408: '请求超时',
  413: '请求内容过大',
  431: '请求头过大',
  500: '服务器内部错误',
}

/** The answer with this status (and optionally a more precise sentence), for the request path given. */
export function refusal(status: number, path = '/', text = TEXTS[status] ?? TEXTS[400]!): Refusal {
  const body = `${text}\n`
  const headers: Record<string, string> = {
    ...portalSecurityHeaders(path.split('?', 1)[0]!),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  }
  if (status === 405) headers.allow = ALLOWED_METHODS.join(', ')
  return { status, headers, body }
}

/** Whether every %XX in the path decodes, and the bytes are UTF-8 (what Next's route matching will do with it). */
function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

export interface IncomingRequestLine {
  method: string | undefined
  /** The request target as sent (node's req.url) */
  url: string | undefined
  httpVersion: string
  host: string | undefined
}

/** Why the portal answers this request itself, or null when Next should have it. */
export function refuseRequest({ method, url, httpVersion, host }: IncomingRequestLine): Refusal | null {
  const path = (url ?? '').split('?', 1)[0]!
  if (!method || !(ALLOWED_METHODS as readonly string[]).includes(method))
    return refusal(405, path.startsWith('/') ? path : '/')
  if (!path.startsWith('/')) return refusal(400, '/', '请求地址无效')
  if (!decodablePath(path)) return refusal(400, path, '请求地址无效：网址中的百分号编码有误')
  // HTTP/1.1 requires Host (node checks this itself unless told not to, and answers without these headers).
  if (httpVersion !== '1.0' && !host) return refusal(400, path, '请求缺少 Host 头')
  return null
}

/** A refusal as raw HTTP/1.1 bytes, for a socket that has no response object (parser errors, CONNECT); closes it. */
export function rawHttpResponse({ status, headers, body }: Refusal): string {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}`]
  for (const [name, value] of Object.entries({ ...headers, connection: 'close' })) lines.push(`${name}: ${value}`)
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

/**
 * The status for a request Node's parser refused, as Node itself would pick it (node:_http_server's default
 * clientError handler), but with 405 for a method the parser does not know.
 */
export function parserErrorStatus(code: string | undefined): number {
  switch (code) {
    case 'HPE_INVALID_METHOD':
      return 405
    case 'HPE_HEADER_OVERFLOW':
      return 431
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408
    default:
      return 400
  }
}
