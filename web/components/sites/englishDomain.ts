// 英文域名 by unit type, as the API checks it (server/src/lib/englishDomain.ts: tests/api/english-domain-by-unit-type
// .test.ts keeps the two in step): every unit type needs a host name that can be reached on the Internet, and only
// 党政机关 need it under .gov.cn (seed 001). The site application form and the badge change form both use it.
import type { UnitType } from '../../graphql/generated/graphql'

/** The unit types whose site must sit under .gov.cn (seed 001: 党政机关). */
export const GOV_CN_REQUIRED: Record<UnitType, boolean> = {
  PARTY_GOVERNMENT: true,
  MASS_ORGANIZATION: false,
  PUBLIC_INSTITUTION: false,
  SOCIAL_ORGANIZATION: false,
}

/** Lower-case LDH labels and a top-level domain of letters: no scheme, path, port, user or IP address. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
const MAX_LENGTH = 253

/** Top-level names that never reach the Internet (RFC 6761, 6762, 9476, and the usual private ones). */
const PRIVATE_TOP_LEVEL = new Set([
  'localhost',
  'local',
  'localdomain',
  'test',
  'example',
  'invalid',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'private',
  'onion',
  'alt',
  'arpa',
])

/** An example domain of the right kind, for placeholders and messages. */
export const englishDomainExample = (type: UnitType) =>
  GOV_CN_REQUIRED[type] ? 'www.example.gov.cn' : 'www.example.cn'

/** The help line under the field. */
export function englishDomainHelp(type: UnitType): string {
  return GOV_CN_REQUIRED[type] ? '党政机关的英文域名须以 .gov.cn 结尾' : '填写网站的域名，不含 http:// 和路径'
}

/** The problem with a (trimmed, lower-cased) English domain for a unit of this type, or null when it is fine. */
export function englishDomainProblem(domain: string, type: UnitType): string | null {
  if (domain.length > MAX_LENGTH) return `英文域名不能超过 ${MAX_LENGTH} 个字符`
  if (!HOST_NAME.test(domain))
    return `英文域名格式不正确：只填写域名，如 ${englishDomainExample(type)}，不含 http://、路径和端口`
  if (PRIVATE_TOP_LEVEL.has(domain.slice(domain.lastIndexOf('.') + 1))) return '英文域名须为互联网上可以访问的域名'
  if (GOV_CN_REQUIRED[type] && !domain.endsWith('.gov.cn'))
    return '党政机关的英文域名须以 .gov.cn 结尾，如 www.example.gov.cn'
  return null
}
