// Which IP addresses a request to a user-controlled destination may reach: only public unicast ones. ipaddr.js
// (the classifier express and proxy-addr use) names the IANA special-purpose ranges; an address is public only when
// it names none of them ('unicast'). What ipaddr.js calls 'unicast' but is not public is in EXTRA_NON_PUBLIC below,
// and the two IPv6 forms that carry an IPv4 address a translator will reach are judged by that IPv4 address.
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export type AddressVerdict = { public: true } | { public: false; range: string }

/**
 * Ranges ipaddr.js 2.5 reports as 'unicast' that are not public. Each row names its RFC.
 * - ::/96 IPv4-compatible (RFC 4291 §2.5.5.1, deprecated): ::7f00:1 is ::127.0.0.1 to some stacks; refused outright.
 * - outside 2000::/3: the only block IANA allocates for global unicast (RFC 4291 §2.4, IANA IPv6 Address Space);
 *   the rest is reserved by the IETF (e.g. 100:0:0:1::/64, RFC 9780), whatever later RFCs carve out of it.
 */
const EXTRA_NON_PUBLIC: readonly { range: string; cidr: [ipaddr.IPv6, number]; outside?: true }[] = [
  { range: 'ipv4Compatible', cidr: ipaddr.IPv6.parseCIDR('::/96') },
  { range: 'notGlobalUnicast', cidr: ipaddr.IPv6.parseCIDR('2000::/3'), outside: true },
]

/** NAT64's well-known prefix (RFC 6052 §2.1): the last 32 bits are the IPv4 address the translator connects to. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96')

function classifyIpv4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range()
  return range === 'unicast' ? { public: true } : { public: false, range }
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
const lastIpv4Of = (address: ipaddr.IPv6) => {
  const [high, low] = address.parts.slice(-2) as [number, number]
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
}

function classifyIpv6(address: ipaddr.IPv6): AddressVerdict {
  // The stack (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) or a NAT64 gateway reaches the embedded IPv4 address: it decides.
  if (address.isIPv4MappedAddress() || address.match(NAT64_WELL_KNOWN)) {
    const inner = classifyIpv4(lastIpv4Of(address))
    return inner.public ? inner : { public: false, range: `${address.range()}(${inner.range})` }
  }
  const range = address.range()
  if (range !== 'unicast') return { public: false, range }
  for (const extra of EXTRA_NON_PUBLIC) {
    if (address.match(extra.cidr) !== Boolean(extra.outside)) return { public: false, range: extra.range }
  }
  return { public: true }
}

/**
 * Whether one address (the text a resolver answers, or a URL's IP literal without brackets) is public. Anything
 * that is not a plain IPv4 or IPv6 address, and any IPv6 address with a zone (%eth0), is not.
 */
export function classifyAddress(address: string): AddressVerdict {
  const version = isIP(address)
  if (version === 0 || address.includes('%')) return { public: false, range: 'invalid' }
  return version === 4 ? classifyIpv4(ipaddr.IPv4.parse(address)) : classifyIpv6(ipaddr.IPv6.parse(address))
}

export const isPublicAddress = (address: string): boolean => classifyAddress(address).public
