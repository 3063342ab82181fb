// 撤回: the unit takes back an application that is not under review at CONAC or beyond; a withdrawn one stays for
// history, and its Chinese domain is free for a new application.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import type { SiteApplicationStatus } from '../../../generated/prisma/enums.ts'
import { REJECTED } from '../statuses.ts'
import { applicationInScope, ownUnitId, UNIT_USERS_ONLY } from '../targets.ts'

const WITHDRAWABLE: SiteApplicationStatus[] = ['DRAFT', 'PENDING_OFFICE_REVIEW', ...REJECTED]

export const withdrawSiteApplication = defineCommand({
  name: 'withdrawSiteApplication',
  policy: { who: ['unit'], tokens: false, rule: 'a unit user, its own unit’s application', refusal: UNIT_USERS_ONLY },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: WITHDRAWABLE, to: ['WITHDRAWN'] },

  async run(ctx, input: { id: string | number; version: number }) {
    ownUnitId(ctx)
    const app = await applicationInScope(ctx, input.id)
    if (!WITHDRAWABLE.includes(app.status)) throw appError('CONFLICT', '该申请已进入复审或已通过审核，不能撤回')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'siteApplication', {
        entity: app,
        from: WITHDRAWABLE,
        to: 'WITHDRAWN',
        expectedVersion: input.version,
        audit: { action: 'siteApplication.withdraw', regionPath: app.unit.region.path },
      }),
    )
    return app.id
  },
})
