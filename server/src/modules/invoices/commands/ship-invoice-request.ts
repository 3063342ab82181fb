// 审核通过并寄出: CONAC approves a REQUESTED request and ships the invoices, with the tracking number.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { badInput } from '../../../errors.ts'
import { invoiceRequestNotices } from '../notices.ts'
import { requestInScope } from '../reads.ts'

export interface ShipInvoiceRequestInput {
  id: string | number
  version: number
  trackingNumber?: string | null
}

export const shipInvoiceRequest = defineCommand({
  name: 'shipInvoiceRequest',
  policy: {
    who: ['conac'],
    tokens: true,
    roles: ['FINANCE'],
    rule: 'CONAC only: it supplies the pre-issued invoices',
    refusal: '仅限 CONAC 工作人员',
  },
  scope: 'invoiceRequestScope',
  transition: { entity: 'InvoiceRequest', from: ['REQUESTED'], to: ['SHIPPED'] },
  notices: ['invoiceRequest.shipped'],

  async run(ctx, input: ShipInvoiceRequestInput) {
    const trackingNumber = input.trackingNumber?.trim() || null
    if (trackingNumber && trackingNumber.length > 64) {
      throw badInput('快递单号不能超过 64 个字符', { trackingNumber: '快递单号不能超过 64 个字符' })
    }
    const request = await requestInScope(ctx, input.id)
    await ctx.prisma.$transaction(async (tx) =>
      transition(tx, ctx, 'invoiceRequest', {
        entity: request,
        from: 'REQUESTED',
        to: 'SHIPPED',
        expectedVersion: input.version,
        set: { shippedAt: new Date(), trackingNumber },
        audit: { action: 'invoiceRequest.ship', regionPath: request.office.region.path, after: { trackingNumber } },
        notify: await invoiceRequestNotices(tx, request, 'shipped', {
          number: `#${request.id}`,
          count: request.count,
          tracking: trackingNumber,
        }),
      }),
    )
    return request.id
  },
})
