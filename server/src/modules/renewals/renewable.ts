// 续费 of which domains, for how much: the rule a quote and a request share.
import type { Context } from '../../context.ts'
import type { DomainStatus } from '../../generated/prisma/enums.ts'
import { appError, badInput, notFound } from '../../errors.ts'
import { domainScope } from '../../lib/scope.ts'
import { officeScopeOf } from '../../viewer.ts'
import { openRequestConflict, openRequestsOn } from '../domains/openRequests.ts'
import { pricesOn } from '../fees/prices.ts'

/** States a renewal may start from: registered, expired, and the grace and redemption periods after expiry. */
export const RENEWABLE_STATUSES: readonly DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION']
/** Deleted (or released): past redemption, the name can only be applied for again. */
const DELETED_STATUSES: readonly DomainStatus[] = ['DELETED', 'RELEASED']

export interface RenewalInput {
  domainIds: readonly (string | number)[]
  years: number
}

/** What renewing the domains costs, per domain (with its unit's region, for the audit row) and in all. */
export interface RenewalQuote {
  count: number
  totalFen: bigint
  items: { domainId: number; regionPath: string; feeFen: bigint }[]
  /** The domains as read (id, status, version): the request guards them against a concurrent move (deletion). */
  domains: { id: number; status: DomainStatus; version: number }[]
}

/**
 * The quote for renewing the domains by `years`: each in the viewer's scope (NOT_FOUND otherwise), in a renewable
 * state (a deleted one: CONFLICT DOMAIN_DELETED; one in redemption: office staff only, else FORBIDDEN), without an
 * open renewal (CONFLICT RENEWAL_OPEN), priced at today's price list.
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
  const deleted = domains.filter((d) => DELETED_STATUSES.includes(d.status))
  if (deleted.length)
    throw appError('CONFLICT', `域名已删除，不能续费：${deleted.map((d) => d.name).join('、')}`, {
      reason: 'DOMAIN_DELETED',
    })
  const notRenewable = domains.filter((d) => !RENEWABLE_STATUSES.includes(d.status))
  if (notRenewable.length)
    throw badInput(
      `只有已注册、已过期或处于宽限期、赎回期的域名可以续费：${notRenewable.map((d) => d.name).join('、')}`,
      {
        domainIds: '含不可续费的域名',
      },
    )
  // 赎回期: the unit can no longer renew on its own; its office (or CONAC) renews at the counter.
  const inRedemption = domains.filter((d) => d.status === 'REDEMPTION')
  if (inRedemption.length && !officeScopeOf(ctx.viewer))
    throw appError(
      'FORBIDDEN',
      `域名处于赎回期，只能通过同级编办办理续费：${inRedemption.map((d) => d.name).join('、')}`,
      { reason: 'REDEMPTION_OFFICE_ONLY' },
    )
  const open = domains.filter((d) => d.renewals.length)
  if (open.length)
    throw appError('CONFLICT', `已有待处理的续费申请：${open.map((d) => d.name).join('、')}`, {
      reason: 'RENEWAL_OPEN',
    })
  // A 注销, 过户 or 机构改革 open on a domain keeps its renewal out (and a renewal keeps them out: openRequests.ts).
  const otherOpen = await openRequestsOn(ctx.prisma, ids)
  for (const domain of domains) {
    const found = otherOpen.get(domain.id)
    if (found && found.kind !== 'RENEWAL') throw openRequestConflict(domain.name, found)
  }
  const price = await pricesOn(ctx.prisma, new Date())
  const items = domains.map((domain) => ({
    domainId: domain.id,
    regionPath: domain.unit.region.path,
    feeFen: price(domain.suffix, input.years),
  }))
  return {
    count: items.length,
    totalFen: items.reduce((sum, item) => sum + item.feeFen, 0n),
    items,
    domains: domains.map(({ id, status, version }) => ({ id, status, version })),
  }
}
