// The world the authorization matrix runs in: eight principals (and four role principals of 濮阳市), and for each the targets "own", "sibling",
// "descendant" and "other province" mapped onto units (with their domains, site applications, badges, micro-sites,
// offices and audit rows) in a fixed region tree:
//
//   河南省 410000 ── 郑州市 410100 (zz)
//     │            └ 濮阳市 410900 (pyjy) ── 清丰县 410922 (qfzf, qfyy)
//     │                                   └ 南乐县 410923 (nanle)
//     └ (henan: a province-level unit)
//   河北省 130000 ── 石家庄市 130100 (sjzsl)
import type { PrismaClient } from '../../../server/src/generated/prisma/client.ts'
import type { OfficeRole } from '../../../server/src/generated/prisma/enums.ts'
import { graphql } from '../../graphql/generated/index.ts'
import type { TestApp } from '../../testkit/app.ts'
import { createDomain, createUnit } from '../../testkit/fixtures.ts'
import { createIssuedBadge } from '../../testkit/sites.ts'

export const PRINCIPALS = [
  'anonymous',
  'tokenReadOnly',
  'tokenReadWrite',
  'unit',
  'county',
  'city',
  'province',
  'conac',
] as const
export type Principal = (typeof PRINCIPALS)[number]

/**
 * 编办内角色 at one level only (design §2.3): three 濮阳市 clerks with one role each (seeded demo accounts) and a
 * read-write token of 濮阳市 with 财务 only. The matrix probes them only on rows whose policy names `roles`; on every
 * other row their cell is their base column's (the city's, or the read-write token's).
 */
export const ROLE_PRINCIPALS = ['cityAdmin', 'cityReviewer', 'cityFinance', 'tokenFinance'] as const
export type RolePrincipal = (typeof ROLE_PRINCIPALS)[number]
export type AnyPrincipal = Principal | RolePrincipal
export const ALL_PRINCIPALS = [...PRINCIPALS, ...ROLE_PRINCIPALS] as const

export const ROLE_PRINCIPAL: Record<RolePrincipal, { base: Principal; roles: readonly OfficeRole[] }> = {
  cityAdmin: { base: 'city', roles: ['ADMIN'] },
  cityReviewer: { base: 'city', roles: ['REVIEWER'] },
  cityFinance: { base: 'city', roles: ['FINANCE'] },
  tokenFinance: { base: 'tokenReadWrite', roles: ['FINANCE'] },
}

export const TARGETS = ['own', 'sibling', 'descendant', 'otherProvince'] as const
export type Target = (typeof TARGETS)[number]

export type TargetUnitKey = 'qfzf' | 'qfyy' | 'nanle' | 'pyjy' | 'zz' | 'henan' | 'sjzsl'

/**
 * Which unit plays which target for each principal. A county has no descendant region, a province no sibling
 * below the country (other provinces are "other province"), CONAC no own or sibling; a unit user's sibling is
 * another unit of its county. The tokens belong to the 濮阳市 office.
 */
export const TARGET_UNITS: Record<AnyPrincipal, Partial<Record<Target, TargetUnitKey>>> = {
  anonymous: { own: 'qfzf', otherProvince: 'sjzsl' },
  tokenReadOnly: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  tokenReadWrite: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  unit: { own: 'qfzf', sibling: 'qfyy', otherProvince: 'sjzsl' },
  county: { own: 'qfzf', sibling: 'nanle', otherProvince: 'sjzsl' },
  city: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  province: { own: 'henan', descendant: 'qfzf', otherProvince: 'sjzsl' },
  conac: { descendant: 'qfzf', otherProvince: 'sjzsl' },
  cityAdmin: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  cityReviewer: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  cityFinance: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
  tokenFinance: { own: 'pyjy', sibling: 'zz', descendant: 'qfzf', otherProvince: 'sjzsl' },
}

/** Everything a target unit has, by id, for the by-id fields and the list filters. */
export interface TargetObjects {
  unitId: number
  regionCode: string
  provinceCode: string
  /** A REGISTERED domain (bound to the site application) */
  domainId: number
  /** A domain waiting for its same-level office (初审) */
  pendingDomainId: number
  siteApplicationId: number
  /** An ACTIVE self-built badge past its installation deadline (逾期未安装) */
  badgeId: number
  microSiteUnitId: number
  officeId: number
  accountId: number
  /** A PENDING 机构改革 (rename) of the unit, filed by its own office */
  reorganisationId: number
}

export interface Credentials {
  cookie?: string
  token?: string
}

export interface World {
  credentials: Record<AnyPrincipal, Credentials>
  targets: Record<TargetUnitKey, TargetObjects>
  /** The concrete objects behind a principal's target, or undefined when the principal has no such target. */
  targetOf(principal: AnyPrincipal, target: Target): TargetObjects | undefined
}

