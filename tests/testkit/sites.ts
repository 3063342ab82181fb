// Fixtures for the site-application, badge, installation-check and micro-site tests: a site application already in
// BADGE_ISSUED with its badge, written straight to the database (the review flow itself is tested in
// api/site-applications.test.ts and the browser journey).
import { sealIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import type { SaveSiteApplicationDraftInput } from '../graphql/generated/graphql.ts'
import { createDomain, makeIdNumber } from './fixtures.ts'
import { freshMobile } from './registration.ts'

let counter = 0

export interface IssuedBadgeOptions {
  unitId: number
  /** MICRO_SITE: no English domain or IP. Default SELF_BUILT. */
  placement?: 'MICRO_SITE' | 'SELF_BUILT'
  /** Default www.site<n>.gov.cn */
  englishDomain?: string
  siteName?: string
  issuedAt?: Date
  installDeadline?: Date
}

/** An application in BADGE_ISSUED for a new REGISTERED domain of the unit, and its ACTIVE badge. */
export async function createIssuedBadge(prisma: PrismaClient, options: IssuedBadgeOptions) {
  counter += 1
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: options.unitId } })
  const suffix = unit.type === 'PARTY_GOVERNMENT' || unit.type === 'MASS_ORGANIZATION' ? 'ZHENGWU' : 'GONGYI'
  const domain = await createDomain(prisma, { unitId: unit.id, suffix, status: 'REGISTERED' })
  const microSite = options.placement === 'MICRO_SITE'
  const englishDomain = microSite ? null : (options.englishDomain ?? `www.site${process.pid}x${counter}.gov.cn`)
  const siteName = options.siteName ?? `${unit.name}网站${counter}`
  const issuedAt = options.issuedAt ?? new Date()
  const stamp = `${counter}${Math.floor(Math.random() * 1e9)}`.padStart(10, '0').slice(-10)
  const app = await prisma.siteApplication.create({
    data: {
      serialNumber: `WZ-T-${stamp}`,
      unitId: unit.id,
      kind: 'NEW_SITE',
      status: 'BADGE_ISSUED',
      unitName: unit.name,
      superiorUnitName: unit.superiorUnitName,
      unitFunctions: unit.functions,
      systemCategory: unit.systemCategory,
      address: unit.address,
      postcode: unit.postcode,
      siteName,
      siteIntro: `${siteName}简介`,
      chineseDomainId: domain.id,
      englishDomain,
      useMicroSite: microSite,
      ipAddress: microSite ? null : '192.0.2.10',
      principalName: '王负责',
      principalMobile: '13900000001',
      principalEmail: 'principal@example.cn',
      handlerName: '李经办',
      handlerMobile: '13900000002',
      handlerEmail: 'handler@example.cn',
      ...sealIdNumber('siteApplication', makeIdNumber()),
      submittedAt: issuedAt,
      boundDomains: { create: [{ domainId: domain.id }] },
    },
  })
  const badge = await prisma.badge.create({
    data: {
      badgeNumber: `T${stamp}`,
      siteApplicationId: app.id,
      unitId: unit.id,
      placement: microSite ? 'MICRO_SITE' : 'SELF_BUILT',
      siteName,
      englishDomain,
      ipAddress: app.ipAddress,
      issuedAt,
      installDeadline: options.installDeadline ?? new Date(issuedAt.getTime() + 7 * 86_400_000),
    },
  })
  return { application: app, badge, domain }
}

/** A complete 网站开办 draft of 清丰县人民政府办公室 for one of its domains, with a handler mobile no other test uses. */
export function siteApplicationForm(
  domainId: number,
  overrides: Partial<SaveSiteApplicationDraftInput> = {},
): SaveSiteApplicationDraftInput {
  return {
    kind: 'NEW_SITE',
    siteName: '清丰县人民政府网',
    siteIntro: '清丰县人民政府门户网站，发布政务信息。',
    chineseDomainId: String(domainId),
    englishDomain: 'www.qingfeng.gov.cn',
    useMicroSite: false,
    ipAddress: '203.0.113.10',
    principalName: '李负责',
    principalLandline: '0393-7221234',
    principalMobile: '13912345678',
    principalEmail: 'principal@example.com',
    handlerName: '张经办',
    handlerMobile: freshMobile(),
    handlerEmail: 'handler@example.com',
    handlerIdNumber: makeIdNumber('410922'),
    ...overrides,
  }
}
