// 用户管理 in the browser (issue 17): CONAC creates an administrator for 濮阳市 at 编办管理员; the activation link
// arrives by email (read here from the development outbox); the administrator sets a password, logs in and creates
// a 审核员 at 本办用户; that clerk activates with the login name and the SMS code, logs in and sees 待审核域名 but
// no 财务管理. Every page is screenshot at 1366 and 390 px; 申报单位管理 and 单位用户 are opened and screenshot too.
// The browser suite's API runs with the second factor on (demo accounts exempt), so the new accounts sign in with the
// SMS code, as staff would in production.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { mainMenu, menuLinks, openFromMenu } from '../testkit/menu.ts'
import { listLayoutProblems } from '../testkit/pageChecks.ts'
import {
  logInWithSmsCode,
  peopleOfThisFile,
  rowWith,
  screenshotBothWidths,
  smsCodeFromOutbox,
} from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const PASSWORD = 'Lantern-harbour-2026'
// Fresh names and numbers each run, so a rerun against the same database never meets its own accounts.
const run = Date.now().toString(36).slice(-5)
const admin = { username: `py-admin-${run}`, name: '王管理', mobile: `136${Date.now().toString().slice(-8)}` }
const clerk = { username: `py-clerk-${run}`, name: '李审核', mobile: `135${Date.now().toString().slice(-8)}` }

/** The activation link emailed to `email`, as the development outbox shows the email's text. */
async function activationLinkFromOutbox(page: Page, email: string): Promise<string> {
  const outbox = await page.context().newPage()
  try {
    for (let attempt = 0; ; attempt++) {
      await outbox.goto(`${webUrl}/dev/outbox`)
      const mail = rowWith(outbox.getByTestId('outbox-table'), email).filter({ hasText: '/activate?token=' }).first()
      if (await mail.count()) {
        const link = /(https?:\/\/\S+\/activate\?token=[A-Za-z0-9_%-]+)/.exec((await mail.textContent()) ?? '')?.[1]
        if (link) return link
      }
      if (attempt >= 20) throw new Error(`no activation email for ${email} in the development outbox`)
      await outbox.waitForTimeout(500)
    }
  } finally {
    await outbox.close()
  }
}

/** Fills 新建用户 and presses 创建账号; waits for the result sentence. */
async function createAccount(page: Page, person: { username: string; name: string; mobile: string }, roles: string[]) {
  const form = page.getByTestId('new-account-form')
  await form.getByLabel('用户名').fill(person.username)
  await form.getByLabel('姓名').fill(person.name)
  await form.getByLabel('手机号码').fill(person.mobile)
  await form.getByLabel('电子邮箱').fill(`${person.username}@example.com`)
  for (const role of roles) await form.getByLabel(role, { exact: true }).check()
  await form.getByRole('button', { name: '创建账号' }).click()
  await expect
    .poll(() => page.getByTestId('create-account-result').textContent())
    .toBe(`已为${person.name}创建账号，激活链接和短信验证码已发送至其邮箱和手机。`)
}

