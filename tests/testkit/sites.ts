// Fixtures for the site-application, badge, installation-check and micro-site tests: a site application already in
// BADGE_ISSUED with its badge, written straight to the database (the review flow itself is tested in
// api/site-applications.test.ts and the browser journey).
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { createDomain, makeIdNumber } from './fixtures.ts'

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
      handlerIdNumber: makeIdNumber(),
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
