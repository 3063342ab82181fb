// 消息中心: the viewer's own in-portal (IN_APP) notifications. Every query is restricted to the viewer's user id, so
// another user's rows are never listed, counted or marked.
import type { Policy } from '../../commands/policy.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { forbidden } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { UserRole } from '../../generated/prisma/enums.ts'

const NO_TOKENS = '消息中心仅供登录门户的用户使用，不能使用 API 令牌'

/** Who has an inbox: everyone who logs in to the portal. API tokens have none: the centre is a portal feature. */
export const inboxPolicy: Policy = {
  who: SIGNED_IN,
  tokens: false,
  rule: 'the viewer’s own IN_APP rows only (by user id); portal sessions, not API tokens',
  refusal: NO_TOKENS,
}

/** The portal user whose inbox this is. */
export function inboxOwner(ctx: Context): { userId: number; role: UserRole } {
  const { viewer } = ctx
  if (viewer.kind === 'user') return { userId: viewer.userId, role: viewer.role }
  if (viewer.kind === 'token') throw forbidden(NO_TOKENS)
  throw forbidden()
}

export function inboxWhere(ctx: Context, unreadOnly?: boolean | null): Prisma.NotificationWhereInput {
  const { userId } = inboxOwner(ctx)
  return { userId, channel: 'IN_APP', ...(unreadOnly ? { readAt: null } : {}) }
}
