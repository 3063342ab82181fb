// Rows for tests, written straight to the database (the API's own paths are tested where they are the subject).
import { sealIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import type { DomainStatus, DomainSuffix, UnitType } from '../../server/src/generated/prisma/enums.ts'

let sequence = 0
const next = () => ++sequence + Math.floor(Math.random() * 1_000_000) * 1000

/** A valid unified social credit code for a region (random organisation part). */
export function makeCreditCode(regionCode: string, marks = '11'): string {
  const orgCode = String(next()).padStart(9, '0').slice(-9)
  const first17 = `${marks}${regionCode}${orgCode}`
  return first17 + creditCodeCheckCharacter(first17)
}

/** A valid resident identity card number (born 1990-01-01 in the region). */
export function makeIdNumber(regionCode = '410922'): string {
  const first17 = `${regionCode}19900101${String(next() % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

export async function createUnit(
  prisma: PrismaClient,
  options: { regionCode: string; type?: UnitType; name?: string },
) {
  const type = options.type ?? 'PARTY_GOVERNMENT'
  return prisma.unit.create({
    data: {
      name: options.name ?? `测试单位${next()}`,
      type,
      systemCategory: type === 'PUBLIC_INSTITUTION' ? 'PUBLIC_INSTITUTION' : 'GOVERNMENT',
      creditCode: makeCreditCode(options.regionCode, type === 'PUBLIC_INSTITUTION' ? '12' : '11'),
      regionCode: options.regionCode,
      address: '测试地址1号',
      postcode: '457300',
      handlerName: '测试',
      handlerMobile: '13900000000',
      handlerEmail: 'handler@example.com',
      ...sealIdNumber('unit', makeIdNumber(options.regionCode)),
    },
  })
}

export async function createDomain(
  prisma: PrismaClient,
  options: {
    unitId: number
    suffix?: DomainSuffix
    status?: DomainStatus
    years?: number
    name?: string
    expiresAt?: Date
  },
) {
  const status = options.status ?? 'PENDING_OFFICE_REVIEW'
  // Registered once (the database requires the dates of these states: domains_registered_has_dates).
  const registered = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION', 'DELETED', 'RELEASED'].includes(status)
  const registeredAt = registered ? new Date(Date.now() - 365 * 86_400_000) : null
  return prisma.domain.create({
    data: {
      name: options.name ?? `测试域名${next()}`,
      suffix: options.suffix ?? 'ZHENGWU',
      unitId: options.unitId,
      status,
      years: options.years ?? 1,
      registeredAt,
      expiresAt: registered ? (options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000)) : null,
    },
  })
}
