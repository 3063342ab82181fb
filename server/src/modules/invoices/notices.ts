// Who hears of an invoice event, as outbox drafts rendered from notifications/templates.ts (which holds the wording).
import type { NotificationDraft } from '../../lib/outbox.ts'
import type { Tx } from '../../lib/ledger.ts'
import { staffNotices } from '../notifications/drafts.ts'
import { draftsForUsers, renderNotification, type NotificationParams } from '../notifications/templates.ts'

/** A step of a 预开发票申请 that someone is told about. */
export type InvoiceRequestEvent = 'submitted' | 'shipped' | 'rejected' | 'signed'

/**
 * The drafts for one step of a request: CONAC's staff when work waits for CONAC or the invoices have arrived
 * (submitted, signed); the requesting office's staff, in the portal and by email, when CONAC has acted (shipped,
 * rejected). Keys `invoice-request:<id>:<event>:<channel>:<user>`, so a step never notifies twice.
 */
export async function invoiceRequestNotices(
  tx: Tx,
  request: { id: number; officeId: number },
  event: InvoiceRequestEvent,
  params: NotificationParams,
): Promise<NotificationDraft[]> {
  const template = `invoiceRequest.${event}` as const
  const options = { key: `invoice-request:${request.id}:${event}`, payload: { invoiceRequestId: request.id } }
  if (event === 'submitted' || event === 'signed') return staffNotices(tx, 'conac', template, params, options)
  const staff = await tx.user.findMany({
    where: { officeId: request.officeId, status: 'ACTIVE' },
    select: { id: true, email: true },
  })
  return draftsForUsers(staff, template, params, { ...options, channels: ['IN_APP', 'EMAIL'] })
}

/** 发票开具通知 to every portal user of the unit (keys `invoice.issued:<invoice>:<user>`). */
export async function invoiceIssuedNotices(
  tx: Tx,
  invoiceId: number,
  unitId: number,
  params: NotificationParams,
): Promise<NotificationDraft[]> {
  const users = await tx.user.findMany({ where: { unitId }, select: { id: true } })
  const { subject, body } = renderNotification('invoice.issued', params)
  return users.map((user) => ({
    channel: 'IN_APP',
    userId: user.id,
    template: 'invoice.issued',
    subject,
    body,
    dedupeKey: `invoice.issued:${invoiceId}:${user.id}`,
  }))
}
