// Public lookup by RDAP (RFC 7480 HTTP usage, RFC 9082 queries, RFC 9083 answers) beside /graphql:
//   GET|HEAD /rdap/domain/<name>     a .政务/.公益 domain by its U-label or A-label name (or a 简繁 variant of it)
//   GET|HEAD /rdap/entity/<handle>   a registrant unit, public facts only (UNIT-<id>)
//   GET|HEAD /rdap/help              the terms of use
// No login; every answer is application/rdap+json with Access-Control-Allow-Origin: * (RFC 7480 §5.6), errors are
// RDAP error bodies (400 bad input, 404 not found, 429 over the limit with Retry-After, 501 other query types).
// Each client address (lib/clientAddress.ts: the socket's peer, or what a trusted proxy says; IPv6 by its /64) has
// a bucket of RDAP_RATE_LIMIT_REQUESTS requests refilled over RDAP_RATE_LIMIT_WINDOW_SECONDS.
import { config } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { limitKeyOf } from '../lib/clientAddress.ts'
import { TokenBuckets } from '../limits/rateLimit.ts'
import { conformance, errorBody, RDAP_CONTENT_TYPE, RDAP_LANG, termsOfUse } from '../modules/rdap/common.ts'
import { lookupDomain } from '../modules/rdap/domain.ts'
import { lookupEntity } from '../modules/rdap/entity.ts'
import { decodePathSegment, parseLookupName } from '../modules/rdap/names.ts'
import { logFor } from '../observability/log.ts'

export const RDAP_PATH = '/rdap'

export interface RdapRateLimit {
  /** Requests per address per window (the bucket's size). */
  requests: number
  windowSeconds: number
  /** The clock in milliseconds (tests drive it). */
  now?: () => number
}

/** Query types of RFC 9082 this registry does not serve: 501, not 404 (RFC 7480 §5.5 asks a server to say so). */
const UNSUPPORTED_QUERIES = new Set(['ip', 'autnum', 'nameserver', 'domains', 'nameservers', 'entities'])

/** Longest entity handle looked at, percent-encoded (ours are UNIT- and at most 10 digits). */
const MAX_HANDLE_CHARS = 192

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

const error = (status: number, title: string, lines: string[], requestUrl: string, headers?: Record<string, string>) =>
  ({ status, body: errorBody(status, title, lines, requestUrl), headers }) satisfies Answer

/** The RDAP route: answers paths under /rdap, null for any other. */
export function createRdapHandler(prisma: PrismaClient, rateLimit: Partial<RdapRateLimit> = {}) {
  // In the database: an address has one budget across every API process (limits/rateLimit.ts).
  const buckets = new TokenBuckets<string>(prisma, 'rdap', {
    points: rateLimit.requests ?? config.rdap.rateLimitRequests,
    windowSeconds: rateLimit.windowSeconds ?? config.rdap.rateLimitWindowSeconds,
    now: rateLimit.now,
  })

  return async function handleRdapRequest(request: Request, clientAddress: string | null): Promise<Response | null> {
    const url = new URL(request.url)
    if (url.pathname !== RDAP_PATH && !url.pathname.startsWith(`${RDAP_PATH}/`)) return null
    // What the client asked for, at the public address (links' `value`): never built from the Host header.
    const requestUrl = `${config.rdap.baseUrl}${url.pathname.slice(RDAP_PATH.length)}${url.search}`
    if (request.method === 'OPTIONS') return preflight()
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const answer = error(
        405,
        '只支持 GET 和 HEAD',
        ['RDAP 查询只支持 GET 和 HEAD。', 'Only GET and HEAD.'],
        requestUrl,
        {
          allow: 'GET, HEAD, OPTIONS',
        },
      )
      return respond(request, answer)
    }
    // Requests without any address (none in production: every socket has a peer) share one bucket.
    let spending
    try {
      spending = await buckets.spend(limitKeyOf(clientAddress) ?? 'unknown', 1)
    } catch (failure) {
      // The database is unreachable: the lookup could not be answered either.
      logFor('rdap').error({ err: failure }, 'rate limit failed')
      return respond(request, lookupFailed(requestUrl))
    }
    if (!spending.allowed) {
      const seconds = spending.retryAfterSeconds
      const answer = error(
        429,
        '查询过于频繁',
        [`查询过于频繁，请 ${seconds} 秒后再试。`, `Too many queries from this address; retry in ${seconds} s.`],
        requestUrl,
        { 'retry-after': String(seconds) },
      )
      return respond(request, answer)
    }
    try {
      return respond(request, await route(prisma, url.pathname, requestUrl))
    } catch (failure) {
      logFor('rdap').error({ err: failure }, 'lookup failed')
      return respond(request, lookupFailed(requestUrl))
    }
  }
}

async function route(prisma: PrismaClient, pathname: string, requestUrl: string): Promise<Answer> {
  const [kind, ...rest] = pathname.slice(RDAP_PATH.length + 1).split('/')
  const segment = rest.length === 1 ? rest[0]! : null
  if (kind === 'help' && rest.length === 0)
    return { status: 200, body: { rdapConformance: conformance(), lang: RDAP_LANG, notices: [termsOfUse(requestUrl)] } }

  if (kind === 'domain' && segment !== null) {
    const parsed = parseLookupName(segment)
    if ('problem' in parsed) return error(400, '查询的域名不正确', [parsed.problem.zh, parsed.problem.en], requestUrl)
    const answer = parsed.name && (await lookupDomain(prisma, parsed.name, requestUrl))
    return answer ? { status: 200, body: answer } : notFound(requestUrl)
  }

  if (kind === 'entity' && segment !== null) {
    const handle = decodePathSegment(segment, MAX_HANDLE_CHARS)
    if ('problem' in handle)
      return error(400, '查询的实体标识不正确', [handle.problem.zh, handle.problem.en], requestUrl)
    const answer = await lookupEntity(prisma, handle.text, requestUrl)
    return answer ? { status: 200, body: answer } : notFound(requestUrl)
  }

  if (kind && UNSUPPORTED_QUERIES.has(kind))
    return error(
      501,
      '不支持的查询',
      ['本注册局只提供域名和实体查询。', 'Only domain and entity lookups are served.'],
      requestUrl,
    )
  return error(
    400,
    '无法识别的查询',
    ['请查询 /rdap/domain/<域名>、/rdap/entity/<标识> 或 /rdap/help。', 'Unknown query path.'],
    requestUrl,
  )
}

const lookupFailed = (requestUrl: string) =>
  error(500, '查询失败', ['服务暂时无法查询，请稍后再试。', 'The lookup failed; try again later.'], requestUrl)

const notFound = (requestUrl: string) =>
  error(404, '未找到', ['没有这个已注册的域名或注册人。', 'No registered object by this name.'], requestUrl)

const CORS = { 'access-control-allow-origin': '*' }

function respond(request: Request, answer: Answer): Response {
  const headers = {
    'content-type': `${RDAP_CONTENT_TYPE}; charset=utf-8`,
    'cache-control': 'no-store',
    ...CORS,
    // Retry-After and Allow are read by scripts in other origins too.
    'access-control-expose-headers': 'retry-after, allow',
    ...answer.headers,
  }
  const body = request.method === 'HEAD' ? null : JSON.stringify(answer.body)
  return new Response(body, { status: answer.status, headers })
}

/** CORS preflight: any origin may GET and HEAD (RFC 7480 §5.6). */
function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'accept',
      'access-control-max-age': '86400',
    },
  })
}
