// A delivery worker killed mid-delivery (SIGKILL, PostgreSQL only: the worker is a separate process sharing the
// database). Its claimed rows are taken over when their lease runs out. What the design guarantees, asserted here:
// - every notification is received at least once and none is left PENDING (all SENT);
// - a message is received twice only when it was in flight at the kill: accepted by the SMTP server but not yet
//   marked SENT. That is at most NOTIFICATION_CONCURRENCY messages (here 3), never more than twice each, and the
//   copy carries the same Message-ID <notification-<id>@...>, so it is detectable;
// - rows the dead worker had claimed but not started are not sent twice.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueNotifications } from '../../server/src/lib/outbox.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { postgresUrl } from '../testkit/database.ts'
import { startMailServer, type MailServer } from '../testkit/mail.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import { startProcess, type Started } from '../testkit/processes.ts'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
if (!postgres)
  console.warn('[notification-crash] skipped: needs PostgreSQL (TEST_DATABASE_URL); PGlite is single-process')

const TOTAL = 40
const BATCH = 5
const CONCURRENCY = 3
const LEASE_SECONDS = 3

describe.skipIf(!postgres)('a delivery worker killed mid-delivery', () => {
  let t: TestApp
  let mail: MailServer
  let databaseUrl: string
  const children: Started[] = []

  beforeAll(async () => {
    t = await createTestApp()
    const [current] = await t.db.sql.query<{ name: string }>('SELECT current_database() AS name')
    databaseUrl = postgresUrl(current!.name)
    mail = await startMailServer({ delayMs: 100 })
  })
  afterAll(async () => {
    for (const child of children) await child.stop()
    await mail?.stop()
    await t?.close()
  })

  function worker(name: string) {
    return startProcess({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', 'src/modules/notifications/run.ts'],
      cwd: path.join(repositoryRoot, 'server'),
      env: {
        DATABASE_URL: databaseUrl,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        SMTP_SECURE: 'false',
        SMTP_FROM: '域名注册管理平台 <noreply@conac.test>',
        NOTIFICATION_BATCH_SIZE: String(BATCH),
        NOTIFICATION_CONCURRENCY: String(CONCURRENCY),
        NOTIFICATION_LEASE_SECONDS: String(LEASE_SECONDS),
      },
      ready: /delivery pass started/,
      timeoutMs: 60_000,
    })
  }

  it(
    'delivers every message, resending only the ones in flight, with the same Message-ID',
    { timeout: 120_000 },
    async () => {
      await t.db.prisma.notification.deleteMany({})
      await enqueueNotifications(
        t.db.prisma,
        Array.from({ length: TOTAL }, (_, n) => ({
          channel: 'EMAIL' as const,
          address: `unit${n}@example.gov.cn`,
          template: 'test.crash',
          subject: `续费提醒（${n}）`,
          body: `您的域名将于30日后到期，请及时续费。编号${n}`,
        })),
      )
      const rows = await t.db.prisma.notification.findMany({ orderBy: { id: 'asc' } })
      const messageId = (id: number) => `<notification-${id}@conac.test>`

      // Kill the worker the moment the SMTP server has taken the 12th message, before it answers 250: that message
      // (and any other in flight) is received but never marked SENT.
      const first = await worker('first worker')
      children.push(first)
      let killSent = false
      const killed = new Promise<void>((resolve) => first.child.once('exit', () => resolve()))
      mail.onAccepted = () => {
        if (mail.received.length === 12 && !killSent) {
          process.kill(-first.child.pid!, 'SIGKILL')
          killSent = true
        }
      }
      await killed
      mail.onAccepted = undefined
      expect(first.child.signalCode).toBe('SIGKILL')
      const markedAtKill = new Set(
        (await t.db.prisma.notification.findMany({ where: { status: 'SENT' } })).map((row) => messageId(row.id)),
      )
      // The dead worker still holds leases on its claimed rows.
      expect(
        await t.db.prisma.notification.count({ where: { status: 'PENDING', lockedUntil: { gt: new Date() } } }),
      ).toBeGreaterThan(0)

      // A new worker after the lease has run out takes over everything left.
      await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 500))
      // In flight: received from the dead worker (the server may finish accepting a message whose data had fully
      // arrived after the client died) but never marked SENT. The 12th message is one by construction.
      const inFlight = mail.received.filter((m) => !markedAtKill.has(m.messageId))
      expect(inFlight.length).toBeGreaterThanOrEqual(1)
      expect(inFlight.length).toBeLessThanOrEqual(CONCURRENCY)
      const second = await worker('second worker')
      children.push(second)
      const exitCode = await new Promise<number | null>((resolve) =>
        second.child.exitCode !== null
          ? resolve(second.child.exitCode)
          : second.child.once('exit', (code) => resolve(code)),
      )
      expect(exitCode, second.output()).toBe(0)

      expect(await t.db.prisma.notification.count({ where: { status: { not: 'SENT' } } })).toBe(0)
      const counts = new Map<string, number>()
      for (const m of mail.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1)
      for (const row of rows) {
        const count = counts.get(messageId(row.id)) ?? 0
        expect(count, `notification ${row.id}`).toBeGreaterThanOrEqual(1)
        expect(count, `notification ${row.id}`).toBeLessThanOrEqual(2)
      }
      expect(counts.size).toBe(TOTAL)
      // Exactly the in-flight messages were received twice, and their copies are identical but for delivery.
      const twice = [...counts]
        .filter(([, count]) => count === 2)
        .map(([id]) => id)
        .sort()
      expect(twice).toEqual(inFlight.map((m) => m.messageId).sort())
      for (const id of twice) {
        const [a, b] = mail.received.filter((m) => m.messageId === id)
        expect({ to: b!.to, subject: b!.subject, text: b!.text }).toEqual({
          to: a!.to,
          subject: a!.subject,
          text: a!.text,
        })
      }
    },
  )
})
