// 续费: a unit (or an office for units in its subtree) asks to renew registered or expired domains. A renewal then
// follows the registration's fee path: collected by the office, charged by the daily run, which extends the expiry.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import { writeAudit } from '../../lib/audit.ts'
import { domainScope } from '../../lib/scope.ts'
import { feeFor } from '../fees/service.ts'

export interface RenewalInput {
  domainIds: string[]
  years: number
}

/** The domains to renew, checked: in the viewer's scope, REGISTERED or EXPIRED, without an open renewal. */
async function renewableDomains(ctx: Context, input: RenewalInput) {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') throw forbidden()
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > 10) throw badInput('续费年限应为 1-10 年', { years: '续费年限应为 1-10 年' })
  const ids = input.domainIds.map(Number)
  if (!ids.length) throw badInput('请选择要续费的域名', { domainIds: '至少选择一个域名' })
  if (ids.length > 100) throw badInput('一次最多续费 100 个域名', { domainIds: '一次最多 100 个' })
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw notFound('域名')
  if (new Set(ids).size !== ids.length) throw badInput('域名重复', { domainIds: '域名重复' })
  const domains = await ctx.prisma.domain.findMany({
    where: { AND: [{ id: { in: ids } }, domainScope(viewer)] },
    include: {
      renewals: { where: { status: { in: ['REQUESTED', 'FEE_COLLECTED'] } }, select: { id: true } },
      unit: { select: { region: { select: { path: true } } } },
    },
    orderBy: { id: 'asc' },
  })
  if (domains.length !== ids.length) throw notFound('域名')
  const notRenewable = domains.filter((d) => d.status !== 'REGISTERED' && d.status !== 'EXPIRED')
  if (notRenewable.length) throw badInput(`只有已注册或已过期的域名可以续费：${notRenewable.map((d) => d.name).join('、')}`, { domainIds: '含不可续费的域名' })
  const open = domains.filter((d) => d.renewals.length)
  if (open.length) throw appError('CONFLICT', `已有待处理的续费申请：${open.map((d) => d.name).join('、')}`, { reason: 'RENEWAL_OPEN' })
  return domains
}

export async function renewalQuote(ctx: Context, input: RenewalInput) {
  const domains = await renewableDomains(ctx, input)
  const now = new Date()
  const items = []
  for (const domain of domains) {
    items.push({ domainId: domain.id, regionPath: domain.unit.region.path, feeFen: await feeFor(ctx.prisma, domain.suffix, input.years, now) })
  }
  return { count: items.length, totalFen: items.reduce((sum, item) => sum + item.feeFen, 0n), items }
}

export async function requestRenewal(ctx: Context, input: RenewalInput) {
  const quote = await renewalQuote(ctx, input)
  const userId = ctx.viewer.kind === 'anonymous' ? 0 : ctx.viewer.userId
  try {
    const renewalIds = await ctx.prisma.$transaction(async (tx) => {
      const ids: number[] = []
      for (const item of quote.items) {
        const renewal = await tx.domainRenewal.create({ data: { domainId: item.domainId, years: input.years, requestedById: userId } })
        ids.push(renewal.id)
        await writeAudit(tx, ctx, {
          action: 'renewal.request',
          subjectType: 'DomainRenewal',
          subjectId: renewal.id,
          regionPath: item.regionPath,
          after: { domainId: item.domainId, years: input.years, feeFen: item.feeFen },
        })
      }
      return ids
    })
    return { count: quote.count, totalFen: quote.totalFen, renewalIds }
  } catch (error) {
    // The partial unique index allows one open renewal per domain: a concurrent request lost.
    if ((error as { code?: string }).code === 'P2002' || String((error as Error).message).includes('domain_renewals_one_open_per_domain')) {
      throw appError('CONFLICT', '已有待处理的续费申请', { reason: 'RENEWAL_OPEN' })
    }
    throw error
  }
}
