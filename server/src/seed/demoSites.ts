// Demo data for website review and badges: registered domains the demo units can apply with, and one finished case
// (清丰县人民医院's micro-site with its badge) so the public pages have something to show. Idempotent, like the rest of the seed.
import type { PrismaClient } from '../generated/prisma/client.ts'
import { openIdNumber, sealIdNumber } from '../lib/idNumberColumns.ts'
import { reserveVariants } from '../modules/domainNames/holding.ts'

/** Domains "migrated from the old system": registered a year ago for two years. */
const DEMO_DOMAINS = [
  { unit: '清丰县人民政府办公室', name: '清丰县政府门户', suffix: 'ZHENGWU' },
  { unit: '清丰县人民政府办公室', name: '清丰政务服务', suffix: 'ZHENGWU' },
  { unit: '清丰县人民政府办公室', name: '清丰县信息公开', suffix: 'ZHENGWU' },
  { unit: '清丰县人民医院', name: '清丰县人民医院', suffix: 'GONGYI' },
  { unit: '清丰县人民医院', name: '清丰医院预约', suffix: 'GONGYI' },
] as const

/** The demo hospital's badge (on its micro-site): public pages and tests can open /verify/ with it. */
export const DEMO_BADGE_NUMBER = '202541092200001'

export async function seedDemoSites(prisma: PrismaClient, now = new Date()): Promise<void> {
  const year = 365 * 86_400_000
  const domainIds = new Map<string, number>()
  for (const demo of DEMO_DOMAINS) {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { name: demo.unit } })
    const existing = await prisma.domain.findFirst({ where: { name: demo.name, suffix: demo.suffix, unitId: unit.id } })
    // With its 简繁 variants, as an application reserves them (holding.ts), in the same transaction.
    const domain =
      existing ??
      (await prisma.$transaction(async (tx) => {
        const created = await tx.domain.create({
          data: {
            name: demo.name,
            suffix: demo.suffix,
            unitId: unit.id,
            status: 'REGISTERED',
            years: 2,
            submittedAt: new Date(now.getTime() - year - 30 * 86_400_000),
            registeredAt: new Date(now.getTime() - year),
            expiresAt: new Date(now.getTime() + year),
          },
        })
        await reserveVariants(tx, created)
        return created
      }))
    domainIds.set(demo.name, domain.id)
  }

  if (await prisma.badge.findUnique({ where: { badgeNumber: DEMO_BADGE_NUMBER } })) return
  const hospital = await prisma.unit.findUniqueOrThrow({ where: { name: '清丰县人民医院' } })
  const issuedAt = new Date('2025-06-16T02:00:00Z')
  const application = await prisma.siteApplication.create({
    data: {
      serialNumber: 'WZ-2025-000001',
      unitId: hospital.id,
      kind: 'NEW_SITE',
      status: 'BADGE_ISSUED',
      unitName: hospital.name,
      superiorUnitName: hospital.superiorUnitName,
      unitFunctions: hospital.functions,
      systemCategory: hospital.systemCategory,
      address: hospital.address,
      postcode: hospital.postcode,
      siteName: '清丰县人民医院',
      siteIntro: '清丰县人民医院网络红页，发布医院简介、科室设置和就诊信息。',
      chineseDomainId: domainIds.get('清丰县人民医院'),
      useMicroSite: true,
      principalName: '演示负责人',
      principalMobile: '13800000001',
      principalEmail: 'qfyy-principal@example.com',
      handlerName: '演示经办人',
      handlerMobile: '13800000002',
      handlerEmail: 'qfyy@example.com',
      // The handler's number as the unit has it, encrypted again for this table (its AAD differs).
      ...sealIdNumber('siteApplication', openIdNumber('unit', hospital.handlerIdNumberEnc)!),
      submittedAt: new Date('2025-06-09T02:00:00Z'),
      boundDomains: {
        create: [{ domainId: domainIds.get('清丰县人民医院')! }, { domainId: domainIds.get('清丰医院预约')! }],
      },
    },
  })
  await prisma.badge.create({
    data: {
      badgeNumber: DEMO_BADGE_NUMBER,
      siteApplicationId: application.id,
      unitId: hospital.id,
      placement: 'MICRO_SITE',
      siteName: application.siteName,
      issuedAt,
      installDeadline: new Date('2025-06-23T15:59:59.999Z'),
    },
  })
  await prisma.microSite.upsert({
    where: { unitId: hospital.id },
    update: {},
    create: {
      unitId: hospital.id,
      title: '清丰县人民医院',
      introduction: '清丰县人民医院是一所集医疗、教学、科研、预防保健于一体的县级综合医院（演示数据）。',
      functions: '承担全县急危重症救治、常见病多发病诊疗和基层医疗卫生机构业务指导。',
      contacts: '地址：清丰县（演示地址）  电话：0393-7220000',
      status: 'PUBLISHED',
      publishedAt: issuedAt,
      newsItems: {
        create: [
          {
            title: '我院开展义诊进社区活动',
            body: '为方便群众就医，我院组织专家团队走进社区开展义诊（演示数据）。',
            publishedAt: new Date('2025-09-10T02:00:00Z'),
          },
          {
            title: '门诊预约挂号服务调整通知',
            body: '自即日起，门诊预约挂号时段调整为每日 7:30 至 17:00（演示数据）。',
            publishedAt: new Date('2025-10-20T02:00:00Z'),
          },
        ],
      },
    },
  })
}
