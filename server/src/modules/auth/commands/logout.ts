// 退出登录: ends the viewer's own session and clears its cookie (a viewer without a session only loses the cookie).
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { config } from '../../../config.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { sessionCookie } from '../../../lib/cookies.ts'

export const logout = defineCommand({
  name: 'logout',
  policy: {
    who: EVERYONE,
    tokens: true,
    rule: 'none: only the viewer’s own session ends (a token or nobody: the cookie is cleared, nothing else)',
  },
  scope: 'the viewer’s own session',
  effects: ['the session is revoked', 'the session cookie is cleared'],

  /** True when a session was ended. */
  async run(ctx, _input: undefined): Promise<boolean> {
    const { viewer } = ctx
    // Always clear the cookie, even when the session is already gone.
    ctx.setCookie(
      sessionCookie(config.session.cookieName, '', { maxAgeSeconds: 0, secure: config.session.secureCookie }),
    )
    if (viewer.kind !== 'user') return false
    await ctx.prisma.$transaction(async (tx) => {
      await tx.session.update({
        where: { id: viewer.sessionId },
        data: { revokedAt: new Date(), endedReason: 'LOGOUT' },
      })
      await writeAudit(tx, ctx, { action: 'auth.logout', subjectType: 'User', subjectId: viewer.userId })
    })
    return true
  },
})
