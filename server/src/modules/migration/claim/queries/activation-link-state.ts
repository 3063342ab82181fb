// The activation page asks what became of a link that no longer works, so it can say so plainly: expired (ask the
// office to re-send), used or replaced by a newer one, or the account already set its password. Only the holder of
// the link's secret can ask, and the answer names nobody.
import { defineQuery } from '../../../../commands/define.ts'
import { EVERYONE } from '../../../../commands/policy.ts'
import { sha256Hex } from '../../../../lib/tokens.ts'

export type ActivationLinkState = 'LIVE' | 'EXPIRED' | 'USED' | 'ALREADY_ACTIVE' | 'INVALID'

export interface ActivationLinkStateView {
  state: ActivationLinkState
  /** The account was imported from the old system (the page speaks of 认领). */
  imported: boolean
}

/** What newSecret('a') makes; anything else is INVALID without a lookup. */
const SECRET_FORMAT = /^a_[A-Za-z0-9_-]{43}$/

export const activationLinkState = defineQuery({
  name: 'activationLinkState',
  policy: { who: EVERYONE, tokens: true, rule: 'none: public; the link’s secret is the only key' },
  scope: 'the account the link belongs to',
  async run(ctx, input: { token: string }): Promise<ActivationLinkStateView> {
    const secret = input.token.trim()
    const invalid = { state: 'INVALID', imported: false } as const
    if (!SECRET_FORMAT.test(secret)) return invalid
    const link = await ctx.prisma.accountToken.findUnique({
      where: { tokenHash: sha256Hex(secret) },
      include: { user: { select: { status: true, importedAt: true } } },
    })
    if (!link || link.purpose !== 'ACTIVATION' || link.user.status === 'DISABLED') return invalid
    const imported = link.user.importedAt != null
    if (link.user.status === 'ACTIVE') return { state: 'ALREADY_ACTIVE', imported }
    if (link.consumedAt) return { state: 'USED', imported }
    if (link.expiresAt <= new Date()) return { state: 'EXPIRED', imported }
    return { state: 'LIVE', imported }
  },
})
