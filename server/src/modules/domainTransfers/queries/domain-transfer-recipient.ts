// 接收单位: the giving unit types the receiving unit's 统一社会信用代码 and sees its name and region before it files,
// or the reason the unit cannot receive the domain (recipient.ts, the same refusals as filing). Only public facts of
// the unit (name, region) are shown.
import { defineQuery } from '../../../commands/define.ts'
import { forbidden, notFound } from '../../../errors.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { receivingUnit } from '../recipient.ts'
import { TRANSFER_REQUESTERS } from '../targets.ts'

export const domainTransferRecipient = defineQuery({
  name: 'domainTransferRecipient',
  policy: { ...TRANSFER_REQUESTERS, rule: '本单位: a unit user, for a domain of its own unit' },
  scope: 'domainScope',
  async run(ctx, input: { domainId: string | number; creditCode: string }) {
    const unitId = ownUnitOf(ctx.viewer)
    if (unitId == null) throw forbidden(TRANSFER_REQUESTERS.refusal)
    const domainId = Number(input.domainId)
    const domain = Number.isSafeInteger(domainId)
      ? await ctx.prisma.domain.findFirst({ where: { id: domainId, unitId }, select: { suffix: true } })
      : null
    if (!domain) throw notFound('域名')
    const unit = await receivingUnit(ctx.prisma, input.creditCode, { unitId, suffix: domain.suffix })
    return { name: unit.name, regionName: unit.region.name, creditCode: unit.creditCode }
  },
})
