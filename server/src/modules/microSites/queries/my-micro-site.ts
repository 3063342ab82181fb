// The unit user's own 网络红页 (null before the first save). Staff and tokens read a unit's through microSite.
import { defineQuery } from '../../../commands/define.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { ownUnitId, UNIT_EDITORS } from '../rules.ts'

export const myMicroSite = defineQuery({
  name: 'myMicroSite',
  policy: { ...UNIT_EDITORS, rule: '本单位: a unit user, its own unit’s micro-site' },
  scope: 'the viewer’s own unit',
  /** `query` is the selection the resolver asks for (Pothos). */
  run: (ctx, query: object) =>
    ctx.prisma.microSite.findUnique({
      ...(query as Prisma.MicroSiteFindUniqueArgs),
      where: { unitId: ownUnitId(ctx) },
    }),
})
