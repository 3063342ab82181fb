// Opening a portal session: the row, the cookie, lastLoginAt and the audit row auth.login. Every way into the portal
// ends here (a password alone, or a password and a second factor), so they all look the same afterwards.
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import type { Prisma, User } from '../../generated/prisma/client.ts'
import type { SecondFactorMethod } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { sessionCookie } from '../../lib/cookies.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

export type SignedInUser = Pick<User, 'id' | 'role' | 'unitId' | 'officeRoles' | 'unitRole'> & {
  regionPath: string | null
}

/**
 * Creates the session (with how its second step was passed, if one was needed) and queues its cookie. `within` runs
 * in the same transaction (the login throttle's bookkeeping, consuming a challenge, remembering the device).
 */
export async function startSession(
  ctx: Context,
  user: SignedInUser,
  secondFactor: SecondFactorMethod | null,
  within?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<{ userId: number; expiresAt: Date }> {
  const now = new Date()
  const secret = newSecret('s')
  const expiresAt = new Date(now.getTime() + config.session.absoluteHours * 3_600_000)
  const session = await ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } })
    await within?.(tx)
    const created = await tx.session.create({
      data: {
        tokenHash: sha256Hex(secret),
        userId: user.id,
        expiresAt,
        ip: ctx.ip,
        userAgent: ctx.request.headers.get('user-agent')?.slice(0, 256) ?? null,
        secondFactor,
      },
    })
    await writeAudit(
      tx,
      {
        viewer: {
          kind: 'user',
          userId: user.id,
          sessionId: created.id,
          role: user.role,
          unitId: user.unitId,
          office: null,
          officeRoles: user.officeRoles,
          unitRole: user.unitRole,
        },
        ip: ctx.ip,
      },
      {
        action: 'auth.login',
        subjectType: 'User',
        subjectId: user.id,
        regionPath: user.regionPath,
        ...(secondFactor ? { after: { secondFactor } } : {}),
      },
    )
    return created
  })
  ctx.setCookie(
    sessionCookie(config.session.cookieName, secret, {
      maxAgeSeconds: config.session.absoluteHours * 3600,
      secure: config.session.secureCookie,
    }),
  )
  return { userId: user.id, expiresAt: session.expiresAt }
}
