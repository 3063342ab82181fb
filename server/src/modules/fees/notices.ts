// Who the money path tells what; the wording is in notifications/templates.ts. The dedupe keys are the ones these
// events have always written, so an event processed twice (a retried 认款, a charge run again) notifies once.
import type { NotificationDraft } from '../../lib/outbox.ts'
import { renderNotification } from '../notifications/templates.ts'
import { yuan } from './prices.ts'

type User = { id: number }

/** 收费: an SMS to the unit's handler, and a notice in the portal to each of the unit's users. */
export function feeCollectedNotices(
  unit: { handlerMobile: string; users: User[] },
  collection: { id: number; amountFen: bigint; items: number },
): NotificationDraft[] {
  const template = 'fee.collected'
  const { subject, body, sms } = renderNotification(template, {
    amount: yuan(collection.amountFen),
    count: collection.items,
  })
  const key = `${template}:${collection.id}`
  return [
    { channel: 'SMS', address: unit.handlerMobile, template, body: sms, dedupeKey: `${key}:sms` },
    ...unit.users.map((user): NotificationDraft => ({
      channel: 'IN_APP',
      userId: user.id,
      template,
      subject,
      body,
      dedupeKey: `${key}:${user.id}`,
    })),
  ]
}

/** 认款: the remitting office's staff, in the portal and by email (those who have an address). */
export function remittanceConfirmedNotices(
  staff: (User & { email: string | null })[],
  remittance: { id: number; amountFen: bigint },
): NotificationDraft[] {
  const template = 'remittance.confirmed'
  const { subject, body } = renderNotification(template, {
    number: `#${remittance.id}`,
    amount: yuan(remittance.amountFen),
  })
  const payload = { remittanceId: remittance.id }
  const key = `${template}:${remittance.id}`
  return [
    ...staff.map((user): NotificationDraft => ({
      channel: 'IN_APP',
      userId: user.id,
      template,
      subject,
      body,
      payload,
      dedupeKey: `${key}:${user.id}`,
    })),
    ...staff
      .filter((user) => user.email)
      .map((user): NotificationDraft => ({
        channel: 'EMAIL',
        userId: user.id,
        address: user.email,
        template,
        subject,
        body,
        payload,
        dedupeKey: `${key}:EMAIL:${user.id}`,
      })),
  ]
}

/** 扣费: the unit's users learn in the portal that the domain is registered, or renewed by `years`. */
export function domainChargedNotices(
  users: User[],
  item: { id: number; domain: string; renewedYears: number | null },
): NotificationDraft[] {
  const template = 'domain.charged'
  const { subject, body } = renderNotification(template, { domain: item.domain, years: item.renewedYears })
  return users.map((user) => ({
    channel: 'IN_APP',
    userId: user.id,
    template,
    subject,
    body,
    dedupeKey: `${template}:${item.id}:${user.id}`,
  }))
}
