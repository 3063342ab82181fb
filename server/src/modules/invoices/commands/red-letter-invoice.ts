// 红字: a RED_LETTER row negating the invoice, by the office that issued it, printed on `count` (default 1) new
// sheets drawn from the stock. Returns the RED_LETTER row.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { correctInvoice, type CorrectionInput } from '../corrections.ts'
import { ownOffice } from '../rules.ts'

export const redLetterInvoice = defineCommand({
  name: 'redLetterInvoice',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the issuing office only',
    refusal: '只有开具发票的编办可以开具红字发票',
  },
  scope: 'invoiceScope',
  effects: [
    'a RED_LETTER Invoice negating a NORMAL or SPLIT invoice not yet corrected or split',
    'an ISSUED InvoiceStockMovement of −count (the office’s 发票余额)',
  ],

  run: (ctx, input: CorrectionInput) => correctInvoice(ctx, ownOffice(ctx.viewer), 'RED_LETTER', input),
})
