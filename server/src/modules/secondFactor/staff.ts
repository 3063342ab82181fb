// The signed-in staff member behind a 双重验证 command (the policy admits staff sessions only; this narrows the type).
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'

export async function signedInStaff(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
  return ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })
}

/** The policy of 双重验证 (身份验证器) for staff, in person (a session, not a token). */
export const STAFF_IN_PERSON = {
  who: ['county', 'city', 'province', 'conac'],
  tokens: false,
  rule: 'the signed-in staff member’s own account only',
} as const
