// Outbox helper for the jobs: enqueue only drafts whose dedupeKey is new, and say how many that was (the unique
// dedupeKey still guards a concurrent second enqueue). The drafts themselves come from notifications/drafts.ts and
// templates.ts, whose keys name the event, so a reminder repeated the same day finds its keys taken.
import { enqueueNotifications, type NotificationDraft } from '../../lib/outbox.ts'
import type { Tx } from '../../lib/ledger.ts'

type Keyed = NotificationDraft & { dedupeKey: string }

/** Enqueues the drafts not sent before; returns how many were new. */
export async function enqueueNew(db: Tx, drafts: Keyed[]): Promise<number> {
  if (!drafts.length) return 0
  const keys = drafts.map((draft) => draft.dedupeKey)
  const seen = new Set<string>()
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.notification.findMany({
      where: { dedupeKey: { in: keys.slice(i, i + 500) } },
      select: { dedupeKey: true },
    })
    for (const row of rows) if (row.dedupeKey) seen.add(row.dedupeKey)
  }
  const fresh = drafts.filter((draft) => !seen.has(draft.dedupeKey))
  await enqueueNotifications(db, fresh)
  return fresh.length
}
