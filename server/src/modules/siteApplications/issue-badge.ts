// The effect of the last approval (CONAC's for 事业单位/社会组织, the paper step's for 党政机关/群团机关): the
// badge (网站标识) with the next number of its year and region, its install deadline, the Chinese domain pointed
// at the site, an audit row on the badge and the notice to the unit.
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { addWorkingDays } from '../../lib/workdays.ts'
import { pointChineseDomain } from '../badges/dnsPointing.ts'
import { unitContactNotices } from '../notifications/drafts.ts'
import { unitContactOf, type LoadedApplication } from './targets.ts'

type Tx = Prisma.TransactionClient

/** The badge must be installed within 5 working days of the notice (lib/workdays.ts: Beijing time, holidays and 调休). */
const INSTALL_DEADLINE_DAYS = 5

export async function issueBadge(ctx: Context, tx: Tx, app: LoadedApplication) {
  const now = new Date()
  const year = now.getUTCFullYear()
  // Serialise numbering: two badges issued at once in one region must not draw the same sequence.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`badge-number:${year}:${app.unit.regionCode}`}))`
  const prefix = `${year}${app.unit.regionCode}`
  const issued = await tx.badge.count({ where: { badgeNumber: { startsWith: prefix } } })
  const badgeNumber = `${prefix}${String(issued + 1).padStart(5, '0')}`
  const badge = await tx.badge.create({
    data: {
      badgeNumber,
      siteApplicationId: app.id,
      unitId: app.unitId,
      placement: app.useMicroSite ? 'MICRO_SITE' : 'SELF_BUILT',
      siteName: app.siteName,
      englishDomain: app.englishDomain,
      ipAddress: app.ipAddress,
      issuedAt: now,
      // The end (23:59:59.999 Beijing) of the 5th working day after the day of issue.
      installDeadline: addWorkingDays(now, INSTALL_DEADLINE_DAYS),
    },
  })
  // The Chinese domain forwards to the site (or the micro-site) that carries the badge.
  await pointChineseDomain(tx, ctx, badge, { cause: 'BADGE_ISSUED' })
  await writeAudit(tx, ctx, {
    action: 'badge.issue',
    subjectType: 'Badge',
    subjectId: badge.id,
    regionPath: app.unit.region.path,
    after: {
      badgeNumber,
      siteApplicationId: app.id,
      placement: badge.placement,
      installDeadline: badge.installDeadline,
    },
  })
  const params = { site: app.siteName, badgeNumber, deadline: badge.installDeadline }
  const options = { key: `badge-issue:${badge.id}`, payload: { badgeId: badge.id, badgeNumber } }
  await enqueueNotifications(tx, unitContactNotices(unitContactOf(app), 'badge.issued', params, options))
  return badge
}
