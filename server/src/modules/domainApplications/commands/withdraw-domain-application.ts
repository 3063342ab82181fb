// 撤销申请: the applicant withdraws an application until CONAC has approved it.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import type { DomainStatus } from '../../../generated/prisma/enums.ts'
import { domainInScope, requireApplicantSide } from '../targets.ts'

const WITHDRAWABLE: DomainStatus[] = ['PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'OFFICE_APPROVED', 'CONAC_REJECTED']

export const withdrawDomainApplication = defineCommand({
  name: 'withdrawDomainApplication',
  policy: {
    who: ['unit', 'county', 'city', 'province', 'conac'],
    tokens: true,
    roles: ['REVIEWER', 'FINANCE'],
    rule: 'the unit, or an office over it; CONAC may not withdraw (FORBIDDEN)',
  },
  scope: 'domainScope',
  transition: { entity: 'Domain', from: WITHDRAWABLE, to: ['CANCELLED'] },

  async run(ctx, input: { id: string | number; version: number }) {
    const domain = await domainInScope(ctx, input.id)
    requireApplicantSide(ctx)
    if (!WITHDRAWABLE.includes(domain.status)) throw appError('CONFLICT', 'CONAC 审核通过后不能撤销申请')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'domain', {
        entity: domain,
        from: WITHDRAWABLE,
        to: 'CANCELLED',
        expectedVersion: input.version,
        audit: { action: 'domain.withdraw', regionPath: domain.unit.region.path },
      }),
    )
    return domain.id
  },
})
