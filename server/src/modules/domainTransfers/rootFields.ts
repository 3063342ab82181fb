// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { decideDomainTransfer } from './commands/decide-domain-transfer.ts'
import { requestDomainTransfer } from './commands/request-domain-transfer.ts'
import { withdrawDomainTransfer } from './commands/withdraw-domain-transfer.ts'
import { domainTransferQueue } from './queries/domain-transfer-queue.ts'
import { domainTransferRecipient } from './queries/domain-transfer-recipient.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    requestDomainTransfer,
    withdrawDomainTransfer,
    decideDomainTransfer,
    domainTransferQueue,
    domainTransferRecipient,
    scopedQuery({
      name: 'domainTransfers',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the transfers of the units the viewer may see, giving or receiving (a unit its own both ways)',
      },
      scope: 'unitScope',
    }),
  ],
}
