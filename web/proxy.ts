// Runs before every request (pages, route handlers, static files, 404s; server.mjs covers what Next answers without
// it, and what never reaches Next): puts the security headers of
// security/headers.ts on the response, and this request's Content-Security-Policy on the request as well, which is
// where Next finds the nonce it writes on its scripts while rendering. In Next 16 this file is what `middleware.ts`
// used to be; it runs whether the portal is started by `next start` or by a custom server.
import { NextResponse, type NextRequest } from 'next/server'
import { portalSecurityHeaders } from './security/headers'

export function proxy(request: NextRequest) {
  const headers = portalSecurityHeaders(request.nextUrl.pathname)
  const forwarded = new Headers(request.headers)
  forwarded.set('content-security-policy', headers['content-security-policy']!)
  const response = NextResponse.next({ request: { headers: forwarded } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}
