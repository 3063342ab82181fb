// SMS delivery. SmsProvider is the adapter a gateway implements; HttpSmsProvider speaks a plain JSON-over-HTTP
// protocol: POST SMS_HTTP_URL {"mobile","text"} with Authorization: Bearer SMS_HTTP_TOKEN and
// Idempotency-Key: notification-<id>. A resend of one notification (after a worker died between the gateway's
// answer and marking the row) carries the same key, so the gateway can drop or flag it.
// 2xx = accepted; 408, 429 and 5xx = try again later; any other 4xx = rejected for good (FAILED at once);
// network errors and timeouts = try again later. The request goes through the guarded outbound fetch as a
// configured destination: the gateway's own address (it may be internal) and nothing else; a redirect is not
// followed (tried again later, so the messages wait while the operator corrects SMS_HTTP_URL).
import { guardedFetch, type OutboundOptions, type OutboundResponse } from '../../lib/outbound/guardedFetch.ts'
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
  constructor(
    private readonly options: { url: string; token?: string; timeoutMs?: number; outbound?: OutboundOptions },
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const { url, token, timeoutMs, outbound } = this.options
    let response: OutboundResponse
    try {
      response = await guardedFetch({
        url,
        destination: { kind: 'configured', url },
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': message.idempotencyKey,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ mobile: message.mobile, text: message.text }),
        timeoutMs: timeoutMs ?? 10_000,
        maxBytes: 4096,
        outbound,
      })
    } catch (error) {
      throw new DeliveryError(`SMS gateway unreachable: ${(error as Error).message}`, false)
    }
    const { status } = response
    if (status >= 200 && status < 300) return
    if (response.location)
      throw new DeliveryError(
        `SMS gateway HTTP ${status}: redirects to ${response.location.origin}, which is not followed (set SMS_HTTP_URL to the final address)`,
        false,
      )
    const detail = response.body.toString('utf8').slice(0, 300)
    const retry = status >= 500 || status === 408 || status === 429
    throw new DeliveryError(`SMS gateway HTTP ${status}${detail ? `: ${detail}` : ''}`, !retry)
  }
}

/** Development without a gateway: the row itself is the record (see /dev/outbox). */
export const recordingSmsProvider: SmsProvider = { kind: 'record', send: async () => {} }
