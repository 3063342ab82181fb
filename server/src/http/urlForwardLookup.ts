// GET /url-forwarding/lookup?host=<Host header>: how the forwarding server (server/src/forwarder/, its own process)
// learns what to answer for a name. The API is the one process that holds the database (PGlite belongs to one
// process), so the forwarder asks here rather than opening it. The answer is no more than what the forwarding server
// tells anyone who sends that Host, but it is no public endpoint: each call costs the database a few queries, it
// tells a loop and an unknown name apart, and it has no rate limit of its own (the forwarding server bounds its
// lookups). So only the forwarding server may ask: with URL_FORWARD_LOOKUP_SECRET set, a caller showing that secret
// as its bearer token; without it, a caller on this machine (the socket's peer is a loopback address) whose request
// came through no proxy (no forwarding headers: a reverse proxy on this machine would otherwise make everyone local).
// Anyone else gets a bare 404, as for any path the API does not serve.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { URL_FORWARD_LOOKUP_PATH, type UrlForwardLookup } from '../forwarder/lookupProtocol.ts'
import { normalizeHostHeader, splitRegistryName } from '../forwarder/names.ts'
import { normaliseAddress } from '../lib/clientAddress.ts'
import { FORWARD_STATUS, findForwardByName, leadsBackTo } from '../modules/dns/urlForward.ts'

/** Headers a proxy adds: a request carrying one did not come straight from the forwarding server. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via']

export interface LookupCaller {
  /** URL_FORWARD_LOOKUP_SECRET, or null */
  secret: string | null
  /** The socket's peer address; undefined when no socket (yoga.fetch in tests): never local then. */
  peer: string | null | undefined
}

const digest = (text: string) => createHash('sha256').update(text).digest()

function isForwardingServer(request: Request, { secret, peer }: LookupCaller): boolean {
  if (secret) {
    const shown = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? ''
    return timingSafeEqual(digest(shown), digest(secret))
  }
  const address = normaliseAddress(peer)
  const local = address === '::1' || (address?.startsWith('127.') ?? false)
  return local && !PROXY_HEADERS.some((name) => request.headers.has(name))
}

export async function lookupUrlForward(prisma: PrismaClient, hostHeader: string | null): Promise<UrlForwardLookup> {
  const fqdn = normalizeHostHeader(hostHeader)
  const name = fqdn ? splitRegistryName(fqdn) : null
  if (!name) return { kind: 'none' }
  const forward = await findForwardByName(prisma, name)
  if (!forward) return { kind: 'none' }
  // Loops are refused when a forward is saved; this catches one made by two saves that raced each other.
  if (await leadsBackTo(prisma, name, forward.target)) return { kind: 'loop' }
  return {
    kind: 'forward',
    target: forward.target,
    status: FORWARD_STATUS[forward.redirect],
    keepPath: forward.keepPath,
  }
}

/** Answers GET URL_FORWARD_LOOKUP_PATH for the forwarding server; null for any other path. */
export async function handleUrlForwardLookup(
  prisma: PrismaClient,
  request: Request,
  caller: LookupCaller,
): Promise<Response | null> {
  const url = new URL(request.url)
  if (url.pathname !== URL_FORWARD_LOOKUP_PATH) return null
  if (!isForwardingServer(request, caller)) return new Response(null, { status: 404 })
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } })
  const answer = await lookupUrlForward(prisma, url.searchParams.get('host'))
  return new Response(JSON.stringify(answer), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })
}
