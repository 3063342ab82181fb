// GET /url-forwarding/lookup?host=<Host header>: how the forwarding server (server/src/forwarder/, its own process)
// learns what to answer for a name. The API is the one process that holds the database (PGlite belongs to one
// process), so the forwarder asks here rather than opening it. No authentication: the answer is exactly what the
// forwarding server itself tells anyone who sends that Host (the redirect), and nothing for other names.
import type { PrismaClient } from '../generated/prisma/client.ts'
import { URL_FORWARD_LOOKUP_PATH, type UrlForwardLookup } from '../forwarder/lookupProtocol.ts'
import { normalizeHostHeader, splitRegistryName } from '../forwarder/names.ts'
import { FORWARD_STATUS, findForwardByName, leadsBackTo } from '../modules/dns/urlForward.ts'

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

/** Answers GET URL_FORWARD_LOOKUP_PATH; null for any other path. */
export async function handleUrlForwardLookup(prisma: PrismaClient, request: Request): Promise<Response | null> {
  const url = new URL(request.url)
  if (url.pathname !== URL_FORWARD_LOOKUP_PATH) return null
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } })
  const answer = await lookupUrlForward(prisma, url.searchParams.get('host'))
  return new Response(JSON.stringify(answer), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })
}
