// One badge with its installation state (安装期限, 已安装/未安装/已逾期, the latest checks).
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { notFound } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { unitScope } from '../../../lib/scope.ts'

export const badgeInstallation = defineQuery({
  name: 'badgeInstallation',
  policy: { who: SIGNED_IN, tokens: true, rule: 'one badge of a unit the viewer may see (NOT_FOUND otherwise)' },
  scope: 'unitScope',

  /** `query` is the selection the resolver asks for (Pothos). */
  async run(ctx, { badgeId, query }: { badgeId: string | number; query: object }) {
    const id = Number(badgeId)
    const badge = Number.isSafeInteger(id)
      ? await ctx.prisma.badge.findFirst({
          ...(query as Prisma.BadgeFindFirstArgs),
          where: { AND: [{ id }, { unit: unitScope(ctx.viewer) }] },
        })
      : null
    if (!badge) throw notFound('网站标识')
    return badge
  },
})
