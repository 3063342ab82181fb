// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { collectFee } from './commands/collect-fee.ts'
import { confirmRemittance } from './commands/confirm-remittance.ts'
import { createRemittance } from './commands/create-remittance.ts'
import { runDailyCharge } from './commands/run-daily-charge.ts'
import { updatePaymentSettings } from './commands/update-payment-settings.ts'
import { chargeOverview } from './queries/charge-overview.ts'
import { chargeRuns } from './queries/charge-runs.ts'
import { ledgerEntries } from './queries/ledger-entries.ts'
import { officeAccount } from './queries/office-account.ts'
import { paymentSettings } from './queries/payment-settings.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    updatePaymentSettings,
    collectFee,
    createRemittance,
    confirmRemittance,
    runDailyCharge,
    paymentSettings,
    officeAccount,
    ledgerEntries,
    chargeOverview,
    chargeRuns,
    scopedQuery({
      name: 'priceList',
      policy: { who: SIGNED_IN, tokens: true, rule: 'none: one price list for everyone' },
      scope: 'none (no row belongs to anyone)',
    }),
    scopedQuery({
      name: 'unitsAwaitingPayment',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the units the viewer may see that owe something (canCollect: 同级编办)',
      },
      scope: 'unitScope',
    }),
    scopedQuery({
      name: 'feeCollections',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: an office its subtree’s collections, CONAC all, a unit its own',
      },
      scope: 'feeCollectionScope',
    }),
    scopedQuery({
      name: 'remittances',
      policy: { who: ALL_OFFICES, tokens: true, rule: 'none: an office its subtree’s remittances, CONAC all' },
      scope: 'remittanceScope',
    }),
  ],
}
