// The names the forwarding server answers for: a Host header (or a target URL's host) reduced to one form, the
// lower-case A-label name without port or root dot, and split into the registry's parts. Browsers send the A-label
// (xn--…); curl and scripts may send the U-label in UTF-8, which Node's parser hands over as Latin-1 characters.
import { domainToASCII } from 'node:url'
import type { DomainSuffix } from '../generated/prisma/enums.ts'
import { SUFFIX_A_LABEL } from '../lib/idna.ts'

/** The registry's TLDs by their A-labels (xn--zfr164b is .政务, xn--55qw42g is .公益). */
const SUFFIX_BY_A_LABEL = new Map(
  Object.entries(SUFFIX_A_LABEL).map(([suffix, aLabel]) => [aLabel, suffix as DomainSuffix]),
)

const HOST_SYNTAX = /^[A-Za-z0-9.\-\u{80}-\u{10FFFF}]+(?::\d{1,5})?$/u

/** A Host header value as one lower-case A-label name (port and root dot removed); null when it is no host name. */
export function normalizeHostHeader(raw: string | null | undefined): string | null {
  if (!raw) return null
  // Node decodes header bytes as Latin-1: a UTF-8 Host (清丰县政府门户.政务) arrives as mojibake; take its bytes back.
  // A string with characters beyond Latin-1 did not come from a header's bytes and is taken as it is.
  const fromHeaderBytes = /[\u0080-\u00ff]/.test(raw) && [...raw].every((char) => char.charCodeAt(0) <= 0xff)
  const text = fromHeaderBytes ? Buffer.from(raw, 'latin1').toString('utf8') : raw
  // A host name and nothing else: letters, digits, hyphens and dots (or any non-ASCII character, for a U-label),
  // then perhaps a port. The URL host parser behind domainToASCII would also take percent-encodings, and stop at a
  // '#', '/' or '?' (so `ours.xn--zfr164b#x` read as ours): no browser sends those, so they name nothing here.
  // An IPv6 literal ([…]) is no name of ours either; invalid UTF-8 became U+FFFD, which no name holds.
  if (!HOST_SYNTAX.test(text) || text.includes('\ufffd')) return null
  const withoutPort = text.replace(/:\d{1,5}$/, '').replace(/\.$/, '')
  if (!withoutPort || withoutPort.length > 253 * 4) return null
  const ascii = domainToASCII(withoutPort)
  return ascii && ascii.length <= 253 ? ascii.toLowerCase() : null
}

/** A registry name split into its suffix, the registered label and the host below it. */
export interface RegistryName {
  suffix: DomainSuffix
  /** The registered label as an A-label, e.g. xn--… */
  domainALabel: string
  /** 主机记录: '@' for the domain itself, else the labels below it (www, a.b) */
  host: string
}

/** `name` (an A-label name from normalizeHostHeader) under .政务 or .公益; null for any other name. */
export function splitRegistryName(name: string): RegistryName | null {
  const labels = name.split('.')
  if (labels.length < 2 || labels.some((label) => label === '')) return null
  const suffix = SUFFIX_BY_A_LABEL.get(labels.at(-1)!)
  if (!suffix) return null
  const below = labels.slice(0, -2)
  return { suffix, domainALabel: labels.at(-2)!, host: below.length ? below.join('.') : '@' }
}
