// Delivers the notification outbox (lib/outbox.ts). One pass claims due PENDING rows in batches, delivers each and
// marks it SENT, or schedules a retry, or gives up (FAILED).
//
// Claiming: one UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) sets lockedUntil = now + lease, so
// concurrent workers (in this process or others) never claim the same row. A row whose lease ran out (its worker
// died) is due again and claimed by the next worker. Before each send the lease is renewed, conditional on still
// holding it (lockedUntil equals the value this worker wrote), and the result is written under the same condition:
// a worker that lost its lease neither sends nor overwrites the row.
//
// Delivery is at least once. The only duplicates come from a worker dying (or stalling past its lease) after the
// receiver accepted a message and before the row was marked SENT: at most `concurrency` messages per dead worker.
// Every delivery of one notification carries the same id (email Message-ID <notification-<id>@<domain>>, SMS
// Idempotency-Key notification-<id>), so a receiver can recognise such a copy.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Notification, NotificationChannel } from '../../generated/prisma/client.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import { config } from '../../config.ts'
import { sqlTimestamp } from '../../lib/sqlTime.ts'
import { DeliveryError, notificationKey } from './delivery.ts'
import { recordingEmailSender, smtpEmailSender, type EmailSender } from './email.ts'
import { HttpSmsProvider, recordingSmsProvider, type SmsProvider } from './sms.ts'
import { logFor } from '../../observability/log.ts'
import { notificationDeliveries } from '../../observability/metrics.ts'

export interface Logger {
  info(message: string): void
  error(message: string): void
}

export interface DeliveryOptions {
  /** null: email cannot be delivered here, EMAIL rows stay PENDING. Default: from config. */
  email?: EmailSender | null
  /** null: SMS cannot be delivered here, SMS rows stay PENDING. Default: from config. */
  sms?: SmsProvider | null
  batchSize?: number
  /** Messages of one batch delivered at once (at most batchSize). */
  concurrency?: number
  leaseMs?: number
  maxAttempts?: number
  /** First retry delay; doubles with each failed try, up to maxDelayMs. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** The clock (tests move it). */
  now?: () => Date
  log?: Logger
}

export interface PassSummary {
  claimed: number
  sent: number
  retrying: number
  failed: number
  /** Rows whose lease this worker lost before it could send or mark them. */
  lost: number
}

/** The process's log (observability/log.ts), component "notifications". */
const processLogger: Logger = {
  info: (message) => logFor('notifications').info(message),
  error: (message) => logFor('notifications').error(message),
}

/** The senders the configuration asks for: real ones when configured, record-only with the development outbox, else none. */
export function configuredSenders(timeoutMs = Math.min(30_000, (config.notifications.leaseSeconds * 1000) / 3)): {
  email: EmailSender | null
  sms: SmsProvider | null
} {
  const email = config.smtp.host
    ? smtpEmailSender({ ...config.smtp, host: config.smtp.host, timeoutMs })
    : config.devOutbox
      ? recordingEmailSender
      : null
  const sms = config.sms.httpUrl
    ? new HttpSmsProvider({ url: config.sms.httpUrl, token: config.sms.httpToken, timeoutMs })
    : config.devOutbox
      ? recordingSmsProvider
      : null
  return { email, sms }
}

/** Delay before the next try after `attempts` failed tries: base x 2^(attempts-1), capped. */
export function retryDelayMs(attempts: number, baseDelayMs = 30_000, maxDelayMs = 3_600_000): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1))
}

interface Resolved {
  email: EmailSender | null
  sms: SmsProvider | null
  batchSize: number
  concurrency: number
  leaseMs: number
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  now: () => Date
  log: Logger
}

function resolve(
  options: DeliveryOptions,
  senders: () => { email: EmailSender | null; sms: SmsProvider | null },
): Resolved {
  const fromConfig = options.email === undefined || options.sms === undefined ? senders() : { email: null, sms: null }
  const batchSize = Math.max(1, options.batchSize ?? config.notifications.batchSize)
  return {
    email: options.email === undefined ? fromConfig.email : options.email,
    sms: options.sms === undefined ? fromConfig.sms : options.sms,
    batchSize,
    concurrency: Math.max(1, Math.min(batchSize, options.concurrency ?? config.notifications.concurrency)),
    leaseMs: options.leaseMs ?? config.notifications.leaseSeconds * 1000,
    maxAttempts: Math.max(1, options.maxAttempts ?? config.notifications.maxAttempts),
    baseDelayMs: options.baseDelayMs ?? 30_000,
    maxDelayMs: options.maxDelayMs ?? 3_600_000,
    now: options.now ?? (() => new Date()),
    log: options.log ?? processLogger,
  }
}

