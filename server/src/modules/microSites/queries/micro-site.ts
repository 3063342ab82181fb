// The 网络红页 of a unit the viewer may see (null when it has none); NOT_FOUND for a unit outside the viewer's scope.
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { notFound } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { unitScope } from '../../../lib/scope.ts'

export const microSite = defineQuery({
  name: 'microSite',
  policy: { who: SIGNED_IN, tokens: true, rule: 'a unit the viewer may see (NOT_FOUND otherwise)' },
  scope: 'unitScope',
  /** `query` is the selection the resolver asks for (Pothos). */
  async run(ctx, { unitId: rawId, query }: { unitId: string | number; query: object }) {
    const unitId = Number(rawId)
    const unit = Number.isSafeInteger(unitId)
      ? await ctx.prisma.unit.findFirst({
          where: { AND: [{ id: unitId }, unitScope(ctx.viewer)] },
          select: { id: true },
        })
      : null
    if (!unit) throw notFound('单位')
    return ctx.prisma.microSite.findUnique({ ...(query as Prisma.MicroSiteFindUniqueArgs), where: { unitId: unit.id } })
  },
})
