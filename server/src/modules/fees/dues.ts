// What units owe: their CONAC-approved domains (注册) and the requested renewals of their domains (续费), at the
// price list of the day. 收费 charges exactly this; 单位收费 lists it.
import type { Context } from '../../context.ts'
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { localOfficeOf, unitScope } from '../../lib/scope.ts'
import { pricesOn, type Price } from './prices.ts'

export interface DueItem {
  domainId: number
  renewalId: number | null
  kind: 'REGISTRATION' | 'RENEWAL'
  years: number
  feeFen: bigint
}

/** A CONAC-approved domain's registration for its years. */
export function registrationDue(domain: { id: number; suffix: DomainSuffix; years: number }, price: Price): DueItem {
  return {
    domainId: domain.id,
    renewalId: null,
    kind: 'REGISTRATION',
    years: domain.years,
    feeFen: price(domain.suffix, domain.years),
  }
}

/** A requested renewal of a domain for the renewal's years. */
export function renewalDue(
  renewal: { id: number; domainId: number; years: number; domain: { suffix: DomainSuffix } },
  price: Price,
): DueItem {
  return {
    domainId: renewal.domainId,
    renewalId: renewal.id,
    kind: 'RENEWAL',
    years: renewal.years,
    feeFen: price(renewal.domain.suffix, renewal.years),
  }
}

export interface UnitAwaitingPayment {
  unitId: number
  items: DueItem[]
  amountDueFen: bigint
  /** The viewer is the unit's same-level office (同级编办), the only one that may collect. */
  canCollect: boolean
}

/** Units the viewer may see that owe something (at most 200), each with what it owes at today's prices. */
export async function unitsAwaitingPayment(ctx: Context): Promise<UnitAwaitingPayment[]> {
  const units = await ctx.prisma.unit.findMany({
    where: {
      AND: [
        unitScope(ctx.viewer),
        { domains: { some: { OR: [{ status: 'CONAC_APPROVED' }, { renewals: { some: { status: 'REQUESTED' } } }] } } },
      ],
    },
    orderBy: { id: 'asc' },
    take: 200,
    select: { id: true, region: { select: { path: true } } },
  })
  const unitIds = units.map((unit) => unit.id)
  const domains = await ctx.prisma.domain.findMany({
    where: { unitId: { in: unitIds }, status: 'CONAC_APPROVED' },
    orderBy: { id: 'asc' },
  })
  const renewals = await ctx.prisma.domainRenewal.findMany({
    where: { status: 'REQUESTED', domain: { unitId: { in: unitIds } } },
    include: { domain: { select: { suffix: true, unitId: true } } },
    orderBy: { id: 'asc' },
  })
  const price = await pricesOn(ctx.prisma, new Date())
  const office = localOfficeOf(ctx.viewer)
  return units.map((unit) => {
    const items = [
      ...domains.filter((domain) => domain.unitId === unit.id).map((domain) => registrationDue(domain, price)),
      ...renewals.filter((renewal) => renewal.domain.unitId === unit.id).map((renewal) => renewalDue(renewal, price)),
    ]
    return {
      unitId: unit.id,
      items,
      amountDueFen: items.reduce((sum, item) => sum + item.feeFen, 0n),
      canCollect: unit.region.path === office?.regionPath,
    }
  })
}
