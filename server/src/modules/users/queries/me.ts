// 当前用户: the logged-in user, or null for nobody. A presented session that is invalid or expired is an error, so
// the portal can say why (SESSION_INVALID, SESSION_EXPIRED, ACCOUNT_DISABLED); with an API token, its creator.
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'

export const me = defineQuery({
  name: 'me',
  policy: { who: EVERYONE, tokens: true, rule: 'the viewer itself: null for nobody, the token’s creator for a token' },
  scope: 'the viewer’s own user row',
  async run(ctx, input: { query: { include?: Prisma.UserInclude; select?: Prisma.UserSelect } }) {
    const { viewer } = ctx
    if (viewer.kind === 'anonymous') {
      if (viewer.authError) throw appError(viewer.authError.code, viewer.authError.message)
      return null
    }
    return ctx.prisma.user.findUnique({ ...input.query, where: { id: viewer.userId } })
  },
})
