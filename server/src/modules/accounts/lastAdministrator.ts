// An office must keep an active administrator (管理员), or nobody could manage its accounts again: taking the ADMIN
// role from, or disabling, its last active one is refused. Two administrators demoting each other at the same time
// must leave one, so the check runs under a lock of the office row (SELECT … FOR UPDATE): the second transaction
// waits for the first to commit, then counts again and sees the first one's change.
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'

/** Locks the office row, then refuses (LAST_ADMINISTRATOR) if the user is its only active ADMIN. */
export async function refuseLosingLastAdministrator(
  tx: Prisma.TransactionClient,
  user: { id: number; officeId: number | null },
): Promise<void> {
  if (user.officeId == null) return
  await tx.$queryRaw`SELECT id FROM offices WHERE id = ${user.officeId} FOR UPDATE`
  // Read after the lock, by a fresh statement: sees every change committed by whoever held the lock before.
  const target = await tx.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { status: true, officeRoles: true },
  })
  if (target.status !== 'ACTIVE' || !target.officeRoles.includes('ADMIN')) return
  // Raw SQL: Prisma's array filters fail through the embedded database's adapter (see reach.ts).
  const [counted] = await tx.$queryRaw<{ others: number }[]>`
    SELECT count(*)::int AS others FROM users
    WHERE "officeId" = ${user.officeId} AND id <> ${user.id} AND status = 'ACTIVE' AND 'ADMIN' = ANY("officeRoles")`
  if (counted?.others === 0) {
    throw appError('FORBIDDEN', '该账号是本办唯一的在用管理员，请先为其他人开通管理员角色', {
      reason: 'LAST_ADMINISTRATOR',
    })
  }
}
