// SMS delivery. SmsProvider is the adapter a gateway implements; HttpSmsProvider speaks a plain JSON-over-HTTP
// protocol: POST SMS_HTTP_URL {"mobile","text"} with Authorization: Bearer SMS_HTTP_TOKEN and
// Idempotency-Key: notification-<id>. A resend of one notification (after a worker died between the gateway's
// answer and marking the row) carries the same key, so the gateway can drop or flag it.
// 2xx = accepted; 408, 429 and 5xx = try again later; any other 4xx = rejected for good (FAILED at once);
// network errors and timeouts = try again later.
import { DeliveryError } from './delivery.ts'

export interface SmsMessage {
  mobile: string
  text: string
  idempotencyKey: string
}

export interface SmsProvider {
  /** 'http' delivers; 'record' only keeps the row (shown at /dev/outbox). */
  kind: string
  send(message: SmsMessage): Promise<void>
}

export class HttpSmsProvider implements SmsProvider {
  readonly kind = 'http'
  constructor(private readonly options: { url: string; token?: string; timeoutMs?: number }) {}

  async send(message: SmsMessage): Promise<void> {
    let response: Response
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': message.idempotencyKey,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ mobile: message.mobile, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      })
    } catch (error) {
      throw new DeliveryError(`SMS gateway unreachable: ${(error as Error).message}`, false)
    }
    const detail = (await response.text().catch(() => '')).slice(0, 300)
    if (response.ok) return
    const retry = response.status >= 500 || response.status === 408 || response.status === 429
    throw new DeliveryError(`SMS gateway HTTP ${response.status}${detail ? `: ${detail}` : ''}`, !retry)
  }
}

/** Development without a gateway: the row itself is the record (see /dev/outbox). */
export const recordingSmsProvider: SmsProvider = { kind: 'record', send: async () => {} }
