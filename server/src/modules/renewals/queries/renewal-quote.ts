// 续费报价: the count and total the confirmation step shows before a renewal is requested.
import { defineQuery } from '../../../commands/define.ts'
import { RENEWAL_POLICY } from '../commands/request-renewal.ts'
import { quoteRenewal, type RenewalInput } from '../renewable.ts'

export const renewalQuote = defineQuery({
  name: 'renewalQuote',
  policy: RENEWAL_POLICY,
  scope: 'domainScope',
  run: (ctx, input: RenewalInput) => quoteRenewal(ctx, input),
})
