// The per-request context: the database client, and the viewer resolved from the session cookie or bearer token.
import type { IncomingMessage } from 'node:http'
import type { YogaInitialContext } from 'graphql-yoga'
import type { PrismaClient } from './generated/prisma/client.ts'
import type { OutboundOptions } from './lib/outbound/guardedFetch.ts'
import { resolveViewer } from './modules/auth/viewer.ts'
import type { Viewer } from './viewer.ts'

export interface Context {
  prisma: PrismaClient
  viewer: Viewer
  request: Request
  /** The client's address as seen by the listener (for login throttling and the audit log). */
  ip: string | null
  /** Queue a Set-Cookie header for the response. */
  setCookie(header: string): void
  /** Test seams for outbound requests (createApp's `outbound`); undefined in the server. */
  outbound?: OutboundOptions
}

/** Set-Cookie headers queued per request; the response plugin in yoga.ts writes them out. */
export const pendingCookies = new WeakMap<Request, string[]>()

/** What the Node listener adds to each request; absent when tests call yoga.fetch directly. */
export interface ServerContext {
  req?: IncomingMessage
}

/**
 * The client's address. The portal's Next.js server proxies /graphql from the same machine, so for requests
 * from a loopback address the last X-Forwarded-For hop (added by that proxy) is the real client.
 * Without a listener (tests calling yoga.fetch) a test may name the address in x-test-client-address.
 */
function clientAddressOf(request: Request, req?: IncomingMessage): string | null {
  if (!req) return request.headers.get('x-test-client-address')
  const socketAddress = req.socket.remoteAddress ?? null
  const isLoopback = socketAddress === '127.0.0.1' || socketAddress === '::1' || socketAddress === '::ffff:127.0.0.1'
  const forwarded = request.headers.get('x-forwarded-for')
  if (isLoopback && forwarded) return forwarded.split(',').at(-1)!.trim().slice(0, 64) || socketAddress
  return socketAddress
}

export async function buildContext(
  prisma: PrismaClient,
  initial: YogaInitialContext & ServerContext,
  outbound?: OutboundOptions,
): Promise<Context> {
  const request = initial.request
  const ip = clientAddressOf(request, initial.req)
  return {
    prisma,
    request,
    ip,
    viewer: await resolveViewer(prisma, request),
    outbound,
    setCookie(header) {
      const list = pendingCookies.get(request) ?? []
      list.push(header)
      pendingCookies.set(request, list)
    },
  }
}
