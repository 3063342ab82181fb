// 域名查询: may this name be applied for (format, reserved names, the unit type's suffix, live holders)?
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import type { DomainSuffix } from '../../../generated/prisma/enums.ts'
import { checkDomainAvailability } from '../reads.ts'

export const domainAvailability = defineQuery({
  name: 'domainAvailability',
  policy: {
    who: SIGNED_IN,
    tokens: true,
    rule: 'none: a unit user is also told when the suffix does not fit its unit type',
  },
  scope: 'none (no row is shown, only whether the name is held)',
  run: (ctx, input: { name: string; suffix: DomainSuffix }) => checkDomainAvailability(ctx, input.name, input.suffix),
})
