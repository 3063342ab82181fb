// The registrant as RDAP shows it: the unit, with its public facts only (unit name, region, unit type), in a jCard
// (RFC 7095, RFC 9083 §5.1). The handler's personal data (name, mobile, email, ID number) and the unit's street and
// postcode are not in the answer at all, and the answer says so in RFC 9537's `redacted` member. The handle is
// UNIT-<id>; a unit is found only while it holds a domain RDAP publishes (status.ts): an account that never
// registered a name is nobody's business.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { UnitStatus, UnitType } from '../../generated/prisma/enums.ts'
import { isPlaceholderRegion } from '../../seed/regions.ts'
import { codesOnPath } from '../regions/schema.ts'
import { conformance, rdapLink, RDAP_LANG, REDACTION_NOTICE, termsOfUse, type RdapLink } from './common.ts'
import { RDAP_PUBLISHED_STATES } from './status.ts'

export const UNIT_TYPE_TEXT: Record<UnitType, string> = {
  PARTY_GOVERNMENT: '党政机关',
  MASS_ORGANIZATION: '群团机关',
  PUBLIC_INSTITUTION: '事业单位',
  SOCIAL_ORGANIZATION: '社会组织',
}

const HANDLE = /^UNIT-([1-9][0-9]{0,9})$/

export const unitHandle = (unitId: number) => `UNIT-${unitId}`

/** The unit id of a handle (UNIT-12, any case); null when it is no handle of ours. */
export function unitIdOfHandle(handle: string): number | null {
  const match = HANDLE.exec(handle.toUpperCase())
  const id = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null
}

/** The columns an entity is built from: public facts only, so nothing else can leak into the answer. */
export const PUBLIC_UNIT_SELECT = {
  id: true,
  name: true,
  type: true,
  status: true,
  region: { select: { path: true, name: true } },
} as const

export interface PublicUnit {
  id: number
  name: string
  type: UnitType
  status: UnitStatus
  region: { path: string; name: string }
}

/** A unit that holds at least one published domain, by id; null otherwise. */
export async function findPublicUnit(prisma: PrismaClient, unitId: number): Promise<PublicUnit | null> {
  return prisma.unit.findFirst({
    where: { id: unitId, domains: { some: { status: { in: RDAP_PUBLISHED_STATES } } } },
    select: PUBLIC_UNIT_SELECT,
  })
}

/** The region from the province down, e.g. [河南省, 濮阳市, 清丰县] (the country and groupings like 市辖区 left out). */
async function regionLineage(prisma: PrismaClient, region: { path: string; name: string }): Promise<string[]> {
  const codes = codesOnPath(region.path).slice(1)
  const rows = await prisma.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })
  const names = codes
    .map((code) => rows.find((row) => row.code === code)?.name)
    .filter((name): name is string => !!name && !isPlaceholderRegion(name))
  return names.length ? names : [region.name]
}

/** The registrant entity of a unit, for a domain's `entities` or as the topmost object of /rdap/entity. */
export async function registrantEntity(prisma: PrismaClient, unit: PublicUnit, requestUrl: string) {
  const [province = '', ...below] = await regionLineage(prisma, unit.region)
  const handle = unitHandle(unit.id)
  const links: RdapLink[] = [rdapLink('self', `entity/${handle}`, requestUrl)]
  return {
    objectClassName: 'entity' as const,
    handle,
    roles: ['registrant'],
    status: [unit.status === 'ACTIVE' ? 'active' : 'inactive'],
    vcardArray: [
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['kind', {}, 'text', 'org'],
        ['fn', {}, 'text', unit.name],
        ['org', {}, 'text', unit.name],
        // ADR: post office box, extended address, street, locality, region, postal code, country (RFC 6350 §6.3.1).
        // Street and postal code are left empty (see the redacted member).
        ['adr', { cc: 'CN' }, 'text', ['', '', '', below.join(' '), province, '', '中国']],
      ],
    ],
    remarks: [
      { title: '单位类型 Unit type', description: [UNIT_TYPE_TEXT[unit.type]] },
      { title: '所属区域 Region', description: [[province, ...below].filter(Boolean).join(' / ')] },
    ],
    links,
  }
}

/**
 * RFC 9537's redacted member for a registrant entity at `path` (`$` when the entity is the topmost object, a
 * JSONPath to it inside a domain): what is withheld, how, and why.
 */
export function registrantRedactions(path: string) {
  const vcard = `${path}.vcardArray[1]`
  const personalData = { description: '个人信息保护 Personal data protection (PIPL)' }
  const publicFactsOnly = {
    description: '只公开单位名称、所属区域和单位类型 Only name, region and unit type are public',
  }
  return [
    { name: { description: '经办人姓名 Handler name' }, method: 'removal', reason: personalData },
    {
      name: { type: 'Registrant Phone' },
      prePath: `${vcard}[?(@[0]=='tel')]`,
      pathLang: 'jsonpath',
      method: 'removal',
      reason: personalData,
    },
    {
      name: { type: 'Registrant Email' },
      prePath: `${vcard}[?(@[0]=='email')]`,
      pathLang: 'jsonpath',
      method: 'removal',
      reason: personalData,
    },
    { name: { description: '经办人身份证号 Handler ID number' }, method: 'removal', reason: personalData },
    {
      name: { type: 'Registrant Street' },
      postPath: `${vcard}[?(@[0]=='adr')][3][2]`,
      pathLang: 'jsonpath',
      method: 'emptyValue',
      reason: publicFactsOnly,
    },
    {
      name: { type: 'Registrant Postal Code' },
      postPath: `${vcard}[?(@[0]=='adr')][3][5]`,
      pathLang: 'jsonpath',
      method: 'emptyValue',
      reason: publicFactsOnly,
    },
  ]
}

/** The full RDAP answer for /rdap/entity/<handle>, or null when no published registrant has that handle. */
export async function lookupEntity(prisma: PrismaClient, handle: string, requestUrl: string) {
  const unitId = unitIdOfHandle(handle)
  const unit = unitId === null ? null : await findPublicUnit(prisma, unitId)
  if (!unit) return null
  return {
    rdapConformance: conformance({ redacted: true }),
    lang: RDAP_LANG,
    ...(await registrantEntity(prisma, unit, requestUrl)),
    notices: [termsOfUse(requestUrl), REDACTION_NOTICE],
    redacted: registrantRedactions('$'),
  }
}
