// 续费 of which domains, for how much: the rule a quote and a request share.
import type { Context } from '../../context.ts'
import { appError, badInput, notFound } from '../../errors.ts'
import { domainScope } from '../../lib/scope.ts'
import { pricesOn } from '../fees/prices.ts'

export interface RenewalInput {
  domainIds: readonly (string | number)[]
  years: number
}

/** What renewing the domains costs, per domain (with its unit's region, for the audit row) and in all. */
export interface RenewalQuote {
  count: number
  totalFen: bigint
  items: { domainId: number; regionPath: string; feeFen: bigint }[]
}

/**
 * The quote for renewing the domains by `years`: each in the viewer's scope (NOT_FOUND otherwise), REGISTERED or
 * EXPIRED, without an open renewal (CONFLICT RENEWAL_OPEN), priced at today's price list.
 */
export async function quoteRenewal(ctx: Context, input: RenewalInput): Promise<RenewalQuote> {
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > 10)
    throw badInput('续费年限应为 1-10 年', { years: '续费年限应为 1-10 年' })
  const ids = input.domainIds.map(Number)
  if (!ids.length) throw badInput('请选择要续费的域名', { domainIds: '至少选择一个域名' })
  if (ids.length > 100) throw badInput('一次最多续费 100 个域名', { domainIds: '一次最多 100 个' })
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw notFound('域名')
  if (new Set(ids).size !== ids.length) throw badInput('域名重复', { domainIds: '域名重复' })
  const domains = await ctx.prisma.domain.findMany({
    where: { AND: [{ id: { in: ids } }, domainScope(ctx.viewer)] },
    include: {
      renewals: { where: { status: { in: ['REQUESTED', 'FEE_COLLECTED'] } }, select: { id: true } },
      unit: { select: { region: { select: { path: true } } } },
    },
    orderBy: { id: 'asc' },
  })
  if (domains.length !== ids.length) throw notFound('域名')
  const notRenewable = domains.filter((d) => d.status !== 'REGISTERED' && d.status !== 'EXPIRED')
  if (notRenewable.length)
    throw badInput(`只有已注册或已过期的域名可以续费：${notRenewable.map((d) => d.name).join('、')}`, {
      domainIds: '含不可续费的域名',
    })
  const open = domains.filter((d) => d.renewals.length)
  if (open.length)
    throw appError('CONFLICT', `已有待处理的续费申请：${open.map((d) => d.name).join('、')}`, {
      reason: 'RENEWAL_OPEN',
    })
  const price = await pricesOn(ctx.prisma, new Date())
  const items = domains.map((domain) => ({
    domainId: domain.id,
    regionPath: domain.unit.region.path,
    feeFen: price(domain.suffix, input.years),
  }))
  return { count: items.length, totalFen: items.reduce((sum, item) => sum + item.feeFen, 0n), items }
}
