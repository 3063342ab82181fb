// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, LOCAL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      invoiceRequests: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      myInvoiceStock: { who: ALL_OFFICES, tokens: true, rule: 'none' },
    },
    mutation: {
      issueInvoice: { who: LOCAL_OFFICES, tokens: true, rule: 'same-level units only' },
      redLetterInvoice: { who: LOCAL_OFFICES, tokens: true, rule: 'none' },
      rejectInvoiceRequest: { who: ['conac'], tokens: true, rule: 'none' },
      requestInvoices: { who: LOCAL_OFFICES, tokens: true, rule: 'none' },
      shipInvoiceRequest: { who: ['conac'], tokens: true, rule: 'none' },
      signInvoiceRequest: { who: LOCAL_OFFICES, tokens: true, rule: 'the requesting office only' },
      splitInvoice: { who: LOCAL_OFFICES, tokens: true, rule: 'none' },
      voidInvoice: { who: LOCAL_OFFICES, tokens: true, rule: 'the issuing office only' },
    },
  },
}
