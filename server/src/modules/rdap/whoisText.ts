// The WHOIS (RFC 3912) answer: the same facts as the RDAP domain object (lookupDomain in domain.ts builds both, so
// the two services never disagree), written as the "Key: value" lines WHOIS clients and people read, in UTF-8.
// Status values are the EPP names (RFC 5731/3915) that RFC 8056 maps RDAP's onto. Personal data are never in the
// RDAP object, so never here either.
import { rdapUrl } from './common.ts'
import type { lookupDomain } from './domain.ts'
import type { RdapStatus } from './status.ts'

type DomainAnswer = NonNullable<Awaited<ReturnType<typeof lookupDomain>>>

/** RDAP status → EPP status (RFC 8056 §2 read backwards). */
const EPP_STATUS: Record<RdapStatus, string> = {
  active: 'ok',
  inactive: 'inactive',
  'server hold': 'serverHold',
  'pending renew': 'pendingRenew',
  'auto renew period': 'autoRenewPeriod',
  'redemption period': 'redemptionPeriod',
  'pending delete': 'pendingDelete',
}

/** The EPP statuses of an answer; "ok" only alone (RFC 5731 §2.3: it cannot be combined with another status). */
export function eppStatuses(status: readonly string[]): string[] {
  const epp = status.map((value) => EPP_STATUS[value as RdapStatus] ?? value)
  return epp.length > 1 ? epp.filter((value) => value !== 'ok') : epp
}

/** The terms of use, the same as RDAP's notice (lines of at most about 80 columns). */
export const WHOIS_TERMS = [
  '使用条款：本服务由中央编办政务和公益机构域名注册管理中心提供，',
  '公开 .政务 和 .公益 域名的注册信息，仅供查询核实之用。只公开单位名称、',
  '所属区域和单位类型；经办人的姓名、电话、电子邮件和身份证号等个人信息不予公开。',
  '不得将查询结果用于发送广告、批量收集或任何违法用途；每个地址的查询次数有限制。',
  'Terms of use: registration data of names under .政务 and .公益, for lookup and',
  "verification only. Only the registrant unit's public facts are shown; the",
  "handler's personal data are withheld. No advertising, bulk collection or",
  'unlawful use. Queries per address are rate-limited.',
]

const vcardValue = (vcard: unknown[], property: string): unknown =>
  (vcard.find((entry) => Array.isArray(entry) && entry[0] === property) as unknown[] | undefined)?.[3]

function eventDate(answer: DomainAnswer, action: string): string | undefined {
  const event = answer.events.find((candidate) => candidate && candidate.eventAction === action)
  return event ? event.eventDate : undefined
}

/** The lines answering a query for a registered name, terms of use last. */
export function whoisDomainLines(answer: DomainAnswer, now: Date): string[] {
  const registrant = answer.entities[0]!
  const vcard = registrant.vcardArray[1] as unknown[]
  const adr = (vcardValue(vcard, 'adr') as string[] | undefined) ?? []
  const unitType = registrant.remarks[0]?.description[0]
  const lines = [
    `Domain Name: ${answer.ldhName}`,
    `Domain Name (Unicode): ${answer.unicodeName}`,
    `Registry Domain ID: ${answer.handle}`,
  ]
  const created = eventDate(answer, 'registration')
  const updated = eventDate(answer, 'last changed')
  const expires = eventDate(answer, 'expiration')
  if (updated) lines.push(`Updated Date: ${updated}`)
  if (created) lines.push(`Creation Date: ${created}`)
  if (expires) lines.push(`Registry Expiry Date: ${expires}`)
  for (const status of eppStatuses(answer.status))
    lines.push(`Domain Status: ${status} https://icann.org/epp#${status}`)
  lines.push(`Registrant ID: ${registrant.handle}`)
  lines.push(`Registrant Organization: ${String(vcardValue(vcard, 'org') ?? '')}`)
  if (adr[4]) lines.push(`Registrant State/Province: ${adr[4]}`)
  if (adr[3]) lines.push(`Registrant City: ${adr[3]}`)
  lines.push('Registrant Country: CN')
  if (unitType) lines.push(`Registrant Unit Type: ${unitType}`)
  for (const variant of answer.variants?.[0]?.variantNames ?? [])
    lines.push(`Variant Name: ${variant.ldhName} (${variant.unicodeName})`)
  for (const link of answer.links.filter((candidate) => candidate.type === 'text/html'))
    lines.push(`Verification: ${link.href}`)
  lines.push(`RDAP: ${rdapUrl(`domain/${answer.ldhName}`)}`)
  lines.push(`>>> Last update of WHOIS database: ${now.toISOString()} <<<`)
  return [...lines, '', ...WHOIS_TERMS]
}

/** The lines for a name the registry publishes no domain by (RFC 3912 leaves the wording; "No match" is usual). */
export function whoisNoMatchLines(query: string): string[] {
  return [`No match for "${query}".`, '未找到该域名的注册信息。', '', ...WHOIS_TERMS]
}
