// One Chinese text per notification event. Events (and the scheduler's reminders) render their subject, the
// in-portal / email body and the short SMS text here, so the wording lives in one place.
//
// Usage: const { subject, body, sms } = renderNotification('renewal.due', { unit: '清丰县人民政府', domain: '清丰.政务', days: 30, deadline: '2026-08-01' })
// The template name is also stored as Notification.template, so keep the names stable.
import { accountsTemplates } from './templates/accounts.ts'
import { badgesTemplates } from './templates/badges.ts'
import { domainCancellationsTemplates } from './templates/domainCancellations.ts'
import { moneyTemplates } from './templates/money.ts'
import { passwordResetTemplates } from './templates/passwordReset.ts'
import type { NotificationParams, Template } from './templates/params.ts'
import { handoverTemplates } from './templates/handover.ts'
import { dateText } from './templates/phrases.ts'
import { reorganisationsTemplates } from './templates/reorganisations.ts'
import { reviewsTemplates } from './templates/reviews.ts'
import { unitChangesTemplates } from './templates/unitChanges.ts'
import { domainTransfersTemplates } from './templates/domainTransfers.ts'
import { userAdministrationTemplates } from './templates/userAdministration.ts'

export type { NotificationParams } from './templates/params.ts'
export { asSentence } from './templates/phrases.ts'

export interface RenderedNotification {
  subject: string
  body: string
  sms: string
}

/** Every template by name, one file per area under templates/. */
export const NOTIFICATION_TEMPLATES = {
  ...reviewsTemplates,
  ...moneyTemplates,
  ...badgesTemplates,
  ...accountsTemplates,
  ...passwordResetTemplates,
  ...unitChangesTemplates,
  ...domainTransfersTemplates,
  ...userAdministrationTemplates,
  ...handoverTemplates,
  ...reorganisationsTemplates,
  ...domainCancellationsTemplates,
}

export type NotificationTemplateName = keyof typeof NOTIFICATION_TEMPLATES

export function isNotificationTemplate(name: string): name is NotificationTemplateName {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TEMPLATES, name)
}

/** Renders one template. Missing params render as empty text; the SMS text is the body (the delivery
 * worker adds the signature, if any). */
export function renderNotification(
  template: NotificationTemplateName,
  params: NotificationParams = {},
): RenderedNotification {
  const render: Template = NOTIFICATION_TEMPLATES[template]
  if (!render) throw new Error(`Unknown notification template: ${template}`)
  const p = {} as Required<{ [K in keyof NotificationParams]: string }>
  for (const [key, value] of Object.entries(params)) {
    if (value == null || value === false) continue // a false flag renders as absent (empty text), never as 'false'
    ;(p as Record<string, string>)[key] = key === 'deadline' ? dateText(value as string | Date) : String(value)
  }
  const text = new Proxy(p, { get: (target, key) => (target as Record<string | symbol, string>)[key] ?? '' })
  const { subject, body, sms } = render(text)
  return { subject, body, sms: sms ?? body }
}

export interface NotificationRecipient {
  id: number
  email?: string | null
  mobile?: string | null
}

/**
 * Drafts of one event for portal users: an IN_APP row per user and, per channel asked for, an EMAIL / SMS row per
 * user with an address. The dedupeKey is `${key}:${channel}:${userId}`, so the same event never notifies twice.
 */
export function draftsForUsers(
  users: NotificationRecipient[],
  template: NotificationTemplateName,
  params: NotificationParams,
  options: {
    key: string
    payload?: Record<string, string | number | boolean | null>
    channels?: Array<'IN_APP' | 'EMAIL' | 'SMS'>
  },
): Array<{
  channel: 'IN_APP' | 'EMAIL' | 'SMS'
  userId: number
  address?: string | null
  template: string
  subject?: string
  body: string
  payload?: Record<string, string | number | boolean | null>
  dedupeKey: string
}> {
  const { subject, body, sms } = renderNotification(template, params)
  const channels = options.channels ?? ['IN_APP']
  const drafts: ReturnType<typeof draftsForUsers> = []
  for (const user of users) {
    for (const channel of channels) {
      const dedupeKey = `${options.key}:${channel}:${user.id}`
      if (channel === 'IN_APP')
        drafts.push({ channel, userId: user.id, template, subject, body, payload: options.payload, dedupeKey })
      else if (channel === 'EMAIL' && user.email)
        drafts.push({
          channel,
          userId: user.id,
          address: user.email,
          template,
          subject,
          body,
          payload: options.payload,
          dedupeKey,
        })
      else if (channel === 'SMS' && user.mobile)
        drafts.push({
          channel,
          userId: user.id,
          address: user.mobile,
          template,
          body: sms,
          payload: options.payload,
          dedupeKey,
        })
    }
  }
  return drafts
}
