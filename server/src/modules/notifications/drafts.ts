// Who an event notifies, as outbox drafts rendered from a template (templates.ts holds every text; a template name
// that does not exist is a type error). Commands pass these to transition(..., { notify }).
import type { Prisma } from '../../generated/prisma/client.ts'
import type { NotificationDraft } from '../../lib/outbox.ts'
import {
  draftsForUsers,
  renderNotification,
  type NotificationParams,
  type NotificationTemplateName,
} from './templates.ts'

type Tx = Prisma.TransactionClient
type Payload = Record<string, string | number | boolean | null>

/** A unit's contact for an event: the handler's mobile and email, and the unit's active portal users. */
export interface UnitContact {
  handlerMobile: string
  handlerEmail: string
  users: { id: number }[]
}

/**
 * One event's notices to a unit: SMS to the handler's mobile, email to the handler's address, IN_APP to each of
 * the unit's users. Keys are `${key}:${channel}:${recipient}`, so the same event never notifies twice.
 */
export function unitContactNotices(
  contact: UnitContact,
  template: NotificationTemplateName,
  params: NotificationParams,
  options: { key: string; payload?: Payload },
): (NotificationDraft & { dedupeKey: string })[] {
  const { subject, body, sms } = renderNotification(template, params)
  const { key, payload } = options
  const mobile = contact.handlerMobile.trim()
  const email = contact.handlerEmail.trim()
  const drafts: (NotificationDraft & { dedupeKey: string })[] = []
  if (mobile)
    drafts.push({ channel: 'SMS', address: mobile, template, body: sms, payload, dedupeKey: `${key}:SMS:${mobile}` })
  if (email)
    drafts.push({
      channel: 'EMAIL',
      address: email,
      template,
      subject,
      body,
      payload,
      dedupeKey: `${key}:EMAIL:${email}`,
    })
  for (const user of contact.users) {
    drafts.push({
      channel: 'IN_APP',
      userId: user.id,
      template,
      subject,
      body,
      payload,
      dedupeKey: `${key}:IN_APP:${user.id}`,
    })
  }
  return drafts
}

/** Staff an event puts work before: the active staff of a region's own office (同级编办), or CONAC's. */
export type StaffOf = { sameLevelOfficeOf: string } | 'conac'

/** IN_APP notices to the staff who must act next (keys `${key}:IN_APP:${userId}`). */
export async function staffNotices(
  tx: Tx,
  staffOf: StaffOf,
  template: NotificationTemplateName,
  params: NotificationParams,
  options: { key: string; payload?: Payload },
): Promise<NotificationDraft[]> {
  const where: Prisma.UserWhereInput =
    staffOf === 'conac'
      ? { role: 'CONAC_STAFF', status: 'ACTIVE' }
      : { office: { regionCode: staffOf.sameLevelOfficeOf }, status: 'ACTIVE' }
  const staff = await tx.user.findMany({ where, select: { id: true } })
  return draftsForUsers(staff, template, params, options)
}
