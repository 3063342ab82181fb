// 预开发票申请: an office asks CONAC for pre-issued invoices, at most 30,000 yuan of face value a request.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import type { InvoiceType } from '../../../generated/prisma/enums.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { invoiceRequestNotices } from '../notices.ts'
import { actorOf, MAX_REQUEST_FACE_VALUE_FEN, ownOffice, sheetsProblem, yuan } from '../rules.ts'

const FACE_VALUE_MESSAGE = '每次申请的发票票面总额不能超过 30,000 元'

export interface RequestInvoicesInput {
  count: number
  invoiceType: InvoiceType
  faceValueFen: bigint
  mailingAddress: string
}

export const requestInvoices = defineCommand({
  name: 'requestInvoices',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'for the viewer’s own office only; CONAC supplies the invoices and does not request them',
    refusal: '只有各级编办可以申请预开发票',
  },
  scope: 'none (a new request of the viewer’s own office)',
  transition: { entity: 'InvoiceRequest', from: [], to: ['REQUESTED'] },
  notices: ['invoiceRequest.submitted'],

  async run(ctx, input: RequestInvoicesInput) {
    const office = ownOffice(ctx.viewer)
    const actorId = actorOf(ctx.viewer)
    const fields: Record<string, string> = {}
    const countProblem = sheetsProblem(input.count)
    if (countProblem) fields.count = countProblem
    if (input.faceValueFen <= 0n) fields.faceValueFen = '票面总额必须大于 0'
    else if (input.faceValueFen > MAX_REQUEST_FACE_VALUE_FEN) fields.faceValueFen = FACE_VALUE_MESSAGE
    const address = input.mailingAddress.trim()
    if (!address) fields.mailingAddress = '请填写邮寄地址'
    else if ([...address].length > 256 || address.length > 256) fields.mailingAddress = '邮寄地址不能超过 256 个字符'
    if (Object.keys(fields).length) {
      throw badInput(fields.faceValueFen === FACE_VALUE_MESSAGE ? FACE_VALUE_MESSAGE : '预开发票申请有误', fields)
    }

    return ctx.prisma.$transaction(async (tx) => {
      const { office: requester, ...request } = await tx.invoiceRequest.create({
        data: {
          officeId: office.officeId,
          count: input.count,
          invoiceType: input.invoiceType,
          faceValueFen: input.faceValueFen,
          mailingAddress: address,
          requestedById: actorId,
        },
        include: { office: { select: { name: true } } },
      })
      await writeAudit(tx, ctx, {
        action: 'invoiceRequest.request',
        subjectType: 'InvoiceRequest',
        subjectId: request.id,
        regionPath: office.regionPath,
        after: request,
      })
      // Work now waits for CONAC.
      const params = { office: requester.name, count: input.count, amount: yuan(input.faceValueFen) }
      await enqueueNotifications(tx, await invoiceRequestNotices(tx, request, 'submitted', params))
      return request.id
    })
  },
})
