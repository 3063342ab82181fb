// Which of a person's sessions are live (我的登录设备 lists them; 退出 ends them): not ended, not past their absolute
// end, not idle past SESSION_IDLE_MINUTES. The same rules as auth/viewer.ts applies to a presented cookie.
import { config } from '../../config.ts'
import type { Prisma } from '../../generated/prisma/client.ts'

export function liveSessionsOf(userId: number, now = new Date()): Prisma.SessionWhereInput {
  return {
    userId,
    revokedAt: null,
    expiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - config.session.idleMinutes * 60_000) },
  }
}
