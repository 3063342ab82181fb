// A site application's bound domains (绑定域名) are every domain its unit held when it was submitted; only its
// Chinese domain (chineseDomainId) is the site's own. A domain that leaves the unit (注销, 过户) therefore does not
// take a site or its badge with it when it is merely bound: it is unbound from those applications instead, so the
// badge's verification page and the printed form stop listing a name the unit no longer holds.
import type { Prisma } from '../../generated/prisma/client.ts'

type Tx = Pick<Prisma.TransactionClient, 'siteApplicationDomain'>

/**
 * Unbinds the domain from the unit's site applications whose Chinese domain it is not (those whose own domain it is
 * are withdrawn, cancelled or moved by the caller, and keep it as their history); returns their ids.
 */
export async function unbindDomain(tx: Tx, domainId: number, unitId: number): Promise<number[]> {
  const where: Prisma.SiteApplicationDomainWhereInput = {
    domainId,
    siteApplication: { unitId, chineseDomainId: { not: domainId } },
  }
  const bound = await tx.siteApplicationDomain.findMany({ where, select: { siteApplicationId: true } })
  if (bound.length) await tx.siteApplicationDomain.deleteMany({ where })
  return bound.map((row) => row.siteApplicationId).sort((a, b) => a - b)
}
