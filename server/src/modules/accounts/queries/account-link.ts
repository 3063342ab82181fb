// The page an emailed link opens (/activate?token=…) greets the person before they set a password: whose link it
// is, with the login name partly hidden. Nothing is consumed; a dead link (unknown, used, expired, superseded, or
// an account no longer waiting for it) is null.
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import type { AccountTokenPurpose } from '../../../generated/prisma/enums.ts'
import { findLiveAccountToken } from '../../auth/accountTokens.ts'

export interface AccountLinkView {
  purpose: AccountTokenPurpose
  displayName: string
  maskedUsername: string
}

/** The purposes whose pages greet the person; each link is looked up by its purpose. */
const GREETED: readonly AccountTokenPurpose[] = ['ACTIVATION', 'PASSWORD_RESET', 'HANDOVER', 'PASSWORD_CHANGE']

export const accountLink = defineQuery({
  name: 'accountLink',
  policy: { who: EVERYONE, tokens: true, rule: 'none: public; the link’s secret is the only key' },
  scope: 'the account the link belongs to',
  async run(ctx, input: { token: string }): Promise<AccountLinkView | null> {
    for (const purpose of GREETED) {
      const link = await findLiveAccountToken(ctx.prisma, input.token.trim(), purpose)
      if (!link) continue
      const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: link.userId } })
      if (user.status === 'DISABLED' || (purpose === 'ACTIVATION' && user.status !== 'PENDING_ACTIVATION')) return null
      return { purpose, displayName: user.displayName, maskedUsername: maskUsername(user.username) }
    }
    return null
  },
})

/** py-admin → py****in: enough for the holder to recognise, not enough to hand a stranger the login. */
export function maskUsername(username: string): string {
  if (username.length <= 4) return `${username[0]}***`
  return `${username.slice(0, 2)}****${username.slice(-2)}`
}
