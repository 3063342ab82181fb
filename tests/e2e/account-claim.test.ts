// 账号认领 in the browser (issue 20): a unit and its handler's account as the migration writes them (imported, no
// password) → 清丰县编办 sees the account at 未认领账号 (未发送) → 重新发送 (confirmed) → the claim email's link from the
// development outbox → the handler sets a password → logs in → the office's list no longer shows it. An expired link
// says so on the activation page and sends the person to the office. On a stack of its own (PostgreSQL), because the
// test writes the imported rows straight into its database; without TEST_DATABASE_URL it is skipped, and the same
// flow is tested through the API by api/account-claim.test.ts. Screenshots: tests/.artifacts/screenshots/claim-*.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'
import { listLayoutProblems } from '../testkit/pageChecks.ts'
import { linkFromOutbox, rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { freshMobile } from '../testkit/registration.ts'
import { startOwnPostgresStack, type OwnStack } from '../testkit/ownStack.ts'
import { openFromMenu } from '../testkit/menu.ts'

const PASSWORD = 'Migrated-handler-2026'
const suffix = `${Date.now() % 100_000}`
const handler = {
  username: `jiu-qf-${suffix}`,
  name: '迁移经办人',
  unit: `清丰县迁移测试单位${suffix}`,
  mobile: freshMobile(),
  email: `jiu-qf-${suffix}@example.com`,
}
const expired = {
  username: `jiu-qf-old-${suffix}`,
  unit: `清丰县迁移测试单位${suffix}乙`,
  mobile: freshMobile(),
  email: `jiu-qf-old-${suffix}@example.com`,
}

const unavailable = process.env.TEST_DATABASE_URL ? null : 'needs a PostgreSQL server (set TEST_DATABASE_URL)'
if (unavailable) console.warn(`[account-claim] skipped: ${unavailable}`)

let own: OwnStack | undefined

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: own!.databaseUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** A unit of 清丰县 and its primary account as the import writes them: importedAt set, no password, not invited. */
async function importUnitWithHandler(
  client: pg.Client,
  person: { username: string; unit: string; mobile: string; email: string },
) {
  const unit = await client.query<{ id: number }>(
    `INSERT INTO units (name, type, "systemCategory", "creditCode", "regionCode", address, postcode, "handlerName",
       "handlerMobile", "handlerEmail", "importedAt", "updatedAt")
     VALUES ($1, 'PARTY_GOVERNMENT', 'GOVERNMENT', $2, '410922', '清丰县迁移路1号', '457300', $3, $4, $5, now(), now())
     RETURNING id`,
    [person.unit, makeCreditCode('410922'), handler.name, person.mobile, person.email],
  )
  await client.query(
    `INSERT INTO users (username, "displayName", role, "unitId", "unitRole", status, mobile, email, "importedAt",
       "updatedAt")
     VALUES ($1, $2, 'UNIT_USER', $3, 'PRIMARY', 'PENDING_ACTIVATION', $4, $5, now(), now())`,
    [person.username, handler.name, unit.rows[0]!.id, person.mobile, person.email],
  )
}

beforeAll(async () => {
  if (unavailable) return
  // The invitation job runs once a day here (at the API's start, before the rows below exist), so the test sees the
  // accounts 未发送 until the office sends, whenever the clock crosses a few-minute slot.
  own = await startOwnPostgresStack('claim', {
    timeoutMs: 400_000,
    apiEnv: { MIGRATION_CLAIM_EVERY_MINUTES: '1440' },
  })
  await withClient(async (client) => {
    await importUnitWithHandler(client, handler)
    await importUnitWithHandler(client, expired)
  })
}, 1_300_000)

afterAll(() => own?.stop(), 120_000)

describe.skipIf(unavailable)('账号认领: an imported handler claims the account', () => {
  it(
    'the office re-sends the invitation, the handler sets a password from the email and logs in',
    { timeout: 600_000 },
    async () => {
      const webUrl = own!.stack.webUrl
      const office = await own!.people.anonymous()
      await logInThroughPortal(office, webUrl, 'qingfeng')
      await openFromMenu(office, '未认领账号')
      await office.waitForURL(`${webUrl}/office/unclaimed-accounts`)
      const table = office.getByTestId('unclaimed-accounts')
      const row = rowWith(table, handler.username)
      await row.filter({ hasText: '未发送' }).waitFor()
      await screenshotBothWidths(office, 'claim-office-unclaimed')
      expect(await listLayoutProblems(office)).toEqual([])

      // 重新发送 asks first, then the row says 已发送.
      await row.getByRole('button', { name: '重新发送' }).click()
      const question = await confirmInDialog(office, '重新发送')
      expect(question).toContain(handler.username)
      await office.getByTestId('unclaimed-result').filter({ hasText: '已向' }).waitFor()
      await row.filter({ hasText: '已发送' }).waitFor()
      // At once again: the button waits out the throttle.
      await expect.poll(() => row.getByRole('button', { name: '重新发送' }).isDisabled()).toBe(true)
      await screenshotBothWidths(office, 'claim-office-sent')

      // The handler opens the claim email's link (the development outbox) and sets a password.
      const person = await own!.people.anonymous()
      const link = await linkFromOutbox(person, webUrl, handler.email, '/activate')
      await person.goto(link)
      await expect.poll(() => person.getByTestId('activation-greeting').textContent()).toContain(handler.name)
      await screenshotBothWidths(person, 'claim-activate')
      await person.getByLabel('设置密码').fill(PASSWORD)
      await person.getByLabel('确认密码').fill(PASSWORD)
      await person.getByRole('button', { name: '激活账号' }).click()
      await person.getByTestId('activation-done').waitFor()

      // The login page says how an imported account gets in; the handler logs in with the new password.
      await person.goto(`${webUrl}/login`)
      await expect.poll(() => person.getByTestId('claim-help').textContent()).toContain('认领账号')
      await screenshotBothWidths(person, 'claim-login')
      await logInThroughPortal(person, webUrl, handler.username, '/unit', PASSWORD)

      // The office's list no longer shows it.
      await office.reload()
      await rowWith(table, expired.username).waitFor()
      await expect.poll(() => rowWith(table, handler.username).count()).toBe(0)
    },
  )

  it('an expired claim link says so and sends the person to the office', { timeout: 300_000 }, async () => {
    const webUrl = own!.stack.webUrl
    const office = await own!.people.anonymous()
    await logInThroughPortal(office, webUrl, 'qingfeng')
    await office.goto(`${webUrl}/office/unclaimed-accounts`)
    const row = rowWith(office.getByTestId('unclaimed-accounts'), expired.username)
    await row.getByRole('button', { name: '重新发送' }).click()
    await confirmInDialog(office, '重新发送')
    await row.filter({ hasText: '已发送' }).waitFor()
    const person = await own!.people.anonymous()
    const link = await linkFromOutbox(person, webUrl, expired.email, '/activate')
    // The link's 72 hours pass.
    await withClient((client) =>
      client.query(
        `UPDATE account_tokens SET "createdAt" = now() - interval '80 hours', "expiresAt" = now() - interval '8 hours'
         WHERE "userId" = (SELECT id FROM users WHERE username = $1)`,
        [expired.username],
      ),
    )
    await person.goto(link)
    const notice = person.getByTestId('activation-link-dead')
    await expect.poll(() => notice.getAttribute('data-state')).toBe('EXPIRED')
    expect(await notice.textContent()).toContain('请联系您所在地区的编办')
    await screenshotBothWidths(person, 'claim-link-expired')
    await office.reload()
    await row.filter({ hasText: '链接已过期' }).waitFor()
    await screenshotBothWidths(office, 'claim-office-expired')
  })
})
