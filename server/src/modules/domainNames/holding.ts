// Who holds a name. A domain holds its own name (the PRIMARY row of domain_names, which the database writes from
// domains.name) and the 简繁 variants of it (VARIANT rows, reserved here when the unit applies): nobody else may
// apply for any of them while the domain is live, and the unit chooses whether each variant answers in DNS. The
// partial unique index domain_names_live_unique is the last word when two applications race.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { toALabel } from '../../lib/idna.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { variantsOf } from './variants.ts'

type Db = Prisma.TransactionClient | PrismaClient

export interface NameClaim {
  /** A valid, normalized name (nameProblem found nothing). */
  name: string
  suffix: DomainSuffix
  /** The applying unit; null when unknown (an office asking whether a name is free): every holder counts. */
  unitId: number | null
  /** The domain that claims it again (resubmission): its own rows do not count against it. */
  domainId?: number
}

/** Why the unit may not apply for the name (someone holds it or one of its variants), or null. */
export async function nameHoldingProblem(db: Db, claim: NameClaim): Promise<string | null> {
  const own = toALabel(claim.name)
  const labels = new Map([[own, claim.name], ...variantsOf(claim.name).map((v) => [toALabel(v), v] as const)])
  const holders = await db.domainName.findMany({
    where: {
      suffix: claim.suffix,
      live: true,
      aLabel: { in: [...labels.keys()] },
      ...(claim.domainId ? { domainId: { not: claim.domainId } } : {}),
    },
    select: { aLabel: true, kind: true, domain: { select: { unitId: true, name: true, suffix: true } } },
    orderBy: { id: 'asc' },
  })
  const holderOfName = holders.find((holder) => holder.aLabel === own)
  if (holderOfName) {
    if (holderOfName.kind === 'VARIANT' && holderOfName.domain.unitId === claim.unitId)
      return `「${claim.name}」是本单位域名「${fullName(holderOfName.domain)}」的简繁变体，已为本单位保留，不必另行申请`
    return '该域名已被申请或注册'
  }
  // A variant the unit already holds through another of its domains stays with that domain.
  const otherUnits = holders.find((holder) => holder.domain.unitId !== claim.unitId)
  if (otherUnits)
    return `该域名的简繁变体「${labels.get(otherUnits.aLabel)}${SUFFIX_TEXT[claim.suffix]}」已被其他单位申请或注册，不能申请`
  return null
}

const fullName = (domain: { name: string; suffix: DomainSuffix }) => `${domain.name}${SUFFIX_TEXT[domain.suffix]}`

/**
 * Reserves the domain's variants that nobody holds (those the unit holds through another domain stay there), not
 * resolving until the unit says so. Run in the transaction that writes the domain's name; returns the variants added.
 */
export async function reserveVariants(
  db: Db,
  domain: { id: number; name: string; suffix: DomainSuffix },
): Promise<string[]> {
  const variants = variantsOf(domain.name).map((uLabel) => ({ uLabel, aLabel: toALabel(uLabel) }))
  if (!variants.length) return []
  const held = await db.domainName.findMany({
    where: {
      suffix: domain.suffix,
      aLabel: { in: variants.map((v) => v.aLabel) },
      OR: [{ live: true }, { domainId: domain.id }],
    },
    select: { aLabel: true },
  })
  const taken = new Set(held.map((row) => row.aLabel))
  const free = variants.filter((variant) => !taken.has(variant.aLabel))
  await db.domainName.createMany({
    data: free.map((variant) => ({ ...variant, domainId: domain.id, suffix: domain.suffix, kind: 'VARIANT' as const })),
  })
  return free.map((variant) => variant.uLabel)
}
