// The new handler's page greets them before they act: which unit (masked) and whose handover, or null for a link
// that is unknown, used, expired or cancelled. Nothing is consumed.
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { maskUnitName } from '../handover/access.ts'
import { handoverOfLink } from '../handover/pending.ts'

export interface HandoverLinkView {
  unitName: string
  newName: string
  maskedMobile: string
  expiresAt: Date
}

export const handoverLink = defineQuery({
  name: 'handoverLink',
  policy: { who: EVERYONE, tokens: true, rule: 'none: whoever holds the emailed link' },
  scope: 'the PENDING handover of the link',
  async run(ctx, input: { token: string }): Promise<HandoverLinkView | null> {
    const found = await handoverOfLink(ctx.prisma, input.token.trim())
    if (!found) return null
    const { handover } = found
    return {
      unitName: maskUnitName(handover.unit.name),
      newName: handover.newName,
      maskedMobile: maskMobile(handover.newMobile),
      expiresAt: handover.expiresAt,
    }
  },
})