/** Claims up to batchSize due rows for leaseMs; returns them with the lease value that proves the claim. */
async function claim(prisma: PrismaClient, run: Resolved): Promise<{ rows: Notification[]; lease: Date }> {
  const channels: NotificationChannel[] = ['IN_APP']
  if (run.email) channels.push('EMAIL')
  if (run.sms) channels.push('SMS')
  const now = run.now()
  const lease = new Date(now.getTime() + run.leaseMs)
  const claimed = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE "notifications" SET "lockedUntil" = ${sqlTimestamp(lease)}
    WHERE "id" IN (
      SELECT "id" FROM "notifications"
      WHERE "status" = 'PENDING'
        AND "nextAttemptAt" <= ${sqlTimestamp(now)}
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${sqlTimestamp(now)})
        AND "channel"::text IN (${Prisma.join(channels)})
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${run.batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`
  if (!claimed.length) return { rows: [], lease }
  const rows = await prisma.notification.findMany({
    where: { id: { in: claimed.map((row) => row.id) }, lockedUntil: lease },
    orderBy: { id: 'asc' },
  })
  return { rows, lease }
}

type Outcome = 'sent' | 'retrying' | 'failed' | 'lost'

// The conditional updates below are a worker's lease on an outbox row (held while lockedUntil is the value it
// wrote), not a person's state change: a lost lease is normal work for another worker, not a stale CONFLICT, and
// the row has no version or audit trail, so they stay here rather than going through commands/transition.ts.
async function deliverOne(prisma: PrismaClient, run: Resolved, row: Notification, claimLease: Date): Promise<Outcome> {
  const held = { id: row.id, status: 'PENDING' as const }
  let lease = claimLease
  if (row.channel !== 'IN_APP') {
    // Renew the lease for this send, conditional on still holding it: the send then has a full lease.
    const renewed = new Date(run.now().getTime() + run.leaseMs)
    const { count } = await prisma.notification.updateMany({
      where: { ...held, lockedUntil: lease },
      data: { lockedUntil: renewed },
    })
    if (!count) return 'lost'
    lease = renewed
  }
  let failure: DeliveryError | null = null
  try {
    await send(run, row)
  } catch (error) {
    failure =
      error instanceof DeliveryError ? error : new DeliveryError(String((error as Error)?.message ?? error), false)
  }
  const now = run.now()
  const attempts = row.attempts + 1
  if (!failure) {
    const { count } = await prisma.notification.updateMany({
      where: { ...held, lockedUntil: lease },
      data: { status: 'SENT', sentAt: now, attempts, lockedUntil: null, lastError: null },
    })
    if (!count)
      run.log.error(
        `notification ${row.id}: delivered but the lease was lost; another worker may deliver it again (same ${notificationKey(row.id)})`,
      )
    return count ? 'sent' : 'lost'
  }
  const giveUp = failure.permanent || attempts >= run.maxAttempts
  const lastError = failure.message.slice(0, 1000)
  const { count } = await prisma.notification.updateMany({
    where: { ...held, lockedUntil: lease },
    data: giveUp
      ? { status: 'FAILED', attempts, lockedUntil: null, lastError }
      : {
          attempts,
          lockedUntil: null,
          lastError,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, run.baseDelayMs, run.maxDelayMs)),
        },
  })
  if (!count) return 'lost'
  run.log.error(
    `notification ${row.id} (${row.channel}) ${giveUp ? 'failed for good' : `will be retried (try ${attempts})`}: ${lastError}`,
  )
  return giveUp ? 'failed' : 'retrying'
}

async function send(run: Resolved, row: Notification): Promise<void> {
  if (row.channel === 'IN_APP') return // shown in the notification centre; nothing to send
  if (!row.address) throw new DeliveryError(`no ${row.channel === 'SMS' ? 'mobile number' : 'email address'}`, true)
  if (row.channel === 'EMAIL') {
    await run.email!.send({ notificationId: row.id, to: row.address, subject: row.subject ?? '通知', text: row.body })
  } else {
    await run.sms!.send({ mobile: row.address, text: row.body, idempotencyKey: notificationKey(row.id) })
  }
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  })
  await Promise.all(lanes)
}

async function runPass(prisma: PrismaClient, run: Resolved, shouldStop: () => boolean): Promise<PassSummary> {
  const summary: PassSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0, lost: 0 }
  while (!shouldStop()) {
    const { rows, lease } = await claim(prisma, run)
    summary.claimed += rows.length
    await inParallel(rows, run.concurrency, async (row) => {
      let outcome: Outcome
      try {
        outcome = await deliverOne(prisma, run, row, lease)
      } catch (error) {
        // A database error: the row keeps its lease and is taken up again when it runs out.
        run.log.error(`notification ${row.id}: ${(error as Error).message}`)
        outcome = 'lost'
      }
      summary[outcome]++
      notificationDeliveries.inc({ channel: row.channel, outcome })
    })
    if (rows.length < run.batchSize) break
  }
  return summary
}

/**
 * One delivery pass: claims and delivers batches until nothing is due. Senders not given come from the
 * configuration (and are closed afterwards).
 */
export async function deliverDueNotifications(
  prisma: PrismaClient,
  options: DeliveryOptions = {},
): Promise<PassSummary> {
  let owned: EmailSender | null = null
  const run = resolve(options, () => {
    const senders = configuredSenders()
    owned = senders.email
    return senders
  })
  try {
    return await runPass(prisma, run, () => false)
  } finally {
    ;(owned as EmailSender | null)?.close()
  }
}

/** Runs delivery passes every pollMs until the returned stop function is called (it waits for the current send). */
export function startNotificationWorker(
  prisma: PrismaClient,
  options: DeliveryOptions & { pollMs?: number } = {},
): () => Promise<void> {
  let owned: EmailSender | null = null
  const run = resolve(options, () => {
    const senders = configuredSenders()
    owned = senders.email
    return senders
  })
  const pollMs = options.pollMs ?? config.notifications.pollSeconds * 1000
  if (!run.email) run.log.info('no SMTP settings (SMTP_HOST): email notifications stay PENDING')
  if (!run.sms) run.log.info('no SMS gateway (SMS_HTTP_URL): SMS notifications stay PENDING')
  let stopped = false
  let wake: (() => void) | null = null
  const loop = (async () => {
    while (!stopped) {
      try {
        const summary = await runPass(prisma, run, () => stopped)
        if (summary.claimed)
          run.log.info(
            `sent ${summary.sent}, retrying ${summary.retrying}, failed ${summary.failed}, lost ${summary.lost}`,
          )
      } catch (error) {
        run.log.error(`delivery pass failed: ${(error as Error).message}`)
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })()
  return async () => {
    stopped = true
    ;(wake as (() => void) | null)?.()
    await loop
    ;(owned as EmailSender | null)?.close()
  }
}
