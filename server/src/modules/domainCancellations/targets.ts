// Who files a 域名注销 and the rows a command acts on, each read once and only inside the viewer's scope (NOT_FOUND
// otherwise), with what the rules and notices need.
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainStatus } from '../../generated/prisma/enums.ts'
import { domainScope, unitScope } from '../../lib/scope.ts'
import type { UnitContact } from '../notifications/drafts.ts'

/** Who asks for a 注销 (and withdraws it): the holding unit's users; offices review, they do not ask. */
export const DOMAIN_CANCELLERS: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, for a domain of its own unit',
  refusal: '只有单位用户可以申请注销本单位的域名',
}

/** States a 注销 may start from (and that an approval still finds): registered, expired, grace and redemption. */
export const CANCELLABLE_STATUSES: readonly DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION']

export const SAME_LEVEL_ONLY = '域名注销申请由单位的同级编办审核'

const unitSelect = {
  id: true,
  name: true,
  regionCode: true,
  handlerMobile: true,
  handlerEmail: true,
  region: { select: { path: true, office: { select: { id: true } } } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

const domainSelect = {
  id: true,
  name: true,
  suffix: true,
  status: true,
  version: true,
  unitId: true,
  expiresAt: true,
  unit: { select: unitSelect },
} as const satisfies Prisma.DomainSelect

/** A domain of a unit the viewer may see. */
export async function domainInScope(ctx: Context, id: string | number) {
  const domainId = Number(id)
  const domain = Number.isSafeInteger(domainId)
    ? await ctx.prisma.domain.findFirst({
        where: { AND: [{ id: domainId }, domainScope(ctx.viewer)] },
        select: domainSelect,
      })
    : null
  if (!domain) throw notFound('域名')
  return domain
}

/** A cancellation request on a domain of a unit the viewer may see, with its domain and unit. */
export async function requestInScope(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.domainCancellationRequest.findFirst({
        where: { id: requestId, unit: unitScope(ctx.viewer) },
        include: { domain: { select: domainSelect } },
      })
    : null
  if (!request) throw notFound('域名注销申请')
  return request
}

export type DomainForCancellation = Awaited<ReturnType<typeof domainInScope>>

/** Who hears about a decision: the unit's handler (SMS, email) and its active users (in the portal). */
export const contactOf = (unit: DomainForCancellation['unit']): UnitContact => ({
  handlerMobile: unit.handlerMobile,
  handlerEmail: unit.handlerEmail,
  users: unit.users,
})
