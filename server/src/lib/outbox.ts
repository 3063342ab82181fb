// The notification outbox. Events write their SMS, email and in-portal notifications here, in the same database
// transaction as the change they report; a worker delivers them afterwards (no network call inside a transaction).
import type { Prisma } from '../generated/prisma/client.ts'
import type { NotificationChannel } from '../generated/prisma/enums.ts'

type OutboxClient = {
  notification: {
    createMany(args: { data: Prisma.NotificationCreateManyInput[]; skipDuplicates?: boolean }): Promise<unknown>
  }
}

export interface NotificationDraft {
  channel: NotificationChannel
  /** The portal user it is for (required for IN_APP). */
  userId?: number | null
  /** Mobile number (SMS) or email address (EMAIL). */
  address?: string | null
  /** Template name, e.g. domain.officeRejected, verification.code */
  template: string
  subject?: string | null
  body: string
  payload?: Prisma.InputJsonValue
  /** One notification per key: an event that is processed twice notifies once. */
  dedupeKey?: string | null
}

export async function enqueueNotifications(db: OutboxClient, drafts: NotificationDraft[]): Promise<void> {
  if (!drafts.length) return
  await db.notification.createMany({
    data: drafts.map((draft) => ({
      channel: draft.channel,
      userId: draft.userId ?? null,
      address: draft.address ?? null,
      template: draft.template,
      subject: draft.subject ?? null,
      body: draft.body,
      payload: draft.payload,
      dedupeKey: draft.dedupeKey ?? null,
    })),
    skipDuplicates: true,
  })
}
