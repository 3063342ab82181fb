// What every response of the portal must carry (web/security/headers.ts), for the browser suite's checks of pages,
// routes and the answers the portal's server gives itself (web/security/refusals.ts).
import { expect } from 'vitest'

/** A Content-Security-Policy as directive -> sources. */
export function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) map.set(name.toLowerCase(), sources)
  }
  return map
}

/** The nonce of a policy's script-src. */
export const nonceOf = (policy: string) =>
  /'nonce-([A-Za-z0-9+/=]+)'/.exec(directives(policy).get('script-src')?.join(' ') ?? '')?.[1]

/** Response headers as fetch gives them, or as a plain object with lower-case names (testkit/rawHttp.ts). */
export type HeaderSource = Headers | Record<string, string>

const header = (headers: HeaderSource, name: string): string | null =>
  headers instanceof Headers ? headers.get(name) : (headers[name] ?? null)

/**
 * The headers every response of the portal carries, whatever it is. `https`: whether this portal is configured as
 * served over HTTPS (then HSTS is required, otherwise it must be absent).
 */
export function expectCommonHeaders(label: string, headers: HeaderSource, { https = false } = {}) {
  expect(header(headers, 'x-content-type-options'), label).toBe('nosniff')
  expect(header(headers, 'x-frame-options'), label).toBe('DENY')
  expect(['same-origin', 'strict-origin', 'no-referrer', 'strict-origin-when-cross-origin'], label).toContain(
    header(headers, 'referrer-policy'),
  )
  const permissions = header(headers, 'permissions-policy') ?? ''
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
    expect(permissions, label).toContain(`${feature}=()`)
  if (https) expect(header(headers, 'strict-transport-security'), label).toMatch(/^max-age=\d{8,}/)
  else expect(header(headers, 'strict-transport-security'), label).toBeNull()
  const policy = directives(header(headers, 'content-security-policy') ?? '')
  expect(policy.get('frame-ancestors'), label).toEqual(["'none'"])
  for (const sources of policy.values()) expect(sources.join(' '), label).not.toMatch(/'unsafe-eval'|\*/)
}
