// Email delivery through SMTP (nodemailer). Every message carries Message-ID <notification-<id>@<domain>>: when a
// worker dies after the SMTP server accepted a message but before the row was marked SENT, the message is sent
// again with the same Message-ID, so mail servers and clients that de-duplicate by Message-ID (and any auditor)
// can recognise the copy.
import nodemailer from 'nodemailer'
import { DeliveryError, notificationKey } from './delivery.ts'

export interface EmailMessage {
  notificationId: number
  to: string
  subject: string
  text: string
}

export interface EmailSender {
  /** 'smtp' delivers; 'record' only keeps the row (shown at /dev/outbox). */
  kind: 'smtp' | 'record'
  send(message: EmailMessage): Promise<void>
  close(): void
}

export interface SmtpSettings {
  host: string
  port: number
  secure: boolean
  user?: string
  pass?: string
  from: string
  /** Connection, greeting and inactivity timeout (ms); must stay below the worker's lease. */
  timeoutMs?: number
}

/** The domain for Message-IDs: the From address's domain. */
export function messageIdDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from
  const domain = address.split('@')[1]?.trim()
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'localhost'
}

export function messageIdFor(notificationId: number, from: string): string {
  return `<${notificationKey(notificationId)}@${messageIdDomain(from)}>`
}

export function smtpEmailSender(settings: SmtpSettings): EmailSender {
  const timeout = settings.timeoutMs ?? 30_000
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })
  return {
    kind: 'smtp',
    async send(message) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: messageIdFor(message.notificationId, settings.from),
          headers: { 'X-Notification-Id': notificationKey(message.notificationId) },
        })
      } catch (error) {
        throw classifySmtpError(error)
      }
    },
    close: () => transport.close(),
  }
}

/** SMTP 5xx replies reject the message for good, except authentication problems (530/535: fix the settings, retry). */
export function classifySmtpError(error: unknown): DeliveryError {
  const { responseCode, code, message } = (error ?? {}) as { responseCode?: number; code?: string; message?: string }
  const permanent =
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    responseCode !== 530 &&
    responseCode !== 535
  const text = `SMTP${responseCode ? ` ${responseCode}` : ''}${code ? ` ${code}` : ''}: ${message ?? String(error)}`
  return new DeliveryError(text, permanent)
}

/** Development without SMTP settings: the row itself is the record (see /dev/outbox); nothing leaves the machine. */
export const recordingEmailSender: EmailSender = { kind: 'record', send: async () => {}, close: () => {} }
