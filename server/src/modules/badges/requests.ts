// Filing a 变更 or 注销 request (commands/request-badge-change.ts, request-badge-cancellation.ts). The badge must be
// ACTIVE, at the version the unit saw, with no request pending. The request is created under a lock on the badge
// row, so it never lands on a badge that just changed; the partial unique index badge_change_requests_one_pending
// settles two requests at once. Its audit row keeps the badge's facts as they were when asked (the history shows
// before → after from it once the badge has changed), and the unit's same-level office is told.
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { BadgeChangeKind, BadgeStatus } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { conflictStale } from '../../lib/review.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { actingUserId } from '../../viewer.ts'
import { staffNotices } from '../notifications/drafts.ts'
import { factsOf, type BadgeFacts } from './facts.ts'
import type { badgeInScope } from './targets.ts'

type Tx = Prisma.TransactionClient

const PENDING_EXISTS = '该标识已有待审核的变更或注销申请'
const BADGE_CANCELLED = '该网站标识已注销，不能再申请变更或注销'
const KIND_TEXT = { CHANGE: '变更', CANCEL: '注销' } as const

/** The badge's status and version as this transaction sees them, with the row locked until it ends. */
async function lockActiveBadge(tx: Tx, badgeId: number, version: number) {
  const rows = await tx.$queryRaw<
    { status: BadgeStatus; version: number }[]
  >`SELECT "status", "version" FROM "badges" WHERE "id" = ${badgeId} FOR UPDATE`
  const row = rows[0]
  if (!row || row.status !== 'ACTIVE') throw appError('CONFLICT', BADGE_CANCELLED)
  if (row.version !== version) throw conflictStale()
}

const hasPending = async (tx: Tx, badgeId: number) =>
  (await tx.badgeChangeRequest.count({ where: { badgeId, status: 'PENDING' } })) > 0

export interface Filing {
  kind: BadgeChangeKind
  reason: string | null
  /** A 变更's facts after the change. */
  facts?: BadgeFacts
}

/** Files the request; returns its id. */
export async function fileBadgeRequest(
  ctx: Context,
  badge: Awaited<ReturnType<typeof badgeInScope>>,
  version: number,
  filing: Filing,
) {
  if (badge.status !== 'ACTIVE') throw appError('CONFLICT', BADGE_CANCELLED)
  if (badge.version !== version) throw conflictStale()
  if (badge.changeRequests.length) throw appError('CONFLICT', PENDING_EXISTS)
  const { kind, reason, facts } = filing
  const asked = facts
    ? {
        newPlacement: facts.placement,
        newSiteName: facts.siteName,
        newEnglishDomain: facts.englishDomain,
        newIpAddress: facts.ipAddress,
      }
    : {}
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      await lockActiveBadge(tx, badge.id, version)
      if (await hasPending(tx, badge.id)) throw appError('CONFLICT', PENDING_EXISTS)
      const request = await tx.badgeChangeRequest.create({
        data: { kind, reason, ...asked, badgeId: badge.id, requestedById: actingUserId(ctx.viewer)! },
      })
      await writeAudit(tx, ctx, {
        action: 'badgeChange.request',
        subjectType: 'BadgeChangeRequest',
        subjectId: request.id,
        regionPath: badge.unit.region.path,
        before: { badgeId: badge.id, badgeVersion: badge.version, ...factsOf(badge) },
        after: { kind, ...facts, reason, status: request.status },
      })
      const params = { unit: badge.unit.name, badgeNumber: badge.badgeNumber, kind: KIND_TEXT[kind] }
      const options = {
        key: `badge-change-request:${request.id}`,
        payload: { badgeId: badge.id, badgeChangeId: request.id },
      }
      await enqueueNotifications(
        tx,
        await staffNotices(
          tx,
          { sameLevelOfficeOf: badge.unit.regionCode },
          'badgeChange.awaitingOfficeReview',
          params,
          options,
        ),
      )
      return request.id
    })
  } catch (error) {
    // The partial unique index badge_change_requests_one_pending: a concurrent request won.
    if (isUniqueViolation(error)) throw appError('CONFLICT', PENDING_EXISTS)
    throw error
  }
}
