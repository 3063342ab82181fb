// 作废: a VOID row negating the invoice, by the office that issued it; the sheets are spoiled, so the stock is not
// restored. Returns the VOID row.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { correctInvoice, type CorrectionInput } from '../corrections.ts'
import { ownOffice } from '../rules.ts'

export const voidInvoice = defineCommand({
  name: 'voidInvoice',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the issuing office only',
    refusal: '只有开具发票的编办可以作废发票',
  },
  scope: 'invoiceScope',
  effects: ['a VOID Invoice negating a NORMAL or SPLIT invoice not yet corrected or split (no stock movement)'],

  run: (ctx, input: Omit<CorrectionInput, 'count'>) => correctInvoice(ctx, ownOffice(ctx.viewer), 'VOID', input),
})
