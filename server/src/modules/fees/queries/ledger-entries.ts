// The entries of one ledger account, for those who may read the account's office (see officeAccount).
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { notFound } from '../../../errors.ts'
import { isConac, officeScope } from '../../../lib/scope.ts'
import { parseId } from '../checks.ts'

export const ledgerEntries = defineQuery({
  name: 'ledgerEntries',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    // Balances are money: 财务 only, unlike the office's other reads (a read-only token has no role, so it is
    // refused too; otherwise any clerk could read them through one).
    roles: ['FINANCE'],
    rule: 'an account of the viewer’s office or an office below it; CONAC’s own accounts (收入, 单位缴费) only for CONAC (NOT_FOUND otherwise)',
    refusal: '仅限编办或 CONAC 工作人员',
  },
  scope: 'officeScope',

  /** The account's id once the viewer may read it; the resolver lists its entries. */
  async run(ctx, input: { accountId: string }): Promise<number> {
    const id = parseId(input.accountId, '账户')
    const reach = isConac(ctx.viewer)
      ? {}
      : { office: { ...officeScope(ctx.viewer), level: { not: 'CENTRAL' as const } } }
    const account = await ctx.prisma.account.findFirst({ where: { AND: [{ id }, reach] }, select: { id: true } })
    if (!account) throw notFound('账户')
    return account.id
  },
})
