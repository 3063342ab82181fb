// API tokens are managed by a logged-in office or CONAC staff member, for its own office, never by another token.
import { ALL_OFFICES, type Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { forbidden } from '../../errors.ts'
import type { OfficeScope } from '../../viewer.ts'

export const apiTokenPolicy: Policy = {
  who: ALL_OFFICES,
  tokens: false,
  rule: 'the viewer’s own office’s tokens only; staff logged in with a password, never a token',
  refusal: '只有编办或 CONAC 工作人员登录后才能管理 API 令牌',
}

/** The staff member (the policy admitted staff sessions only; this narrows the viewer's type). */
export function staffSessionOf(ctx: Context): { userId: number; office: OfficeScope } {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || !viewer.office) throw forbidden(apiTokenPolicy.refusal)
  return { userId: viewer.userId, office: viewer.office }
}