const CreateToken = graphql(`
  mutation MatrixCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

const DEMO_UNITS: Partial<Record<TargetUnitKey, string>> = {
  qfzf: '清丰县人民政府办公室',
  qfyy: '清丰县人民医院',
  pyjy: '濮阳市教育局',
  sjzsl: '石家庄市水利局',
}
const NEW_UNITS: Partial<Record<TargetUnitKey, string>> = { nanle: '410923', zz: '410100', henan: '410000' }

export async function buildWorld(t: TestApp): Promise<World> {
  const prisma = t.db.prisma
  const unitIds = {} as Record<TargetUnitKey, number>
  for (const [key, name] of Object.entries(DEMO_UNITS)) {
    unitIds[key as TargetUnitKey] = (await prisma.unit.findFirstOrThrow({ where: { name } })).id
  }
  for (const [key, regionCode] of Object.entries(NEW_UNITS)) {
    unitIds[key as TargetUnitKey] = (await createUnit(prisma, { regionCode, name: `矩阵测试单位${regionCode}` })).id
  }
  const targets = {} as Record<TargetUnitKey, TargetObjects>
  for (const [key, unitId] of Object.entries(unitIds)) targets[key as TargetUnitKey] = await objectsOf(prisma, unitId)

  const cookies = {} as Record<AnyPrincipal, string>
  const logins: Partial<Record<AnyPrincipal, string>> = {
    unit: 'qfzf',
    county: 'qingfeng',
    city: 'puyang',
    province: 'henan',
    conac: 'conac',
    cityAdmin: 'py-admin',
    cityReviewer: 'py-shenhe',
    cityFinance: 'py-caiwu',
  }
  for (const [principal, username] of Object.entries(logins))
    cookies[principal as AnyPrincipal] = await t.login(username)
  const token = async (access: 'READ_ONLY' | 'READ_WRITE', roles?: OfficeRole[]) => {
    const name = `矩阵 ${access} ${roles?.join('+') ?? ''}`.trim()
    const result = await t.execute(CreateToken, { input: { name, access, roles } }, { cookie: cookies.city })
    if (!result.data) throw new Error(`token: ${JSON.stringify(result.errors)}`)
    return result.data.createApiToken.token
  }
  const credentials: Record<AnyPrincipal, Credentials> = {
    anonymous: {},
    tokenReadOnly: { token: await token('READ_ONLY') },
    tokenReadWrite: { token: await token('READ_WRITE') },
    unit: { cookie: cookies.unit },
    county: { cookie: cookies.county },
    city: { cookie: cookies.city },
    province: { cookie: cookies.province },
    conac: { cookie: cookies.conac },
    cityAdmin: { cookie: cookies.cityAdmin },
    cityReviewer: { cookie: cookies.cityReviewer },
    cityFinance: { cookie: cookies.cityFinance },
    tokenFinance: { token: await token('READ_WRITE', [...ROLE_PRINCIPAL.tokenFinance.roles]) },
  }
  return {
    credentials,
    targets,
    targetOf: (principal, target) => {
      const key = TARGET_UNITS[principal][target]
      return key ? targets[key] : undefined
    },
  }
}

async function objectsOf(prisma: PrismaClient, unitId: number): Promise<TargetObjects> {
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId }, include: { region: true } })
  const provinceCode = unit.region.path.split('/').filter(Boolean)[1]!
  const { application, badge, domain } = await createIssuedBadge(prisma, {
    unitId,
    issuedAt: new Date(Date.now() - 30 * 86_400_000),
    installDeadline: new Date(Date.now() - 20 * 86_400_000),
  })
  const pending = await createDomain(prisma, { unitId })
  await prisma.microSite.upsert({
    where: { unitId },
    create: {
      unitId,
      title: `${unit.name}网络红页`,
      introduction: '矩阵测试',
      status: 'PUBLISHED',
      publishedAt: new Date(),
    },
    update: {},
  })
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: unit.regionCode } })
  const account = await prisma.account.findFirstOrThrow({ where: { officeId: office.id } })
  await prisma.paymentSettings.upsert({
    where: { officeId: office.id },
    create: { officeId: office.id, mode: 'COUNTER' },
    update: {},
  })
  await prisma.auditLog.create({
    data: { action: 'matrix.fixture', subjectType: 'Unit', subjectId: String(unitId), regionPath: unit.region.path },
  })
  const clerk = await prisma.user.findFirstOrThrow({ where: { officeId: office.id } })
  const reorganisation = await prisma.unitReorganisation.create({
    data: {
      kind: 'RENAME',
      plan: { kind: 'RENAME', sourceUnitIds: [unitId], targets: [], assignments: [], newName: `${unit.name}（新）` },
      sourceUnitIds: [unitId],
      initiatingOfficeId: office.id,
      reviewOfficeId: office.id,
      effectiveDate: new Date('2026-01-01'),
      note: '矩阵测试',
      requestedById: clerk.id,
    },
  })
  return {
    unitId,
    regionCode: unit.regionCode,
    provinceCode,
    domainId: domain.id,
    pendingDomainId: pending.id,
    siteApplicationId: application.id,
    badgeId: badge.id,
    microSiteUnitId: unitId,
    officeId: office.id,
    accountId: account.id,
    reorganisationId: reorganisation.id,
  }
}
