// 签收: the requesting office signs for shipped invoices; its stock rises by the request's count, once (the guarded
// transition SHIPPED → SIGNED lets only one signature through, and only it writes the SIGNED movement).
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { forbidden } from '../../../errors.ts'
import { invoiceRequestNotices } from '../notices.ts'
import { requestInScope } from '../reads.ts'
import { actorOf, ownOffice } from '../rules.ts'

const NOT_REQUESTER = '只有申请发票的编办可以签收'

export const signInvoiceRequest = defineCommand({
  name: 'signInvoiceRequest',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the requesting office only',
    refusal: NOT_REQUESTER,
  },
  scope: 'invoiceRequestScope',
  transition: { entity: 'InvoiceRequest', from: ['SHIPPED'], to: ['SIGNED'] },
  effects: ['a SIGNED InvoiceStockMovement of +count (the office’s 发票余额)'],
  notices: ['invoiceRequest.signed'],

  async run(ctx, input: { id: string | number; version: number }) {
    const office = ownOffice(ctx.viewer)
    const actorId = actorOf(ctx.viewer)
    const request = await requestInScope(ctx, input.id)
    if (request.officeId !== office.officeId) throw forbidden(NOT_REQUESTER)
    await ctx.prisma.$transaction(async (tx) => {
      await transition(tx, ctx, 'invoiceRequest', {
        entity: request,
        from: 'SHIPPED',
        to: 'SIGNED',
        expectedVersion: input.version,
        set: { signedAt: new Date(), signedById: actorId },
        audit: { action: 'invoiceRequest.sign', regionPath: office.regionPath, after: { stockAdded: request.count } },
        notify: await invoiceRequestNotices(tx, request, 'signed', {
          office: request.office.name,
          number: `#${request.id}`,
          count: request.count,
        }),
      })
      await tx.invoiceStockMovement.create({
        data: {
          officeId: office.officeId,
          quantity: request.count,
          reason: 'SIGNED',
          invoiceRequestId: request.id,
          createdById: actorId,
        },
      })
    })
    return request.id
  },
})
