// Who the client is. Every per-address limit (SMS codes, the login throttle and lock) and every audit row's address
// comes from here, so an address is taken only from a socket, or from an X-Forwarded-For hop that a proxy we trust
// wrote. X-Forwarded-For grows by one hop per proxy (each appends the peer it saw), so reading it right to left,
// every hop is vouched for by the proxy to its right, until the first address that is not one of our proxies: that
// is the client. Anything left of it was written by the client itself and is ignored.
//
// Used by the API (context.ts, TRUSTED_PROXIES) and by the portal's own server (web/server.mjs,
// PORTAL_TRUSTED_PROXIES), so both read the same header the same way.
//
// Limits are not counted per address but per limitKeyOf(address): one IPv6 subscriber is given at least a /64 and
// can use any of its 2^64 addresses, so a per-address limit keyed by the full IPv6 address would limit nothing.
import { BlockList, isIP } from 'node:net'

/** Addresses and CIDR ranges of the proxies whose X-Forwarded-For we believe. */
export interface TrustedProxies {
  has(address: string): boolean
  /** The list as configured, for messages. */
  readonly entries: readonly string[]
}

/** The API's default: the portal on the same machine (IPv4-mapped ::ffff:127.0.0.1 is normalised to 127.0.0.1). */
export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1,::1'

/**
 * Parses "127.0.0.1, ::1, 10.0.0.0/8, fd00::/8" ("none" or "" for an empty list). A malformed entry is an error,
 * not skipped: a typo must not silently change whom the server believes.
 */
export function parseTrustedProxies(spec: string, settingName = 'TRUSTED_PROXIES'): TrustedProxies {
  const list = new BlockList()
  const entries =
    spec.trim().toLowerCase() === 'none'
      ? []
      : spec
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
  for (const entry of entries) {
    const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry)
    const address = match ? normaliseAddress(match[1]) : null
    const family = address && isIP(address) === 6 ? 'ipv6' : 'ipv4'
    const maxBits = family === 'ipv6' ? 128 : 32
    const bits = match?.[2] === undefined ? maxBits : Number(match[2])
    if (!address || bits > maxBits) {
      throw new Error(`${settingName}: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1, ::1, 10.0.0.0/8)`)
    }
    list.addSubnet(address, bits, family)
  }
  return {
    entries,
    has(address) {
      const normalised = normaliseAddress(address)
      if (!normalised) return false
      return list.check(normalised, isIP(normalised) === 6 ? 'ipv6' : 'ipv4')
    },
  }
}

/**
 * One address in its canonical text, or null when the text is not exactly an IP address (no ports, zones, names,
 * or anything else a client might write): attacker text is never stored as an address. IPv6 is compressed and
 * lower-cased, and an IPv4-mapped IPv6 address (::ffff:1.2.3.4, what a dual-stack socket reports) becomes
 * plain IPv4, so one client has one spelling.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null
  let text = raw.trim()
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1)
  if (text.length === 0 || text.length > 45) return null
  const family = isIP(text)
  if (family === 4) return text
  if (family !== 6 || text.includes('%')) return null
  let canonical: string
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1)
  } catch {
    return null
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical)
  if (!mapped) return canonical
  const high = parseInt(mapped[1]!, 16)
  const low = parseInt(mapped[2]!, 16)
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}

/**
 * The client's address: the peer itself unless it is a trusted proxy; then, walking X-Forwarded-For from the
 * right, the first hop that is not a trusted proxy (or the left-most hop when all are). A malformed hop ends the
 * walk at the last address a trusted proxy vouched for, never skipping past it into what the client wrote.
 * `forwardedFor` is the header's value (several headers joined with commas, as Node and fetch join them).
 */
export function clientAddressFrom(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | null {
  let address = normaliseAddress(peer)
  if (!address || !forwardedFor) return address
  const hops = forwardedFor.split(',')
  for (let i = hops.length - 1; i >= 0 && trusted.has(address); i--) {
    const hop = normaliseAddress(hops[i])
    if (!hop) break
    address = hop
  }
  return address
}

/**
 * Bits of an IPv6 address that name one client for per-address limits: a /64 is the smallest network handed to a
 * subscriber (a home, a phone, a cloud server), and every address in it is theirs to use.
 */
const IPV6_LIMIT_PREFIX_BITS = 64

/**
 * What per-address limits (login throttle and lock, SMS codes per address) count under: an IPv4 address as it is,
 * an IPv6 address as its /64 (e.g. "2001:db8:77:1::/64", a valid CIDR). Null when there is no address. The audit log
 * and sessions keep the full address; only the limits group by this key.
 */
export function limitKeyOf(address: string | null | undefined): string | null {
  const canonical = normaliseAddress(address)
  if (!canonical || isIP(canonical) === 4) return canonical
  const groups = ipv6Groups(canonical).slice(0, IPV6_LIMIT_PREFIX_BITS / 16)
  return `${normaliseAddress(`${groups.join(':')}::`)}/${IPV6_LIMIT_PREFIX_BITS}`
}

/** The eight 16-bit groups of a canonical IPv6 address (hex groups only, as normaliseAddress writes it). */
function ipv6Groups(canonical: string): string[] {
  const [head = '', tail] = canonical.split('::')
  const split = (part: string) => (part === '' ? [] : part.split(':'))
  if (tail === undefined) return split(head)
  const known = [...split(head), ...split(tail)]
  return [...split(head), ...Array<string>(8 - known.length).fill('0'), ...split(tail)]
}
