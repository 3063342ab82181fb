// Setting a password, wherever it happens (change, activation, reset, handover, expiry): the policy
// (lib/passwordPolicy.ts), staff's password history, passwordChangedAt, and which sessions end.
import { config } from '../../config.ts'
import { badInput } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { hashPassword, verifyPassword } from '../../lib/password.ts'
import { passwordPolicyProblem } from '../../lib/passwordPolicy.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** Why sessions ended (sessions.endedReason), as 我的登录设备 and the audit show them. */
export type SessionEndReason =
  'LOGOUT' | 'BY_USER' | 'PASSWORD_CHANGED' | 'PASSWORD_RESET' | 'DISABLED' | 'HANDOVER' | 'ROLES_CHANGED'

/**
 * Why the new password may not be used, or null. Staff may also not reuse their last `PASSWORD_HISTORY`
 * passwords (argon2 verifies against each kept hash; the list is short).
 */
export async function newPasswordProblem(
  db: Db,
  user: { id: number; username: string; officeId: number | null },
  password: string,
): Promise<string | null> {
  const problem = passwordPolicyProblem(password, user.username)
  if (problem) return problem
  if (user.officeId == null || config.accounts.passwordHistory < 1) return null
  const recent = await db.passwordHistory.findMany({
    where: { userId: user.id },
    orderBy: { id: 'desc' },
    take: config.accounts.passwordHistory,
  })
  for (const old of recent) {
    if (await verifyPassword(old.passwordHash, password))
      return `不能与最近 ${config.accounts.passwordHistory} 次使用的密码相同`
  }
  return null
}

/** Refuses (BAD_USER_INPUT on `field`) a password that breaks the policy or staff's history; hashes it otherwise. */
export async function acceptNewPassword(
  db: Db,
  user: { id: number; username: string; officeId: number | null },
  password: string,
  field = 'newPassword',
): Promise<string> {
  const problem = await newPasswordProblem(db, user, password)
  if (problem) throw badInput('密码未设置，请按提示修改', { [field]: problem })
  return hashPassword(password) // slow on purpose: call it outside the transaction that stores it
}

/**
 * Stores an accepted hash: the user row, passwordChangedAt, and the history (only the newest few kept). With
 * `replacing`, only over that hash (the one just verified): false when a concurrent change won.
 */
export async function storePassword(
  tx: Db,
  userId: number,
  passwordHash: string,
  options: { replacing?: string | null } = {},
): Promise<boolean> {
  const now = new Date()
  const stored = await tx.user.updateMany({
    where: { id: userId, ...(options.replacing === undefined ? {} : { passwordHash: options.replacing }) },
    data: { passwordHash, passwordChangedAt: now },
  })
  if (stored.count !== 1) return false
  const keep = config.accounts.passwordHistory
  if (keep < 1) return true
  await tx.passwordHistory.create({ data: { userId, passwordHash, createdAt: now } })
  const stale = await tx.passwordHistory.findMany({
    where: { userId },
    orderBy: { id: 'desc' },
    skip: keep,
    select: { id: true },
  })
  if (stale.length) await tx.passwordHistory.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } })
  return true
}

/** Ends the user's live sessions (all, or all but one) and says why; returns how many ended. */
export async function endSessions(
  tx: Db,
  userId: number,
  reason: SessionEndReason,
  options: { except?: number } = {},
): Promise<number> {
  const ended = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except === undefined ? {} : { id: { not: options.except } }) },
    data: { revokedAt: new Date(), endedReason: reason },
  })
  return ended.count
}
