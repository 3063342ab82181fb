// What a channel adapter reports when it could not deliver: permanent failures (the receiver rejected the message
// for good: a 4xx from the SMS gateway, a 5xx SMTP reply to the recipient or the data) make the notification FAILED
// at once; anything else (connection refused, timeouts, 5xx from the gateway, 4xx SMTP replies) is retried later.
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

/** The stable id every delivery of one notification carries, so a receiver can recognise a resend. */
export function notificationKey(notificationId: number): string {
  return `notification-${notificationId}`
}
