// Who files a 过户 and the rows the commands act on, each read only inside the viewer's scope (NOT_FOUND otherwise).
// A request is visible to whoever may see either unit: the giving and the receiving unit, the offices above either
// (every approving office is one of them), CONAC.
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainStatus } from '../../generated/prisma/enums.ts'
import { unitScope } from '../../lib/scope.ts'
import type { Viewer } from '../../viewer.ts'
import type { UnitContact } from '../notifications/drafts.ts'

/** Who gives a domain away (and withdraws the request): the giving unit's primary account. */
export const TRANSFER_REQUESTERS: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, for a domain of its own unit',
  refusal: '只有单位用户可以申请域名过户',
  // Giving a domain away is the unit's decision, as changing its facts is: the primary account's.
  unitPrimary: true,
}

/** A domain may change hands while it resolves: registered, or expired but not yet past the grace period. */
export const TRANSFERABLE_STATUSES: readonly DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE']

/** Site applications still on their way (the domain is named in them, so it cannot move under them). */
export const LIVE_SITE_APPLICATION_STATUSES = [
  'DRAFT',
  'PENDING_OFFICE_REVIEW',
  'PENDING_CONAC_REVIEW',
  'AWAITING_PAPER',
  'PAPER_REJECTED',
] as const

export const unitSelect = {
  id: true,
  name: true,
  type: true,
  status: true,
  creditCode: true,
  regionCode: true,
  handlerMobile: true,
  handlerEmail: true,
  region: { select: { path: true, name: true } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

export const requestInclude = {
  domain: { select: { id: true, name: true, suffix: true, status: true, version: true, unitId: true } },
  fromUnit: { select: unitSelect },
  toUnit: { select: unitSelect },
  approvals: { orderBy: { position: 'asc' }, include: { office: { select: { id: true, name: true } } } },
} as const satisfies Prisma.DomainTransferRequestInclude

/** Requests the viewer may see: those of a unit it may see, giving or receiving. */
export function transferScope(viewer: Viewer): Prisma.DomainTransferRequestWhereInput {
  const units = unitScope(viewer)
  return { OR: [{ fromUnit: units }, { toUnit: units }] }
}

/** A transfer request the viewer may see, with its domain, units and approvals. */
export async function transferInScope(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.domainTransferRequest.findFirst({
        where: { AND: [{ id: requestId }, transferScope(ctx.viewer)] },
        include: requestInclude,
      })
    : null
  if (!request) throw notFound('域名过户申请')
  return request
}

export type TransferRequest = Awaited<ReturnType<typeof transferInScope>>
export type TransferUnit = TransferRequest['fromUnit']

export const contactOf = (unit: TransferUnit): UnitContact => ({
  handlerMobile: unit.handlerMobile,
  handlerEmail: unit.handlerEmail,
  users: unit.users,
})

/** What a request says about each badge that depends on the domain. */
export type BadgeAction = 'MOVE' | 'CANCEL'
export interface StoredBadgeAction {
  badgeId: number
  action: BadgeAction
}

export function storedBadgeActions(value: Prisma.JsonValue): StoredBadgeAction[] {
  return Array.isArray(value) ? (value as unknown as StoredBadgeAction[]) : []
}
