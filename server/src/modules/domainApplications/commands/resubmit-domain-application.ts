// 修改后重新提交: a rejected application, edited (name, years), goes back to the same-level office.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import type { DomainStatus } from '../../../generated/prisma/enums.ts'
import { reserveVariants } from '../../domainNames/holding.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import {
  checkApplication,
  fullNameOf,
  mapNameRace,
  nameProblem,
  refuseHeldName,
  normalizeDomainName,
  suffixProblem,
  yearsProblem,
} from '../names.ts'
import { domainInScope, requireApplicantSide } from '../targets.ts'

const RESUBMITTABLE: DomainStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED']

export interface ResubmitDomainInput {
  id: string | number
  version: number
  name: string
  years: number
}

export const resubmitDomainApplication = defineCommand({
  name: 'resubmitDomainApplication',
  policy: {
    who: ['unit', 'county', 'city', 'province', 'conac'],
    tokens: true,
    roles: ['REVIEWER', 'FINANCE'],
    rule: 'the unit, or an office over it; CONAC reviews and may not edit (FORBIDDEN)',
  },
  scope: 'domainScope',
  transition: { entity: 'Domain', from: RESUBMITTABLE, to: ['PENDING_OFFICE_REVIEW'] },
  notices: ['domain.resubmitted'],

  async run(ctx, input: ResubmitDomainInput) {
    const domain = await domainInScope(ctx, input.id)
    requireApplicantSide(ctx)
    if (!RESUBMITTABLE.includes(domain.status)) throw appError('CONFLICT', '只有审核未通过的申请可以修改后重新提交')
    const name = normalizeDomainName(input.name)
    // The unit's type may have been corrected since it applied; the suffix must still fit.
    checkApplication({
      name: nameProblem(name),
      years: yearsProblem(input.years),
      suffix: suffixProblem(domain.unit.type, domain.suffix),
    })
    const params = {
      unit: domain.unit.name,
      domain: fullNameOf({ name, suffix: domain.suffix }),
      formerDomain: name === domain.name ? null : fullNameOf(domain),
    }

    return mapNameRace(() =>
      ctx.prisma.$transaction(async (tx) => {
        await refuseHeldName(tx, { name, suffix: domain.suffix, unitId: domain.unitId, domainId: domain.id })
        const key = `domain-apply:${domain.id}:${input.version + 1}`
        await transition(tx, ctx, 'domain', {
          entity: domain,
          from: RESUBMITTABLE,
          to: 'PENDING_OFFICE_REVIEW',
          expectedVersion: input.version,
          set: { name, years: input.years, submittedAt: new Date() },
          audit: {
            action: 'domain.resubmit',
            regionPath: domain.unit.region.path,
            before: { name: domain.name, years: domain.years },
            after: { name, years: input.years },
          },
          notify: await staffNotices(tx, { sameLevelOfficeOf: domain.unit.regionCode }, 'domain.resubmitted', params, {
            key,
          }),
        })
        // A new name dropped the old one's variants (trigger domains_sync_names); an unchanged one keeps its own.
        await reserveVariants(tx, { id: domain.id, name, suffix: domain.suffix })
        return domain.id
      }),
    )
  },
})
