// 发票余额 of the viewer's own office (CONAC's office too): the sheets it holds now.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { forbidden } from '../../../errors.ts'
import { officeScopeOf } from '../../../viewer.ts'

export const myInvoiceStock = defineQuery({
  name: 'myInvoiceStock',
  policy: { who: ALL_OFFICES, tokens: true, rule: 'the viewer’s own office only', refusal: '仅限编办工作人员' },
  scope: 'the viewer’s own office',

  async run(ctx) {
    const office = officeScopeOf(ctx.viewer)
    if (!office) throw forbidden('仅限编办工作人员')
    const row = await ctx.prisma.office.findUniqueOrThrow({
      where: { id: office.officeId },
      select: { invoiceStock: true },
    })
    return row.invoiceStock
  },
})