describe('用户管理: from CONAC to an office clerk', () => {
  it(
    'CONAC creates a 濮阳市 administrator, who activates by link and creates a 审核员, who activates by SMS code',
    { timeout: 600_000 },
    async () => {
      // 1. CONAC → 编办管理员 → 河南省 / 濮阳市 → 新建管理员.
      const conac = await people().loggedIn('conac')
      await openFromMenu(conac, '编办管理员')
      await conac.waitForURL(`${webUrl}/conac/office-admins`)
      await conac.getByLabel('省（自治区、直辖市）').selectOption({ label: '河南省' })
      await expect
        .poll(() => conac.getByLabel('市（地区、州）').locator('option', { hasText: '濮阳市' }).count())
        .toBe(1)
      await conac.getByLabel('市（地区、州）').selectOption({ label: '濮阳市' })
      await conac.getByRole('heading', { name: '濮阳市编办的管理员' }).waitFor()
      await createAccount(conac, admin, [])
      await rowWith(conac.getByTestId('accounts'), admin.username).filter({ hasText: '待激活' }).waitFor()
      await screenshotBothWidths(conac, 'accounts-conac-office-admins')
      expect(await listLayoutProblems(conac)).toEqual([])

      // 2. The activation link from the email → set the password.
      const adminPage = await people().anonymous()
      await adminPage.goto(await activationLinkFromOutbox(conac, `${admin.username}@example.com`))
      await expect.poll(() => adminPage.getByTestId('activation-greeting').textContent()).toContain(admin.name)
      await screenshotBothWidths(adminPage, 'accounts-activate-link')
      // A leaked password is refused on its field, in Chinese.
      await adminPage.getByLabel('设置密码').fill('password123')
      await adminPage.getByLabel('确认密码').fill('password123')
      await adminPage.getByRole('button', { name: '激活账号' }).click()
      await expect
        .poll(() => adminPage.locator('.field-error').allTextContents())
        .toEqual(['该密码过于常见或已在泄露的密码库中出现，请换一个'])
      await adminPage.getByLabel('设置密码').fill(PASSWORD)
      await adminPage.getByLabel('确认密码').fill(PASSWORD)
      await adminPage.getByRole('button', { name: '激活账号' }).click()
      await adminPage.getByTestId('activation-done').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-activate-done')

      // 3. The administrator logs in → 本办用户 → creates a 审核员.
      await logInWithSmsCode(adminPage, webUrl, admin, PASSWORD) // a new staff account: the second factor applies
      expect(await menuLinks(adminPage, '本办用户').count()).toBe(1)
      await openFromMenu(adminPage, '本办用户')
      await adminPage.waitForURL(`${webUrl}/office/users`)
      await createAccount(adminPage, clerk, ['审核员'])
      const clerkRow = rowWith(adminPage.getByTestId('accounts'), clerk.username)
      await clerkRow.filter({ hasText: '审核员' }).filter({ hasText: '待激活' }).waitFor()
      // The administrator's own row offers no action (nobody disables themself).
      await expect
        .poll(() => rowWith(adminPage.getByTestId('accounts'), admin.username).textContent())
        .toContain('本人')
      await screenshotBothWidths(adminPage, 'accounts-office-users')
      // Three buttons a row (修改角色, 停用, 协助重置密码) on one line and in view, 查询 level with its field.
      expect(await listLayoutProblems(adminPage)).toEqual([])
      // 停用 asks for a reason in the row; 取消 leaves the account as it was.
      await clerkRow.getByRole('button', { name: '停用' }).click()
      await adminPage.getByTestId('disable-form').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-office-users-disable-form')
      await adminPage.getByTestId('disable-form').getByRole('button', { name: '取消' }).click()

      // 申报单位管理: the unit accounts of 濮阳市 and below.
      await openFromMenu(adminPage, '申报单位管理')
      await adminPage.waitForURL(`${webUrl}/office/units`)
      await rowWith(adminPage.getByTestId('accounts'), 'qfzf').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-office-units')
      expect(await listLayoutProblems(adminPage)).toEqual([])

      // 4. The clerk activates at /activate with the login name and the SMS code.
      const clerkPage = await people().anonymous()
      await clerkPage.goto(`${webUrl}/activate`)
      await clerkPage.getByLabel('用户名').fill(clerk.username)
      await clerkPage.getByLabel('短信验证码').fill(await smsCodeFromOutbox(clerkPage, webUrl, clerk.mobile))
      await clerkPage.getByLabel('设置密码').fill(PASSWORD)
      await clerkPage.getByLabel('确认密码').fill(PASSWORD)
      await screenshotBothWidths(clerkPage, 'accounts-activate-sms')
      await clerkPage.getByRole('button', { name: '激活账号' }).click()
      await clerkPage.getByTestId('activation-done').waitFor()

      // 5. The clerk logs in: 待审核域名 is there, 财务管理 and 用户管理 are not.
      await logInWithSmsCode(clerkPage, webUrl, clerk, PASSWORD)
      await mainMenu(clerkPage).waitFor()
      expect(await menuLinks(clerkPage, '待审核域名').count()).toBe(1)
      expect(await menuLinks(clerkPage, '汇款单').count()).toBe(0)
      expect(await mainMenu(clerkPage).getByText('财务管理', { exact: true }).count()).toBe(0)
      expect(await menuLinks(clerkPage, '本办用户').count()).toBe(0)
      await screenshotBothWidths(clerkPage, 'accounts-clerk-home')
    },
  )

  it(
    'a unit’s primary account opens 单位用户; a dead link says so and offers the SMS code',
    { timeout: 300_000 },
    async () => {
      const unit = await people().loggedIn('qfzf')
      await openFromMenu(unit, '单位用户')
      await unit.waitForURL(`${webUrl}/unit/users`)
      await rowWith(unit.getByTestId('accounts'), 'qfzf').filter({ hasText: '本人' }).waitFor()
      await screenshotBothWidths(unit, 'accounts-unit-users')
      expect(await listLayoutProblems(unit)).toEqual([])

      const stranger = await people().anonymous()
      await stranger.goto(`${webUrl}/activate?token=a_${'x'.repeat(43)}`)
      await stranger.getByTestId('activation-link-dead').waitFor()
      await screenshotBothWidths(stranger, 'accounts-activate-dead-link')
    },
  )
})
