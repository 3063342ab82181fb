// 预开发票申请未通过: CONAC rejects a REQUESTED request, with a reason the office is told.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { checkReviewReason } from '../../../lib/review.ts'
import { invoiceRequestNotices } from '../notices.ts'
import { requestInScope } from '../reads.ts'

export const rejectInvoiceRequest = defineCommand({
  name: 'rejectInvoiceRequest',
  policy: {
    who: ['conac'],
    tokens: true,
    roles: ['FINANCE'],
    rule: 'CONAC only: it supplies the pre-issued invoices',
    refusal: '仅限 CONAC 工作人员',
  },
  scope: 'invoiceRequestScope',
  transition: { entity: 'InvoiceRequest', from: ['REQUESTED'], to: ['REJECTED'] },
  notices: ['invoiceRequest.rejected'],

  async run(ctx, input: { id: string | number; version: number; reason: string }) {
    const reason = checkReviewReason(false, input.reason)!
    const request = await requestInScope(ctx, input.id)
    await ctx.prisma.$transaction(async (tx) =>
      transition(tx, ctx, 'invoiceRequest', {
        entity: request,
        from: 'REQUESTED',
        to: 'REJECTED',
        expectedVersion: input.version,
        set: { rejectReason: reason },
        audit: { action: 'invoiceRequest.reject', regionPath: request.office.region.path, after: { reason } },
        notify: await invoiceRequestNotices(tx, request, 'rejected', { number: `#${request.id}`, reason }),
      }),
    )
    return request.id
  },
})
