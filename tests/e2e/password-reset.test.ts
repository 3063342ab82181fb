// 忘记密码 and 我的登录设备 in the browser (issue 17): a unit opens 忘记密码？ from /login, asks for a code, reads it
// from the development outbox, is told in Chinese that a leaked password is refused, sets a new one and signs in
// with it; the session it had open in another browser is gone. Then 我的登录设备 lists its sessions and 退出其他所有设备
// ends the others; and an office sends it a reset code with the 协助重置密码 button.
// The person is a freshly registered unit (in 清丰县), not qfyy: resetting a demo account's password would take the
// demo password away from every other browser test that runs against the same API.
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { listLayoutProblems } from '../testkit/pageChecks.ts'
import { newPerson } from '../testkit/people.ts'
import { linkFromOutbox, screenshotBothWidths, smsCodeFromOutbox } from '../testkit/portal.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

const NEW_PASSWORD = 'Harbour-lantern-nine-4'

describe('忘记密码 and 我的登录设备', () => {
  it(
    'resets a forgotten password with the SMS code, ends the older session, then signs in with the new password',
    { timeout: 300_000 },
    async () => {
      const older = await newPerson(browser, { contexts })
      const unit = await registerFreshUnit(older, webUrl, apiUrl)
      await logInThroughPortal(older, webUrl, unit.username, '/unit', unit.password)

      const page = await newPerson(browser, { contexts })
      await page.goto(`${webUrl}/login`)
      await page.getByTestId('forgot-password-link').click()
      await page.waitForURL(`${webUrl}/forgot-password`)
      const form = page.getByTestId('forgot-password-form')
      await form.getByLabel('用户名').fill(unit.username)
      await screenshotBothWidths(page, 'forgot-password-username')
      await form.getByRole('button', { name: '获取验证码' }).click()
      await form.getByLabel('短信验证码').waitFor()
      await expect
        .poll(() => form.locator('.reg-help').first().textContent())
        .toContain('若账号存在，验证码已发送至其登记的手机和邮箱')
      const code = await smsCodeFromOutbox(page, webUrl, unit.handlerMobile)

      // A leaked password: refused in Chinese on its field, nothing changed.
      await form.getByLabel('短信验证码').fill(code)
      await form.locator('#reset-newPassword').fill('iloveyou123')
      await form.getByLabel('确认新密码').fill('iloveyou123')
      await form.getByRole('button', { name: '重置密码' }).click()
      await expect
        .poll(() => form.locator('.field-error').allTextContents())
        .toEqual(['该密码过于常见或已在泄露的密码库中出现，请换一个'])
      await screenshotBothWidths(page, 'forgot-password-refused')

      await form.locator('#reset-newPassword').fill(NEW_PASSWORD)
      await form.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await form.getByRole('button', { name: '重置密码' }).click()
      await page.getByTestId('reset-password-done').waitFor()
      await screenshotBothWidths(page, 'forgot-password-done')

      // The session opened before the reset is gone: the next page sends it to the login page.
      await older.goto(`${webUrl}/unit`)
      await older.waitForURL((url) => url.pathname.startsWith('/login'))

      await page.getByTestId('reset-password-login').click()
      await page.waitForURL(`${webUrl}/login`)
      await logInThroughPortal(page, webUrl, unit.username, '/unit', NEW_PASSWORD)

      // 我的登录设备: a second browser signs in too; this one ends it.
      const second = await newPerson(browser, { contexts })
      await logInThroughPortal(second, webUrl, unit.username, '/unit', NEW_PASSWORD)
      await page.getByTestId('topbar-sessions').click()
      await page.waitForURL(`${webUrl}/account/sessions`)
      const sessions = page.getByTestId('my-sessions')
      await expect.poll(() => sessions.locator('tbody tr').count()).toBe(2)
      await expect.poll(() => sessions.getByTestId('session-current').count()).toBe(1)
      await screenshotBothWidths(page, 'my-sessions')
      await sessions.getByTestId('end-other-sessions').click()
      await confirmInDialog(page, '全部退出')
      await expect.poll(() => page.getByTestId('my-sessions-result').textContent()).toBe('已退出其他 1 台设备。')
      await expect.poll(() => sessions.locator('tbody tr').count()).toBe(1)
      await second.goto(`${webUrl}/unit`)
      await second.waitForURL((url) => url.pathname.startsWith('/login'))
    },
  )

  it(
    'an office sends a unit account the reset code with 协助重置密码, and the emailed link sets the password',
    {
      timeout: 300_000,
    },
    async () => {
      const page = await newPerson(browser, { contexts })
      const unit = await registerFreshUnit(page, webUrl, apiUrl)
      await logInThroughPortal(page, webUrl, unit.username, '/unit', unit.password)

      // 单位账号管理: the office finds the unit's account and sends it the code and link.
      const office = await newPerson(browser, { contexts })
      await logInThroughPortal(office, webUrl, 'qingfeng', '/office')
      await office.goto(`${webUrl}/office/units`)
      await office.getByLabel('单位名称、用户名或姓名').fill(unit.username)
      await office.getByRole('button', { name: '查询' }).click()
      const row = office.getByTestId(`account-${unit.username}`)
      await row.getByRole('button', { name: '协助重置密码' }).click()
      await confirmInDialog(office, '发送')
      const masked = `${unit.handlerMobile.slice(0, 3)}****${unit.handlerMobile.slice(7)}`
      await expect.poll(() => office.getByTestId('help-reset-result').textContent()).toContain(masked)
      // The outcome stands above the list, not in the row: 停用 and 协助重置密码 stay on one line.
      expect(await listLayoutProblems(office)).toEqual([])
      await screenshotBothWidths(office, 'help-reset-password')

      // The emailed link, read from the outbox as the person would read the email.
      const link = await linkFromOutbox(page, webUrl, unit.username, '/reset-password')
      await page.goto(link)
      const form = page.getByTestId('reset-link-form')
      await form.locator('#reset-newPassword').fill(NEW_PASSWORD)
      await form.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await form.getByRole('button', { name: '重置密码' }).click()
      await page.getByTestId('reset-password-done').waitFor()
      // The link works once.
      await page.goto(link)
      await form.locator('#reset-newPassword').fill('Harbour-lantern-ten-5')
      await form.getByLabel('确认新密码').fill('Harbour-lantern-ten-5')
      await form.getByRole('button', { name: '重置密码' }).click()
      await expect.poll(() => page.getByTestId('reset-link-result').textContent()).toBe('链接已失效，请重新获取')
      await screenshotBothWidths(page, 'reset-link-used')
    },
  )
})
