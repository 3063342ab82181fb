// 英文域名: the host name of a self-built site (网站开办申请, 标识变更), by unit type. Seed 001 asks a domain "以 .gov.cn
// 为结尾" of 党政机关 only; its 事业单位 and 社会组织 section asks just for the site's English domain (or the micro-site),
// and seed 002 that the domain reaches the site. So every unit type needs a host name that can be reached on the
// Internet, and only 党政机关 need it under .gov.cn. The portal mirrors this in web/components/sites/englishDomain.ts
// (tests/api/english-domain-by-unit-type.test.ts keeps the two in step).
import type { UnitType } from '../generated/prisma/enums.ts'

/** The unit types whose site must sit under .gov.cn (seed 001: 党政机关). */
export const GOV_CN_REQUIRED: Record<UnitType, boolean> = {
  PARTY_GOVERNMENT: true,
  MASS_ORGANIZATION: false,
  PUBLIC_INSTITUTION: false,
  SOCIAL_ORGANIZATION: false,
}

/**
 * Lower-case LDH labels and a top-level domain of letters: no scheme, path, port or user, and no IP address
 * (an all-digit or hex "top-level domain" would be read as one). The database holds the same shape as a check
 * constraint on site_applications."englishDomain".
 */
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

const example = (type: UnitType) => (GOV_CN_REQUIRED[type] ? 'www.example.gov.cn' : 'www.example.cn')

/** The problem with a (trimmed, lower-cased) English domain for a unit of this type, or null when it is fine. */
export function englishDomainProblem(domain: string, type: UnitType): string | null {
  if (domain.length > MAX_LENGTH) return `英文域名不能超过 ${MAX_LENGTH} 个字符`
  if (!HOST_NAME.test(domain)) return `英文域名格式不正确：只填写域名，如 ${example(type)}，不含 http://、路径和端口`
  if (PRIVATE_TOP_LEVEL.has(domain.slice(domain.lastIndexOf('.') + 1))) return '英文域名须为互联网上可以访问的域名'
  if (GOV_CN_REQUIRED[type] && !domain.endsWith('.gov.cn'))
    return '党政机关的英文域名须以 .gov.cn 结尾，如 www.example.gov.cn'
  return null
}
