// Outbox helpers for the jobs: enqueue only drafts whose dedupeKey is new, and say how many that was (the unique
// dedupeKey still guards a concurrent second enqueue).
import { enqueueNotifications, type NotificationDraft } from '../../lib/outbox.ts'
import type { Tx } from '../../lib/ledger.ts'

type Keyed = NotificationDraft & { dedupeKey: string }

/** Enqueues the drafts not sent before; returns how many were new. */
export async function enqueueNew(db: Tx, drafts: Keyed[]): Promise<number> {
  if (!drafts.length) return 0
  const keys = drafts.map((draft) => draft.dedupeKey)
  const seen = new Set<string>()
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.notification.findMany({ where: { dedupeKey: { in: keys.slice(i, i + 500) } }, select: { dedupeKey: true } })
    for (const row of rows) if (row.dedupeKey) seen.add(row.dedupeKey)
  }
  const fresh = drafts.filter((draft) => !seen.has(draft.dedupeKey))
  await enqueueNotifications(db, fresh)
  return fresh.length
}

/** SMS to the handler's mobile, EMAIL to the handler's email, IN_APP to each user; keys `${key}:${channel}:${recipient}`. */
export function unitContactNotices(
  unit: { handlerMobile: string; handlerEmail: string; users: { id: number }[] },
  key: string,
  message: { template: string; subject: string; body: string; sms?: string; payload?: NotificationDraft['payload'] },
): Keyed[] {
  const mobile = unit.handlerMobile.trim()
  const email = unit.handlerEmail.trim()
  const drafts: Keyed[] = []
  const { template, subject, body, payload } = message
  if (mobile) drafts.push({ channel: 'SMS', address: mobile, template, body: message.sms ?? body, payload, dedupeKey: `${key}:SMS:${mobile}` })
  if (email) drafts.push({ channel: 'EMAIL', address: email, template, subject, body, payload, dedupeKey: `${key}:EMAIL:${email}` })
  for (const user of unit.users) drafts.push({ channel: 'IN_APP', userId: user.id, template, subject, body, payload, dedupeKey: `${key}:IN_APP:${user.id}` })
  return drafts
}
