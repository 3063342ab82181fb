// Delivering the notification outbox: a real SMTP server and an HTTP SMS gateway on 127.0.0.1 receive exactly the
// pending messages, with stable ids (Message-ID, Idempotency-Key); failures are retried with backoff or given up;
// a dead worker's claim is taken over when its lease runs out; two workers at once deliver each message once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { enqueueNotifications, type NotificationDraft } from '../../server/src/lib/outbox.ts'
import {
  recordingEmailSender,
  smtpEmailSender,
  type EmailSender,
} from '../../server/src/modules/notifications/email.ts'
import { HttpSmsProvider, recordingSmsProvider } from '../../server/src/modules/notifications/sms.ts'
import {
  deliverDueNotifications,
  retryDelayMs,
  startNotificationWorker,
  type DeliveryOptions,
} from '../../server/src/modules/notifications/worker.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { startMailServer, startSmsServer, type MailServer, type SmsServer } from '../testkit/mail.ts'

const FROM = '域名注册管理平台 <noreply@conac.test>'
const quiet = { info: () => {}, error: () => {} }

let t: TestApp
let mail: MailServer
let sms: SmsServer
let email: EmailSender
let userId: number

beforeAll(async () => {
  t = await createTestApp({ poolSize: 10 })
  mail = await startMailServer()
  sms = await startSmsServer()
  email = smtpEmailSender({ host: '127.0.0.1', port: mail.port, secure: false, from: FROM, timeoutMs: 5_000 })
  userId = (await t.db.prisma.user.findFirstOrThrow({ orderBy: { id: 'asc' } })).id
})
afterAll(async () => {
  email?.close()
  await mail?.stop()
  await sms?.stop()
  await t?.close()
})
beforeEach(async () => {
  await t.db.prisma.notification.deleteMany({})
  mail.received.length = 0
  mail.delayMs = 0
  mail.rejectWith = null
  sms.received.length = 0
  sms.status = 200
})

/** A clock `offsetMs` ahead of now. */
const at = (offsetMs: number) => () => new Date(Date.now() + offsetMs)

function options<T extends DeliveryOptions & { pollMs?: number }>(extra: T = {} as T): T {
  return {
    email,
    sms: new HttpSmsProvider({ url: sms.url, token: 'sms-secret', timeoutMs: 5_000 }),
    log: quiet,
    ...extra,
  } as T
}

async function enqueue(drafts: NotificationDraft[]) {
  await enqueueNotifications(t.db.prisma, drafts)
  return t.db.prisma.notification.findMany({ orderBy: { id: 'asc' } })
}

const emailDraft = (n: number): NotificationDraft => ({
  channel: 'EMAIL',
  address: `unit${n}@example.gov.cn`,
  template: 'test.email',
  subject: `域名申请已受理（${n}）`,
  body: `您好：\n您的域名申请 第${n}号 已受理，请登录门户查看。\n——域名注册管理平台`,
})
const smsDraft = (n: number): NotificationDraft => ({
  channel: 'SMS',
  address: `1380000${String(n).padStart(4, '0')}`,
  template: 'test.sms',
  body: `【域名注册】您的申请${n}已通过审核。`,
})

