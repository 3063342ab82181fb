// Domain names as DNS carries them: IDNA2008 with UTS #46 processing (nontransitional, STD3 rules, hyphen, joiner and
// bidi checks) through the `tr46` package, the implementation WHATWG URL uses. A U-label (清丰县人民政府) and its
// A-label (xn--iiqymo2k4sny6hktk5md) are the same name; DNS, zone files and exports use the A-label. The database
// encodes the A-label of a domain's own name itself (migration domain_names, function idna_a_label) so that every
// domain has its PRIMARY name row however it was created; tests/api/domain-names.test.ts keeps the two in agreement.
import { domainToASCII } from 'node:url'
import { toASCII, toUnicode } from 'tr46'
import type { DomainSuffix } from '../generated/prisma/enums.ts'

/** The TLDs as DNS carries them: .政务 and .公益. */
export const SUFFIX_A_LABEL: Record<DomainSuffix, string> = { ZHENGWU: 'xn--zfr164b', GONGYI: 'xn--55qw42g' }

/** RFC 1035: a label is at most 63 octets, a name at most 253 (without the root's trailing dot). */
export const MAX_LABEL_OCTETS = 63
export const MAX_NAME_OCTETS = 253

const STRICT = {
  checkBidi: true,
  checkHyphens: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  verifyDNSLength: false,
} as const

/** UTS #46 processing of one label to its A-label, or null when the label is not valid IDNA. */
export function tryALabel(uLabel: string): string | null {
  if (uLabel === '' || uLabel.includes('.')) return null
  return toASCII(uLabel, STRICT)
}

/**
 * UTS #46 processing of a whole name (labels separated by any of the dots UTS #46 maps to ".", 。 included) to its
 * A-label form, e.g. 清丰县人民政府.政务 → xn--iiqymo2k4sny6hktk5md.xn--zfr164b; null when it is not valid IDNA.
 * Lengths are not checked: the caller says which one is exceeded.
 */
export function tryALabelName(name: string): string | null {
  if (name === '') return null
  return toASCII(name, STRICT)
}

/** One label's A-label, e.g. 清丰县人民政府 → xn--iiqymo2k4sny6hktk5md; an ASCII label comes back lower-cased. */
export function toALabel(uLabel: string): string {
  const aLabel = tryALabel(uLabel)
  if (aLabel === null) throw new Error(`not a valid IDNA label: ${JSON.stringify(uLabel)}`)
  return aLabel
}

/**
 * The A-label of a name that is already a valid label (a domain's stored name), as the database's idna_a_label
 * computes it: ASCII lower-cased, anything else xn-- and its Punycode. node's domainToASCII (UTS #46, the mapping
 * tr46 applies) is the identity mapping on such a name and encodes it in a few µs, where tr46 takes some 100 µs;
 * tests/api/domain-names.test.ts compares it with idna_a_label on every kind of name the app stores.
 */
export function domainALabel(name: string): string {
  const aLabel = domainToASCII(name.replace(/[A-Z]+/g, (ascii) => ascii.toLowerCase()))
  if (!aLabel || aLabel.includes('.')) throw new Error(`not a valid IDNA label: ${JSON.stringify(name)}`)
  return aLabel
}

/** One label's U-label, e.g. xn--iiqymo2k4sny6hktk5md → 清丰县人民政府; an ASCII label comes back lower-cased. */
export function toULabel(aLabel: string): string {
  if (aLabel === '' || aLabel.includes('.')) throw new Error(`not a single label: ${JSON.stringify(aLabel)}`)
  const uLabel = toUnicode(aLabel, STRICT)
  if (uLabel.error) throw new Error(`not a valid A-label: ${JSON.stringify(aLabel)}`)
  return uLabel.domain
}

/** A domain's whole name as DNS carries it, e.g. xn--iiqymo2k4sny6hktk5md.xn--zfr164b (no trailing dot). */
export function aLabelFullName(domain: { name: string; suffix: DomainSuffix }): string {
  return `${toALabel(domain.name)}.${SUFFIX_A_LABEL[domain.suffix]}`
}

/** Octets of an ASCII string (an A-label is ASCII, so this is its length). */
export const octets = (ascii: string) => Buffer.byteLength(ascii, 'utf8')
