// 未认领账号: which imported accounts an office sees and may re-send, and what state each one's invitation is in.
// An office's 管理员 sees the imported accounts of the units and of the offices in its region subtree (the people it
// would tell to claim); CONAC's 管理员 sees all of them. Anything else is NOT_FOUND for a by-id command.
import { config } from '../../../config.ts'
import type { Context } from '../../../context.ts'
import { notFound } from '../../../errors.ts'
import type { Prisma, PrismaClient } from '../../../generated/prisma/client.ts'
import { ALL_OFFICES, type Policy } from '../../../commands/policy.ts'
import { literalLike } from '../../../lib/likeText.ts'
import type { Viewer } from '../../../viewer.ts'
import { unclaimed, withOrganisation, type ClaimAccount } from './invite.ts'

export const unclaimedAccountsPolicy: Policy = {
  who: ALL_OFFICES,
  tokens: false,
  roles: ['ADMIN'],
  rule: 'an office ADMIN: the imported accounts of the units and offices of its region subtree; CONAC ADMIN: all',
}

/** Nothing matches this id. */
const NOTHING = -1

/** The unclaimed imported accounts the viewer's office reaches. */
export function unclaimedAccountScope(viewer: Viewer): Prisma.UserWhereInput {
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office) return { id: NOTHING }
  if (office.officeLevel === 'CENTRAL') return { ...unclaimed }
  const inSubtree = { region: { path: { startsWith: office.regionPath } } }
  return { ...unclaimed, OR: [{ unit: inSubtree }, { office: inSubtree }] }
}

/** 未发送 (no link yet), 已发送 (a link that still works), 链接已过期 (every link sent has expired or was used up). */
export type ClaimInvitationState = 'NOT_SENT' | 'SENT' | 'EXPIRED'

const ACTIVATION = 'ACTIVATION' as const

/** The filter of one invitation state, at `now`. */
export function invitationStateFilter(state: ClaimInvitationState, now: Date): Prisma.UserWhereInput {
  const live = { purpose: ACTIVATION, consumedAt: null, expiresAt: { gt: now } }
  if (state === 'NOT_SENT') return { accountTokens: { none: { purpose: ACTIVATION } } }
  if (state === 'SENT') return { accountTokens: { some: live } }
  return { AND: [{ accountTokens: { some: { purpose: ACTIVATION } } }, { accountTokens: { none: live } }] }
}

export interface UnclaimedFilter {
  /** Part of the login name, the person's name, or the unit's or office's name. */
  search?: string | null
  invitation?: ClaimInvitationState | null
}

/** The viewer's unclaimed accounts matching the filter. */
export function unclaimedAccountsWhere(viewer: Viewer, filter: UnclaimedFilter, now: Date): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [unclaimedAccountScope(viewer)]
  const text = filter.search?.trim()
  if (text) {
    const like = { contains: literalLike(text), mode: 'insensitive' as const }
    and.push({
      OR: [{ username: like }, { displayName: like }, { unit: { name: like } }, { office: { name: like } }],
    })
  }
  if (filter.invitation) and.push(invitationStateFilter(filter.invitation, now))
  return { AND: and }
}

/** The unclaimed account if the viewer reaches it, else NOT_FOUND (whether it exists is nobody else's business). */
export async function findUnclaimedAccount(ctx: Context, id: string | number): Promise<ClaimAccount> {
  const userId = Number(id)
  if (!Number.isSafeInteger(userId) || userId < 1) throw notFound('账号')
  const user = await ctx.prisma.user.findFirst({
    where: { AND: [{ id: userId }, unclaimedAccountScope(ctx.viewer)] },
    include: withOrganisation,
  })
  if (!user) throw notFound('账号')
  return user
}

export interface ClaimInvitationView {
  state: ClaimInvitationState
  /** When the latest link went (null: never). */
  sentAt: Date | null
  expiresAt: Date | null
  /** From when the office may re-send it (null: now). */
  resendableAt: Date | null
}

type Db = PrismaClient | Prisma.TransactionClient

/** The latest activation link of the account, read for the list and the re-send throttle. */
export async function latestActivationLink(db: Db, userId: number) {
  return db.accountToken.findFirst({
    where: { userId, purpose: ACTIVATION },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { createdAt: true, expiresAt: true, consumedAt: true },
  })
}

/** What the list shows of an account's invitation at `now`. */
export function invitationView(
  link: { createdAt: Date; expiresAt: Date; consumedAt: Date | null } | null,
  now: Date,
): ClaimInvitationView {
  if (!link) return { state: 'NOT_SENT', sentAt: null, expiresAt: null, resendableAt: null }
  const resendable = new Date(link.createdAt.getTime() + config.migrationClaim.resendMinutes * 60_000)
  return {
    state: !link.consumedAt && link.expiresAt > now ? 'SENT' : 'EXPIRED',
    sentAt: link.createdAt,
    expiresAt: link.expiresAt,
    resendableAt: resendable > now ? resendable : null,
  }
}
