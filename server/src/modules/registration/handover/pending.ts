// The handover an emailed link belongs to: the link (AccountToken HANDOVER) is issued for the unit's primary
// account, and a unit has at most one PENDING handover, so the live link leads to it. Nothing is consumed here.
import type { Prisma, PrismaClient } from '../../../generated/prisma/client.ts'
import { findLiveAccountToken } from '../../auth/accountTokens.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** The PENDING, unexpired handover of a live link, with its unit and the primary account; null otherwise. */
export async function handoverOfLink(db: Db, secret: string) {
  const token = await findLiveAccountToken(db, secret, 'HANDOVER')
  if (!token) return null
  const user = await db.user.findUnique({
    where: { id: token.userId },
    select: { id: true, username: true, officeId: true, unitId: true, unitRole: true, passwordHash: true },
  })
  if (!user?.unitId || user.unitRole !== 'PRIMARY') return null
  const handover = await db.unitHandover.findFirst({
    where: { unitId: user.unitId, status: 'PENDING', expiresAt: { gt: new Date() } },
    include: { unit: { include: { region: { select: { path: true } } } } },
  })
  return handover ? { handover, user } : null
}
