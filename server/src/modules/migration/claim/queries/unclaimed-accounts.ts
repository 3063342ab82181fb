// 未认领账号: the imported accounts whose holder has not set a password yet, in the viewer's area (scope.ts), with
// search and the invitation state. Returns the filter the connection pages through (schema.ts).
import { defineQuery } from '../../../../commands/define.ts'
import type { Prisma } from '../../../../generated/prisma/client.ts'
import { unclaimedAccountsPolicy, unclaimedAccountsWhere, type UnclaimedFilter } from '../scope.ts'

export const unclaimedAccounts = defineQuery({
  name: 'unclaimedAccounts',
  policy: unclaimedAccountsPolicy,
  scope: 'migration/claim/scope.ts unclaimedAccountScope',
  run(ctx, input: UnclaimedFilter): Prisma.UserWhereInput {
    return unclaimedAccountsWhere(ctx.viewer, input, new Date())
  },
})
