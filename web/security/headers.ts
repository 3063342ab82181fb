// The portal's security headers, one policy for every route (applied by proxy.ts, which runs before every request,
// however the portal is started, and by server.mjs to what it answers itself before Next: security/refusals.ts).
//
// Content-Security-Policy: scripts run only with this request's nonce. Next reads the nonce from the policy that
// proxy.ts puts on the request and writes it on its own inline and bundle scripts; 'strict-dynamic' lets those load
// the chunks they need. No 'unsafe-eval' and no 'unsafe-inline' for scripts in production (`next dev` needs eval for
// its error overlay, and inline styles for hot reloading, so only development gets them). Styles come from the
// portal's own stylesheets or carry the nonce; style attributes are refused too (the components use classes), so an
// injected style="" could not restyle a page either. Nothing may frame the portal (frame-ancestors, and
// X-Frame-Options for old browsers), nothing is loaded from elsewhere, forms post only here.
//
// /badge/<n>.js and /badge/<n>.svg are the exception that other sites embed with <script src> and <img>: they are
// served with Cross-Origin-Resource-Policy: cross-origin, and the SVG, opened on its own, runs nothing.
//
// HSTS only when the portal is served over HTTPS: SECURE_COOKIES=true (the switch of the session cookie's Secure
// flag), or a production portal whose public address, PUBLIC_PORTAL_URL, is https. So a default production
// deployment on https sends it without a second setting; over plain http a browser ignores it anyway, and a test
// instance on http must not promise https.
// No upgrade-insecure-requests: every resource is the portal's own, by relative URL, so on an https page it adds
// nothing to HSTS; but it would also upgrade the PDF renderer's requests, which load the print page over plain http
// from PRINT_ORIGIN (Chromium leaves only loopback hosts alone): on any other address the PDF lost its stylesheet.

import { publicPortalIsHttps } from '../config/publicPortal'

export interface SecurityHeaderOptions {
  /** The request's path, e.g. /badge/202541092200001.js */
  path: string
  /** A fresh random value for this response (base64) */
  nonce: string
  /** `next dev`: eval and inline styles for the development tools */
  development: boolean
  /** Served over HTTPS: HSTS */
  https: boolean
}

/** What the badge script and image are: embedded by other sites, so not bound to this origin. */
const EMBEDDABLE = /^\/badge\/[^/]+\.(?:js|svg)$/

/** Browser features the portal never uses, denied to it and to anything it could embed. */
const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]

const policy = (directives: (string | false)[]) => directives.filter(Boolean).join('; ')

export function contentSecurityPolicy({ path, nonce, development }: SecurityHeaderOptions): string {
  if (EMBEDDABLE.test(path)) {
    // A script or an image: the policy matters only when the SVG is opened as a document of its own.
    return policy([
      "default-src 'none'",
      "img-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ])
  }
  return policy([
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    !development && "style-src-attr 'none'",
    // data: for the 身份验证器 QR code, which the API renders as a PNG data URL (双重验证).
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
}

/** Every security header of a response, by lower-case name. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const embeddable = EMBEDDABLE.test(options.path)
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'permissions-policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
    'cross-origin-resource-policy': embeddable ? 'cross-origin' : 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  }
  if (options.https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
  return headers
}

/** Whether this portal is served over HTTPS (see above): decides HSTS. */
export function servedOverHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SECURE_COOKIES === 'true' || (env.NODE_ENV === 'production' && publicPortalIsHttps(env))
}

/** The security headers of a response of this portal at this path, with a fresh nonce (the environment decides development and HTTPS). */
export function portalSecurityHeaders(path: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return securityHeaders({
    path,
    nonce: newNonce(),
    development: env.NODE_ENV === 'development',
    https: servedOverHttps(env),
  })
}

/** 128 random bits, base64: a nonce an attacker cannot guess or reuse (a new one for every response). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}
