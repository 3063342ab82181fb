// The <name> of /rdap/domain/<name> as the registry looks it up: percent-decoded UTF-8 (RFC 9082 §6), a U-label or
// an A-label or a mix, through the same UTS #46 processing as every other name of the registry (lib/idna.ts), and
// split into the registered label and our TLD. Anything that is no such name is refused with the reason, in Chinese
// and English, before the database is asked.
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { MAX_LABEL_OCTETS, MAX_NAME_OCTETS, tryALabelName } from '../../lib/idna.ts'
import { splitRegistryName } from '../../forwarder/names.ts'
import { LONE_SURROGATE } from '../../validation/text.ts'

export interface LookupName {
  suffix: DomainSuffix
  /** The registered label as an A-label, e.g. xn--iiq68knskrsd2we76ql61e */
  aLabel: string
}

export interface NameProblem {
  zh: string
  en: string
}

/** More than this many characters in the path segment is no name of 253 octets, however it is encoded. */
const MAX_SEGMENT_CHARS = 1024

const problem = (zh: string, en: string): { problem: NameProblem } => ({ problem: { zh, en } })

/**
 * A raw (percent-encoded) path segment as text, or the problem with it: too long (over `maxChars` encoded),
 * encoding that is not UTF-8, unpaired surrogates, control characters (NUL among them), nothing at all.
 */
export function decodePathSegment(segment: string, maxChars: number): { text: string } | { problem: NameProblem } {
  if (segment.length > maxChars) return problem('查询内容过长', 'The query is too long')
  let text: string
  try {
    text = decodeURIComponent(segment)
  } catch {
    return problem('路径中的百分号编码不是有效的 UTF-8', 'The percent-encoding of the path is not valid UTF-8')
  }
  if (LONE_SURROGATE.test(text)) return problem('含有不成对的代理字符', 'The query holds an unpaired surrogate')
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(text)) return problem('含有控制字符', 'The query holds a control character')
  if (text === '') return problem('查询内容为空', 'Nothing was asked for')
  return { text }
}

/**
 * The name a path segment asks for, or the problem with it. `segment` is the raw (percent-encoded) path segment.
 * A name below a registered domain (www.<domain>.政务) is a name of ours that no domain object has: `name` null.
 */
export function parseLookupName(segment: string): { name: LookupName | null } | { problem: NameProblem } {
  const decoded = decodePathSegment(segment, MAX_SEGMENT_CHARS)
  if ('problem' in decoded) return decoded
  return parseNameText(decoded.text)
}

/**
 * The name a decoded text asks for (RDAP's path segment after decoding, a WHOIS query line), or the problem with
 * it; the caller has refused control characters and unpaired surrogates. `name` null as in parseLookupName.
 */
export function parseNameText(text: string): { name: LookupName | null } | { problem: NameProblem } {
  const ascii = tryALabelName(text.replace(/[.。．｡]$/, ''))
  if (ascii === null) return problem('不是有效的域名（IDNA2008）', 'Not a valid domain name (IDNA2008, UTS #46)')
  if (ascii.length > MAX_NAME_OCTETS || ascii.split('.').some((label) => label.length > MAX_LABEL_OCTETS))
    return problem('域名过长：每级不超过 63 字节，全名不超过 253 字节', 'The name is longer than DNS allows')
  const name = splitRegistryName(ascii)
  if (!name)
    return problem('本注册局只管理 .政务 和 .公益 下的域名', 'This registry holds names under .政务 and .公益 only')
  if (name.host !== '@') return { name: null }
  return { name: { suffix: name.suffix, aLabel: name.domainALabel } }
}
