// 域名申请: a unit applies for a name, or its office applies on its behalf (代单位申请).
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { defineCommand } from '../../../commands/define.ts'
import { forbidden } from '../../../errors.ts'
import type { DomainSuffix } from '../../../generated/prisma/enums.ts'
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
import { applyingUnit } from '../targets.ts'

export interface ApplyForDomainInput {
  unitId?: string | number | null
  name: string
  suffix: DomainSuffix
  years: number
}

export const applyForDomain = defineCommand({
  name: 'applyForDomain',
  policy: {
    who: ['unit', 'county', 'city', 'province'],
    tokens: true,
    roles: ['REVIEWER', 'FINANCE'],
    rule: 'a unit user for its own (ACTIVE) unit; office staff for a unit in its subtree (代单位申请); CONAC does not apply',
  },
  scope: 'unitScope',
  transition: { entity: 'Domain', from: [], to: ['PENDING_OFFICE_REVIEW'] },
  notices: ['domain.awaitingOfficeReview'],

  async run(ctx, input: ApplyForDomainInput) {
    const { unit, officeId } = await applyingUnit(ctx, input.unitId)
    if (unit.status !== 'ACTIVE') throw forbidden('该单位已停用，不能申请域名')
    const name = normalizeDomainName(input.name)
    checkApplication({
      name: nameProblem(name),
      suffix: suffixProblem(unit.type, input.suffix),
      years: yearsProblem(input.years),
    })

    return mapNameRace(() =>
      ctx.prisma.$transaction(async (tx) => {
        await refuseHeldName(tx, { name, suffix: input.suffix, unitId: unit.id })
        const domain = await tx.domain.create({
          data: {
            name,
            suffix: input.suffix,
            years: input.years,
            unitId: unit.id,
            submittedByOfficeId: officeId,
            status: 'PENDING_OFFICE_REVIEW',
          },
        })
        const variants = await reserveVariants(tx, domain)
        await writeAudit(tx, ctx, {
          action: 'domain.apply',
          subjectType: 'Domain',
          subjectId: domain.id,
          regionPath: unit.region.path,
          after: {
            name,
            suffix: input.suffix,
            years: input.years,
            unitId: unit.id,
            status: domain.status,
            submittedByOfficeId: officeId,
            variants,
          },
        })
        const params = { unit: unit.name, domain: fullNameOf({ name, suffix: input.suffix }) }
        const key = `domain-apply:${domain.id}:${domain.version}`
        await enqueueNotifications(
          tx,
          await staffNotices(tx, { sameLevelOfficeOf: unit.regionCode }, 'domain.awaitingOfficeReview', params, {
            key,
          }),
        )
        return domain.id
      }),
    )
  },
})
