// 立即检测: the owning unit, an office whose scope holds the unit, or CONAC checks one self-built site's badge now,
// at most once a minute per badge. The fetch goes out through the guarded outbound fetch (fetch.ts); the outcome is
// recorded like a run's (service.ts).
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError, badInput, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { unitScope } from '../../../lib/scope.ts'
import { checkAndRecord } from '../runs.ts'

/** A badge may be checked by hand at most this often. */
export const MANUAL_CHECK_INTERVAL_MS = 60_000

const changedMeanwhile = () => appError('CONFLICT', '该标识已变更或注销，请刷新', { reason: 'STATE_CHANGED' })

export const checkBadgeInstallation = defineCommand({
  name: 'checkBadgeInstallation',
  policy: {
    who: SIGNED_IN,
    tokens: true,
    roles: ['REVIEWER'],
    rule: 'a badge of a unit the viewer may see (NOT_FOUND otherwise); once a minute per badge',
  },
  scope: 'unitScope',
  effects: [
    'a BadgeInstallCheck row; the badge’s lastCheckedAt, lastCheckFound and (the first time it is found) installedAt',
  ],

  /** Returns the badge's id. */
  async run(ctx, input: { badgeId: string | number }) {
    const id = Number(input.badgeId)
    const badge = Number.isSafeInteger(id)
      ? await ctx.prisma.badge.findFirst({
          where: { AND: [{ id }, { unit: unitScope(ctx.viewer) }] },
          include: { unit: { select: { region: { select: { path: true } } } } },
        })
      : null
    if (!badge) throw notFound('网站标识')
    if (badge.status !== 'ACTIVE') throw appError('CONFLICT', '该标识已注销，无需检测', { reason: 'STATE_CHANGED' })
    if (badge.placement !== 'SELF_BUILT' || !badge.englishDomain)
      throw badInput('网络红页上的标识由平台自动展示，无需检测')

    // Claim the minute: one conditional update per case, so two clicks at once cannot both pass (lastCheckedAt and
    // lastCheckFound are null together, so a badge never checked gets lastCheckFound false until the check below
    // records the real result). Not a state transition: the version is left alone.
    const now = new Date()
    const current = {
      id: badge.id,
      status: 'ACTIVE' as const,
      placement: 'SELF_BUILT' as const,
      englishDomain: badge.englishDomain,
    }
    let claimed = await ctx.prisma.badge.updateMany({
      where: { ...current, lastCheckedAt: null },
      data: { lastCheckedAt: now, lastCheckFound: false },
    })
    if (claimed.count === 0) {
      claimed = await ctx.prisma.badge.updateMany({
        where: { ...current, lastCheckedAt: { lte: new Date(now.getTime() - MANUAL_CHECK_INTERVAL_MS) } },
        data: { lastCheckedAt: now },
      })
    }
    if (claimed.count === 0) {
      // Why not: the badge moved on (changed or cancelled meanwhile), or it was checked within the minute.
      const fresh = await ctx.prisma.badge.findUnique({
        where: { id: badge.id },
        select: { status: true, placement: true, englishDomain: true, lastCheckedAt: true },
      })
      if (
        !fresh ||
        fresh.status !== 'ACTIVE' ||
        fresh.placement !== 'SELF_BUILT' ||
        fresh.englishDomain !== badge.englishDomain
      )
        throw changedMeanwhile()
      const waitMs = (fresh.lastCheckedAt?.getTime() ?? 0) + MANUAL_CHECK_INTERVAL_MS - now.getTime()
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000))
      throw appError('TOO_MANY_ATTEMPTS', `检测过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds })
    }

    const checked = { id: badge.id, badgeNumber: badge.badgeNumber, englishDomain: badge.englishDomain }
    const outcome = await checkAndRecord(ctx.prisma, checked, { outbound: ctx.outbound, now: () => now })
    await writeAudit(ctx.prisma, ctx, {
      action: 'badge.installCheck',
      subjectType: 'Badge',
      subjectId: badge.id,
      regionPath: badge.unit.region.path,
      after: {
        url: outcome.url,
        httpStatus: outcome.httpStatus,
        snippetFound: outcome.snippetFound,
        detail: outcome.detail,
      },
    })
    return badge.id
  },
})
