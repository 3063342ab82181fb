// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, LOCAL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      chargeOverview: { who: ['conac'], tokens: true, rule: 'CONAC only, checked in the resolver' },
      chargeRuns: { who: ['conac'], tokens: true, rule: 'CONAC only, checked in the resolver' },
      feeCollections: { who: SIGNED_IN, tokens: true, rule: "office subtree / CONAC / the unit's own" },
      ledgerEntries: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      officeAccount: { who: ALL_OFFICES, tokens: true, rule: 'own office, ancestors, CONAC' },
      paymentSettings: { who: SIGNED_IN, tokens: true, rule: "own office, or a unit's same-level office" },
      priceList: { who: SIGNED_IN, tokens: true, rule: 'none' },
      remittances: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      unitsAwaitingPayment: { who: SIGNED_IN, tokens: true, rule: 'units in scope' },
    },
    mutation: {
      collectFee: { who: LOCAL_OFFICES, tokens: true, rule: 'same-level office only, checked in the service' },
      confirmRemittance: { who: ['conac'], tokens: true, rule: 'CONAC only' },
      createRemittance: { who: LOCAL_OFFICES, tokens: true, rule: 'none' },
      runDailyCharge: { who: ['conac'], tokens: true, rule: 'CONAC only' },
      updatePaymentSettings: { who: ALL_OFFICES, tokens: true, rule: 'none' },
    },
  },
}
