// After the installation checks: units whose badge is overdue (ACTIVE self-built, past its deadline, never found
// installed) are told once per badge and deadline, by SMS and email to the unit's handler and in the portal.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { overdueWhere } from '../installChecks/runs.ts'
import { unitContactNotices } from '../notifications/drafts.ts'
import { enqueueNew } from './notices.ts'

export async function notifyOverdueInstallations(prisma: PrismaClient, now: Date) {
  const badges = await prisma.badge.findMany({
    where: overdueWhere(now),
    select: {
      id: true,
      badgeNumber: true,
      siteName: true,
      installDeadline: true,
      unit: {
        select: {
          name: true,
          handlerMobile: true,
          handlerEmail: true,
          users: { where: { status: 'ACTIVE' }, select: { id: true } },
        },
      },
    },
    orderBy: { id: 'asc' },
  })
  let notified = 0
  let notifications = 0
  for (const badge of badges) {
    const params = {
      unit: badge.unit.name,
      site: badge.siteName,
      badgeNumber: badge.badgeNumber,
      deadline: beijingDay(badge.installDeadline),
    }
    const created = await enqueueNew(
      prisma,
      unitContactNotices(badge.unit, 'badge.notInstalled', params, {
        key: `badge.notInstalled:${badge.id}:${badge.installDeadline.toISOString()}`,
        payload: { badgeId: badge.id, installDeadline: badge.installDeadline.toISOString() },
      }),
    )
    if (created) notified += 1
    notifications += created
  }
  return { overdue: badges.length, notified, notifications }
}
