// 帐户余额: an office's three balances, for the 财务 of its own office, of the offices above it, and of CONAC.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { notFound } from '../../../errors.ts'
import type { AccountKind } from '../../../generated/prisma/enums.ts'
import { officeScope } from '../../../lib/scope.ts'
import { actingOffice, parseId } from '../checks.ts'

export interface OfficeAccount {
  officeId: number
  collectedFen: bigint
  inTransitFen: bigint
  prepaidFen: bigint
  accounts: { id: number }[]
}

export const officeAccount = defineQuery({
  name: 'officeAccount',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    // Balances are money: 财务 only, unlike the office's other reads (a read-only token has no role, so it is
    // refused too; otherwise any clerk could read them through one).
    roles: ['FINANCE'],
    rule: 'the viewer’s own office (default) or an office below it; CONAC any (NOT_FOUND otherwise)',
    refusal: '仅限编办或 CONAC 工作人员',
  },
  scope: 'officeScope',

  async run(ctx, input: { officeId?: string | null }): Promise<OfficeAccount> {
    const id = input.officeId == null ? actingOffice(ctx).officeId : parseId(input.officeId, '编办')
    const office = await ctx.prisma.office.findFirst({
      where: { AND: [{ id }, officeScope(ctx.viewer)] },
      include: { accounts: true },
    })
    if (!office) throw notFound('编办')
    const balance = (kind: AccountKind) => office.accounts.find((account) => account.kind === kind)?.balanceFen ?? 0n
    return {
      officeId: office.id,
      collectedFen: balance('OFFICE_COLLECTED'),
      inTransitFen: balance('OFFICE_IN_TRANSIT'),
      prepaidFen: balance('OFFICE_PREPAID'),
      accounts: office.accounts,
    }
  },
})
