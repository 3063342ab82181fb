// 提交续费申请: one REQUESTED renewal per domain; it then follows the registration's fee path (收费 by the office,
// the charge extends the expiry), in modules/fees.
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN, type Policy } from '../../../commands/policy.ts'
import { transitionMany } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { actingUserId } from '../../../viewer.ts'
import { quoteRenewal, RENEWABLE_STATUSES, type RenewalInput } from '../renewable.ts'

/** Who may renew which domains (renewalQuote answers the same people). */
export const RENEWAL_POLICY: Policy = {
  who: SIGNED_IN,
  tokens: true,
  rule:
    'a unit user its own REGISTERED, EXPIRED or GRACE domains; office staff (also REDEMPTION) those of the units in ' +
    'their subtree; CONAC any',
}

export const requestRenewal = defineCommand({
  name: 'requestRenewal',
  // Staff renew at the counter, which leads straight to 收费; the quote (a query) stays open to every role.
  policy: { ...RENEWAL_POLICY, roles: ['FINANCE'] },
  scope: 'domainScope',
  transition: { entity: 'DomainRenewal', from: [], to: ['REQUESTED'] },
  effects: ['one DomainRenewal per domain (a database index allows one open renewal per domain)'],

  async run(ctx, input: RenewalInput): Promise<{ count: number; totalFen: bigint; renewalIds: number[] }> {
    const quote = await quoteRenewal(ctx, input)
    const requestedById = actingUserId(ctx.viewer) ?? 0
    try {
      const renewalIds = await ctx.prisma.$transaction(async (tx) => {
        // The domains must still be as quoted: the lifecycle job deleting one at this moment makes one of the two
        // lose (this request with CONFLICT, or the job, which leaves the domain to its next run).
        await transitionMany(tx, 'domain', {
          entities: quote.domains,
          from: RENEWABLE_STATUSES,
          stale: () =>
            appError('CONFLICT', '域名状态已变化（可能已进入下一阶段或已删除），请刷新后重试', {
              reason: 'DOMAIN_CHANGED',
            }),
        })
        const ids: number[] = []
        for (const item of quote.items) {
          const renewal = await tx.domainRenewal.create({
            data: { domainId: item.domainId, years: input.years, requestedById },
          })
          ids.push(renewal.id)
          await writeAudit(tx, ctx, {
            action: 'renewal.request',
            subjectType: 'DomainRenewal',
            subjectId: renewal.id,
            regionPath: item.regionPath,
            after: { domainId: item.domainId, years: input.years, feeFen: item.feeFen, status: renewal.status },
          })
        }
        return ids
      })
      return { count: quote.count, totalFen: quote.totalFen, renewalIds }
    } catch (error) {
      // The partial unique index allows one open renewal per domain: a concurrent request lost.
      if (
        isUniqueViolation(error) ||
        String((error as Error).message).includes('domain_renewals_one_open_per_domain')
      ) {
        throw appError('CONFLICT', '已有待处理的续费申请', { reason: 'RENEWAL_OPEN' })
      }
      throw error
    }
  },
})
