// 注销影响: what depends on a domain and would be cancelled or stop answering with it, for the unit to see before
// it confirms a 注销 (and for offices looking at the same domain).
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { cancellationImpact } from '../impact.ts'
import { domainInScope } from '../targets.ts'

export const domainCancellationImpact = defineQuery({
  name: 'domainCancellationImpact',
  policy: { who: SIGNED_IN, tokens: true, rule: 'none: a domain the viewer may see (NOT_FOUND otherwise)' },
  scope: 'domainScope',
  async run(ctx, domainId: string | number) {
    const domain = await domainInScope(ctx, domainId)
    const { fingerprint, ...dependents } = await cancellationImpact(ctx.prisma, domain)
    return { domainId: domain.id, fingerprint, dependents }
  },
})
