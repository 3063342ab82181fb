// The per-request context: the database client, and the viewer resolved from the session cookie or bearer token.
import type { IncomingMessage } from 'node:http'
import type { YogaInitialContext } from 'graphql-yoga'
import { config } from './config.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import type { OutboundOptions } from './lib/outbound/guardedFetch.ts'
import type { DnsServerAddress } from './modules/dns/publication/probe.ts'
import { clientAddressFrom, normaliseAddress } from './lib/clientAddress.ts'
import { resolveViewer } from './modules/auth/viewer.ts'
import type { VerifiedTokenCache } from './modules/auth/tokenCache.ts'
import { signInSettings, type SignInSettings } from './modules/secondFactor/settings.ts'
import type { SmsBudget } from './modules/verification/budget.ts'
import type { Viewer } from './viewer.ts'

export interface Context {
  prisma: PrismaClient
  viewer: Viewer
  request: Request
  /** The client's address (clientAddressOf): for the per-address limits and the audit log. */
  ip: string | null
  /** The global budget of SMS verification codes when the app was built with its own (tests); else config.smsBudget. */
  smsBudget?: SmsBudget
  /** When a login needs a second factor or a password change (config, or the app's own for tests). */
  signIn: SignInSettings
  /** Queue a Set-Cookie header for the response. */
  setCookie(header: string): void
  /** Test seams for outbound requests (createApp's `outbound`); undefined in the server. */
  outbound?: OutboundOptions
  /** The authoritative DNS server to compare the zones with (DNS_SERVER=powerdns), or null. */
  dnsServer?: DnsServerAddress | null
}

/** Set-Cookie headers queued per request; the response plugin in yoga.ts writes them out. */
export const pendingCookies = new WeakMap<Request, string[]>()

/** What the Node listener adds to each request; absent when tests call yoga.fetch directly. */
export interface ServerContext {
  req?: IncomingMessage
}

/**
 * The client's address (lib/clientAddress.ts): the socket's peer, or for a peer listed in TRUSTED_PROXIES (by
 * default the portal on this machine) the right-most X-Forwarded-For hop that is not a trusted proxy.
 * Without a listener (tests calling yoga.fetch) a test names the address in x-test-client-address; that header
 * means nothing to a request that came through a socket.
 */
export function clientAddressOf(request: Request, req?: IncomingMessage): string | null {
  if (!req) return normaliseAddress(request.headers.get('x-test-client-address'))
  return clientAddressFrom(req.socket.remoteAddress, request.headers.get('x-forwarded-for'), config.trustedProxies)
}

export async function buildContext(
  prisma: PrismaClient,
  initial: YogaInitialContext & ServerContext,
  options: {
    outbound?: OutboundOptions
    smsBudget?: SmsBudget
    signIn?: SignInSettings
    dnsServer?: DnsServerAddress | null
    /** The app's cache of verified API tokens. */
    tokens?: VerifiedTokenCache
  } = {},
): Promise<Context> {
  const request = initial.request
  const ip = clientAddressOf(request, initial.req)
  return {
    prisma,
    request,
    ip,
    smsBudget: options.smsBudget,
    signIn: options.signIn ?? signInSettings(),
    viewer: await resolveViewer(prisma, request, options.tokens),
    outbound: options.outbound,
    dnsServer: options.dnsServer ?? null,
    setCookie(header) {
      const list = pendingCookies.get(request) ?? []
      list.push(header)
      pendingCookies.set(request, list)
    },
  }
}
