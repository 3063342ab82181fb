// 公开核验: the public facts of a badge, for the verification page anybody may open (no login). No personal data of
// principal or handler, no IP; an unknown number is null.
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import type { BadgePlacement, BadgeStatus, ReorganisationKind, UnitType } from '../../../generated/prisma/enums.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { SUFFIX_TEXT } from '../../domains/schema.ts'

/** 颁发机构 shown on the verification page: the badge is issued by CONAC (中央编办发〔2014〕69号, seeds 000/004). */
export const BADGE_ISSUER = '中央机构编制委员会办公室 政务和公益机构域名注册管理中心'

/** Badge numbers are digits and capital letters, at most 32 (the column). */
export const BADGE_NUMBER = /^[0-9A-Z]{1,32}$/

export interface BadgeVerificationFacts {
  badgeNumber: string
  status: BadgeStatus
  cancelledAt: Date | null
  unitName: string
  unitType: UnitType
  address: string
  functions: string | null
  siteName: string
  chineseDomains: string[]
  englishDomain: string | null
  placement: BadgePlacement
  issuer: string
  issuedAt: Date
  /** 机构改革: the latest reorganisation that moved the badge or renamed its unit (原单位, date), if any. */
  reorganisation: { kind: ReorganisationKind; formerUnitName: string; effectiveDate: string } | null
}

const full = (domain: { name: string; suffix: keyof typeof SUFFIX_TEXT }) =>
  `${domain.name}${SUFFIX_TEXT[domain.suffix]}`

export const badgeVerification = defineQuery({
  name: 'badgeVerification',
  policy: { who: EVERYONE, tokens: true, rule: '公开核验: public by design, only the public facts in their own type' },
  scope: 'none (one badge by its number)',

  async run(ctx, rawNumber: string): Promise<BadgeVerificationFacts | null> {
    const badgeNumber = rawNumber.trim()
    if (!BADGE_NUMBER.test(badgeNumber))
      throw badInput('标识编号格式不正确', { badgeNumber: '标识编号应为不超过 32 位的数字或大写字母' })
    const badge = await ctx.prisma.badge.findUnique({
      where: { badgeNumber },
      select: {
        badgeNumber: true,
        status: true,
        cancelledAt: true,
        siteName: true,
        englishDomain: true,
        placement: true,
        issuedAt: true,
        // The unit's facts as they are now: an approved 单位信息变更 shows at once. The site application keeps the
        // snapshot it was submitted and reviewed with.
        id: true,
        unitId: true,
        unit: { select: { name: true, type: true, address: true, functions: true } },
        siteApplication: {
          select: {
            chineseDomain: { select: { id: true, name: true, suffix: true } },
            boundDomains: {
              select: { domain: { select: { id: true, name: true, suffix: true, status: true } } },
              orderBy: { domainId: 'asc' },
            },
          },
        },
      },
    })
    if (!badge) return null
    const app = badge.siteApplication
    // The site's own Chinese domain first, then the other registered domains bound to it.
    const chineseDomains: string[] = []
    if (app.chineseDomain) chineseDomains.push(full(app.chineseDomain))
    for (const { domain } of app.boundDomains) {
      if (domain.status === 'REGISTERED' && !chineseDomains.includes(full(domain))) chineseDomains.push(full(domain))
    }
    return {
      badgeNumber: badge.badgeNumber,
      status: badge.status,
      cancelledAt: badge.cancelledAt,
      unitName: badge.unit.name,
      unitType: badge.unit.type,
      address: badge.unit.address,
      functions: badge.unit.functions,
      siteName: badge.siteName,
      chineseDomains,
      englishDomain: badge.englishDomain,
      placement: badge.placement,
      issuer: BADGE_ISSUER,
      issuedAt: badge.issuedAt,
      reorganisation: await reorganisationOf(ctx.prisma, badge.id, badge.unitId),
    }
  },
})

/**
 * The latest 机构改革 behind the badge's unit on the page: one that moved the badge (merge, split, abolish with a
 * target), or renamed the unit that holds it. The former unit is named as it was called then.
 */
async function reorganisationOf(
  db: Pick<Prisma.TransactionClient, 'reorganisedObject' | 'unitSuccession'>,
  badgeId: number,
  unitId: number,
): Promise<BadgeVerificationFacts['reorganisation']> {
  const moved = await db.reorganisedObject.findFirst({
    where: { objectType: 'BADGE', objectId: badgeId, toUnitId: unitId },
    orderBy: [{ effectiveAt: 'desc' }, { id: 'desc' }],
    select: { reorganisationId: true, fromUnitId: true },
  })
  const movedBy = moved
    ? await db.unitSuccession.findFirst({
        where: { reorganisationId: moved.reorganisationId, predecessorUnitId: moved.fromUnitId },
        select: { kind: true, predecessorName: true, effectiveDate: true },
      })
    : null
  const renamed = await db.unitSuccession.findFirst({
    where: { kind: 'RENAME', successorUnitId: unitId },
    orderBy: [{ effectiveDate: 'desc' }, { id: 'desc' }],
    select: { kind: true, predecessorName: true, effectiveDate: true },
  })
  const latest = [movedBy, renamed]
    .filter((s): s is NonNullable<typeof s> => s != null)
    .sort((a, b) => b.effectiveDate.getTime() - a.effectiveDate.getTime())[0]
  if (!latest) return null
  return {
    kind: latest.kind,
    formerUnitName: latest.predecessorName,
    effectiveDate: latest.effectiveDate.toISOString().slice(0, 10),
  }
}