describe('delivery', () => {
  it('sends exactly the pending email and SMS, with stable ids, and marks them SENT', async () => {
    const rows = await enqueue([
      emailDraft(1),
      emailDraft(2),
      smsDraft(1),
      smsDraft(2),
      { channel: 'IN_APP', userId, template: 'test.inApp', body: '站内通知' },
    ])
    // Already delivered or failed rows are left alone.
    await enqueueNotifications(t.db.prisma, [
      { ...emailDraft(9), dedupeKey: 'done' },
      { ...smsDraft(9), dedupeKey: 'failed' },
    ])
    await t.db.prisma.notification.update({
      where: { dedupeKey: 'done' },
      data: { status: 'SENT', sentAt: new Date() },
    })
    await t.db.prisma.notification.update({ where: { dedupeKey: 'failed' }, data: { status: 'FAILED' } })

    const summary = await deliverDueNotifications(t.db.prisma, options())
    expect(summary).toMatchObject({ claimed: 5, sent: 5, retrying: 0, failed: 0, lost: 0 })

    const emails = rows.filter((row) => row.channel === 'EMAIL')
    expect(mail.received.map((m) => m.messageId).sort()).toEqual(
      emails.map((row) => `<notification-${row.id}@conac.test>`).sort(),
    )
    for (const row of emails) {
      const received = mail.received.find((m) => m.messageId === `<notification-${row.id}@conac.test>`)!
      expect(received.to).toEqual([row.address])
      expect(received.from).toBe('noreply@conac.test')
      expect(received.subject).toBe(row.subject)
      expect(received.text.replace(/\r\n/g, '\n')).toBe(row.body)
      expect(received.headers['x-notification-id']).toBe(`notification-${row.id}`)
    }
    const texts = rows.filter((row) => row.channel === 'SMS')
    expect(sms.received).toHaveLength(2)
    for (const row of texts) {
      expect(sms.received.find((s) => s.idempotencyKey === `notification-${row.id}`)).toEqual({
        mobile: row.address,
        text: row.body,
        idempotencyKey: `notification-${row.id}`,
        authorization: 'Bearer sms-secret',
      })
    }
    const after = await t.db.prisma.notification.findMany({ where: { id: { in: rows.map((row) => row.id) } } })
    for (const row of after) {
      expect(row).toMatchObject({ status: 'SENT', attempts: 1, lockedUntil: null, lastError: null })
      expect(row.sentAt).toBeInstanceOf(Date)
    }
    // Nothing is due any more: a second pass sends nothing.
    expect(await deliverDueNotifications(t.db.prisma, options())).toMatchObject({ claimed: 0 })
    expect(mail.received).toHaveLength(2)
    expect(sms.received).toHaveLength(2)
  })

  it('marks IN_APP notifications sent without any delivery', async () => {
    const [row] = await enqueue([{ channel: 'IN_APP', userId, template: 'test.inApp', body: '您有一条新的审核结果' }])
    await deliverDueNotifications(t.db.prisma, options({ email: null, sms: null }))
    expect(await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: 'SENT',
      attempts: 1,
      readAt: null,
    })
    expect(mail.received).toHaveLength(0)
    expect(sms.received).toHaveLength(0)
  })

  it('retries with exponential backoff while the SMTP server is down, then delivers once when it is back', async () => {
    const [row] = await enqueue([emailDraft(3)])
    await mail.stop()
    try {
      const start = Date.now()
      expect(await deliverDueNotifications(t.db.prisma, options({ now: at(0) }))).toMatchObject({
        claimed: 1,
        retrying: 1,
      })
      let state = await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })
      expect(state).toMatchObject({ status: 'PENDING', attempts: 1, lockedUntil: null })
      expect(state.lastError).toMatch(/SMTP/)
      expect(state.nextAttemptAt.getTime() - start).toBeGreaterThanOrEqual(30_000 - 50)
      expect(state.nextAttemptAt.getTime() - start).toBeLessThan(30_000 + 5_000)

      // Not due before the delay has passed.
      expect(await deliverDueNotifications(t.db.prisma, options({ now: at(20_000) }))).toMatchObject({ claimed: 0 })
      // Second failure: twice the delay.
      const second = Date.now() + 31_000
      expect(await deliverDueNotifications(t.db.prisma, options({ now: at(31_000) }))).toMatchObject({
        claimed: 1,
        retrying: 1,
      })
      state = await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })
      expect(state.attempts).toBe(2)
      expect(state.nextAttemptAt.getTime() - second).toBeGreaterThanOrEqual(60_000 - 50)
      expect(state.nextAttemptAt.getTime() - second).toBeLessThan(60_000 + 5_000)
    } finally {
      await mail.start()
    }
    expect(await deliverDueNotifications(t.db.prisma, options({ now: at(31_000 + 61_000) }))).toMatchObject({
      claimed: 1,
      sent: 1,
    })
    expect(mail.received.map((m) => m.messageId)).toEqual([`<notification-${row!.id}@conac.test>`])
    expect(await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: 'SENT',
      attempts: 3,
      lastError: null,
    })
  })

  it('computes the backoff as 30 s x 2^(tries-1), capped at an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ])
  })

  it('retries an SMS after HTTP 500 and sends it once the gateway accepts', async () => {
    const [row] = await enqueue([smsDraft(5)])
    sms.status = 500
    expect(await deliverDueNotifications(t.db.prisma, options())).toMatchObject({ retrying: 1 })
    const state = await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })
    expect(state).toMatchObject({ status: 'PENDING', attempts: 1 })
    expect(state.lastError).toContain('HTTP 500')
    sms.status = 200
    expect(await deliverDueNotifications(t.db.prisma, options({ now: at(31_000) }))).toMatchObject({ sent: 1 })
    expect(sms.received).toEqual([
      {
        mobile: row!.address,
        text: row!.body,
        idempotencyKey: `notification-${row!.id}`,
        authorization: 'Bearer sms-secret',
      },
    ])
  })

  it('fails an SMS at once when the gateway answers 400, and an email rejected with SMTP 550', async () => {
    const [first, second] = await enqueue([smsDraft(6), emailDraft(6)])
    sms.status = 400
    mail.rejectWith = { code: 550, message: 'mailbox unavailable' }
    expect(await deliverDueNotifications(t.db.prisma, options())).toMatchObject({ claimed: 2, failed: 2 })
    const smsRow = await t.db.prisma.notification.findUniqueOrThrow({ where: { id: first!.id } })
    expect(smsRow).toMatchObject({ status: 'FAILED', attempts: 1, lockedUntil: null, sentAt: null })
    expect(smsRow.lastError).toContain('HTTP 400')
    const emailRow = await t.db.prisma.notification.findUniqueOrThrow({ where: { id: second!.id } })
    expect(emailRow).toMatchObject({ status: 'FAILED', attempts: 1 })
    expect(emailRow.lastError).toContain('550')
    // FAILED rows are never picked up again.
    sms.status = 200
    mail.rejectWith = null
    expect(await deliverDueNotifications(t.db.prisma, options({ now: at(3_600_000) }))).toMatchObject({ claimed: 0 })
    expect(sms.received).toHaveLength(0)
    expect(mail.received).toHaveLength(0)
  })

  it('gives up after the last try', async () => {
    const [row] = await enqueue([smsDraft(7)])
    sms.status = 503
    expect(await deliverDueNotifications(t.db.prisma, options({ maxAttempts: 2 }))).toMatchObject({ retrying: 1 })
    expect(await deliverDueNotifications(t.db.prisma, options({ maxAttempts: 2, now: at(31_000) }))).toMatchObject({
      failed: 1,
    })
    expect(await t.db.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: 'FAILED',
      attempts: 2,
    })
  })

  it("takes over a dead worker's claim only when its lease has run out", async () => {
    const [row] = await enqueue([emailDraft(10)])
    // A worker claimed it and died: lockedUntil is a minute ahead.
    await t.db.prisma.notification.update({
      where: { id: row!.id },
      data: { lockedUntil: new Date(Date.now() + 60_000) },
    })
    expect(await deliverDueNotifications(t.db.prisma, options())).toMatchObject({ claimed: 0 })
    expect(mail.received).toHaveLength(0)
    expect(await deliverDueNotifications(t.db.prisma, options({ now: at(61_000) }))).toMatchObject({
      claimed: 1,
      sent: 1,
    })
    expect(mail.received.map((m) => m.messageId)).toEqual([`<notification-${row!.id}@conac.test>`])
  })

  it('leaves email and SMS PENDING where no sender is configured', async () => {
    const [a, b] = await enqueue([emailDraft(11), smsDraft(11)])
    expect(await deliverDueNotifications(t.db.prisma, options({ email: null, sms: null }))).toMatchObject({
      claimed: 0,
    })
    const rows = await t.db.prisma.notification.findMany({ where: { id: { in: [a!.id, b!.id] } } })
    expect(rows.every((r) => r.status === 'PENDING' && r.attempts === 0 && r.lockedUntil === null)).toBe(true)
  })

  it('records email and SMS in development (no SMTP or gateway) and /dev/outbox still shows them', async () => {
    const rows = await enqueue([emailDraft(12), smsDraft(12)])
    expect(
      await deliverDueNotifications(t.db.prisma, options({ email: recordingEmailSender, sms: recordingSmsProvider })),
    ).toMatchObject({ sent: 2 })
    expect(mail.received).toHaveLength(0)
    expect(sms.received).toHaveLength(0)
    const after = await t.db.prisma.notification.findMany({ where: { id: { in: rows.map((r) => r.id) } } })
    expect(after.every((r) => r.status === 'SENT' && r.lastError === null)).toBe(true)
    const response = await t.post(
      JSON.stringify({ query: '{ developmentOutbox(first: 10) { id channel address subject body } }' }),
    )
    const body = (await response.json()) as { data: { developmentOutbox: { id: string; body: string }[] } }
    expect(body.data.developmentOutbox.map((m) => Number(m.id)).sort()).toEqual(rows.map((r) => r.id).sort())
  })

  it('delivers each message once when two workers run at once', { timeout: 60_000 }, async () => {
    const rows = await enqueue([
      ...Array.from({ length: 30 }, (_, n) => emailDraft(100 + n)),
      ...Array.from({ length: 12 }, (_, n) => smsDraft(100 + n)),
    ])
    mail.delayMs = 15
    const worker = () => deliverDueNotifications(t.db.prisma, options({ batchSize: 4, concurrency: 2 }))
    const [one, two] = await Promise.all([worker(), worker()])
    expect(one.sent + two.sent).toBe(42)
    expect(one.lost + two.lost).toBe(0)
    const ids = mail.received.map((m) => m.messageId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual(
      rows
        .filter((r) => r.channel === 'EMAIL')
        .map((r) => `<notification-${r.id}@conac.test>`)
        .sort(),
    )
    const keys = sms.received.map((s) => s.idempotencyKey)
    expect(new Set(keys).size).toBe(12)
    expect(keys).toHaveLength(12)
    expect(await t.db.prisma.notification.count({ where: { status: { not: 'SENT' } } })).toBe(0)
  })

  it('runs as a background worker until stopped', async () => {
    const stop = startNotificationWorker(t.db.prisma, options({ pollMs: 50 }))
    try {
      const [row] = await enqueue([emailDraft(20)])
      for (let i = 0; i < 100 && mail.received.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 50))
      expect(mail.received.map((m) => m.messageId)).toEqual([`<notification-${row!.id}@conac.test>`])
    } finally {
      await stop()
    }
  })
})
