// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { issueInvoice } from './commands/issue-invoice.ts'
import { redLetterInvoice } from './commands/red-letter-invoice.ts'
import { rejectInvoiceRequest } from './commands/reject-invoice-request.ts'
import { requestInvoices } from './commands/request-invoices.ts'
import { shipInvoiceRequest } from './commands/ship-invoice-request.ts'
import { signInvoiceRequest } from './commands/sign-invoice-request.ts'
import { splitInvoice } from './commands/split-invoice.ts'
import { voidInvoice } from './commands/void-invoice.ts'
import { myInvoiceStock } from './queries/my-invoice-stock.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    requestInvoices,
    shipInvoiceRequest,
    rejectInvoiceRequest,
    signInvoiceRequest,
    issueInvoice,
    voidInvoice,
    redLetterInvoice,
    splitInvoice,
    myInvoiceStock,
    scopedQuery({
      name: 'invoiceRequests',
      policy: { who: ALL_OFFICES, tokens: true, rule: 'none: 预开发票管理 of the offices the viewer may see' },
      scope: 'invoiceRequestScope',
    }),
  ],
}
