// 账号认领's root fields (modules/migration/claim): its commands and queries, each with its policy at the top of its
// own file, listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../../commands/table.ts'
import { resendClaimInvitation } from './commands/resend-claim-invitation.ts'
import { resendClaimInvitations } from './commands/resend-claim-invitations.ts'
import { activationLinkState } from './queries/activation-link-state.ts'
import { unclaimedAccounts } from './queries/unclaimed-accounts.ts'

export const rootFields: ModuleRootFields = {
  defined: [unclaimedAccounts, resendClaimInvitation, resendClaimInvitations, activationLinkState],
}
