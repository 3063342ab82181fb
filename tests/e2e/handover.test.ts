// 经办人交接 in the browser (issue 17): a unit's primary account starts a handover at /unit/handover; the new handler,
// in a browser of their own, opens the link from the emailed message (the development outbox), enters the SMS code
// and a new password; the old handler's browser is signed out; the new handler signs in with the unit's login.
// The unit is freshly registered, not the demo qfzf: the e2e API is shared by every browser test, and a handover
// replaces the account's password and person, which the other tests rely on.
// Screenshots: tests/.artifacts/screenshots/handover-*.png (1366 and 390 px).
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from '../testkit/browser.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { newPerson } from '../testkit/people.ts'
import { linkFromOutbox, rowWith, screenshotBothWidths, smsCodeFromOutbox } from '../testkit/portal.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { freshMobile } from '../testkit/registration.ts'
import { describeViolations, portalViolations } from './axe.ts'

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

const NEW_PASSWORD = 'Relay-baton-river-9'

describe('经办人交接', () => {
  it(
    'the primary account starts it, the new handler completes it by link and SMS code, the old browser is signed out',
    { timeout: 300_000 },
    async () => {
      // A unit of its own, registered through the API as the registration form would.
      const old = await newPerson(browser, { contexts })
      const input = await registerFreshUnit(old, webUrl, apiUrl)
      await logInThroughPortal(old, webUrl, input.username, '/unit', input.password)

      // The menu leads to 经办人交接 (用户管理).
      await old.getByRole('button', { name: '用户管理' }).click()
      await old.getByRole('link', { name: '经办人交接' }).click()
      await old.waitForURL(`${webUrl}/unit/handover`)
      const panel = old.getByTestId('handover-page')
      await panel.getByRole('heading', { name: '经办人交接' }).waitFor()
      expect(await old.getByTestId('current-handler').textContent()).toBe(input.handlerName)
      await old.getByTestId('handover-history-empty').waitFor()
      await screenshotBothWidths(old, 'handover-01-opened')

      // A wrong ID number is refused beside its field before anything is sent.
      const next = { name: '孙接任', mobile: freshMobile(), email: `handover-${Date.now()}@example.cn` }
      const form = old.getByTestId('handover-form')
      await form.getByLabel('新经办人姓名').fill(next.name)
      await form.getByLabel('身份证号').fill('410922199001010000')
      await form.getByLabel('手机号码').fill(next.mobile)
      await form.getByLabel('电子邮箱').fill(next.email)
      await form.getByRole('button', { name: '发起交接' }).click()
      await old.getByTestId('handover-error').waitFor()
      await form.getByLabel('身份证号').fill(makeIdNumber('410922'))
      await form.getByRole('button', { name: '发起交接' }).click()
      const question = await confirmInDialog(old, '发起交接')
      expect(question).toContain(next.email)
      await old.getByTestId('handover-pending').waitFor()
      await expect
        .poll(() => old.getByTestId('handover-result').textContent())
        .toContain(`确认链接已发送至 ${next.email}`)
      expect(await rowWith(old.getByTestId('handover-history'), next.name).textContent()).toContain('待新经办人确认')
      await screenshotBothWidths(old, 'handover-02-pending')

      // The new handler, in a browser of their own, opens the emailed link.
      const heir = await newPerson(browser, { contexts })
      const link = await linkFromOutbox(heir, webUrl, next.email, '/handover')
      expect(link.startsWith(`${webUrl}/handover?token=`)).toBe(true)
      await heir.goto(link)
      const complete = heir.getByTestId('complete-handover-form')
      await complete.getByRole('heading', { name: '经办人交接' }).waitFor()
      expect(await complete.textContent()).toContain(`${next.name}您好`)
      expect(describeViolations(await portalViolations(heir), '/handover')).toBe('')
      await screenshotBothWidths(heir, 'handover-03-link')

      // A leaked password is refused in Chinese; then the right code and a good password complete it.
      const code = await smsCodeFromOutbox(heir, webUrl, next.mobile)
      await complete.getByLabel('短信验证码').fill(code)
      await complete.locator('#handover-newPassword').fill('password123')
      await complete.getByLabel('确认新密码').fill('password123')
      await complete.getByRole('button', { name: '确认交接' }).click()
      await expect
        .poll(() => complete.locator('.field-error').allTextContents())
        .toEqual(['该密码过于常见或已在泄露的密码库中出现，请换一个'])
      await complete.locator('#handover-newPassword').fill(NEW_PASSWORD)
      await complete.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await complete.getByRole('button', { name: '确认交接' }).click()
      const done = heir.getByTestId('handover-done')
      await done.waitFor()
      expect(await done.textContent()).toContain(input.username)
      expect(describeViolations(await portalViolations(heir), '/handover (done)')).toBe('')
      await screenshotBothWidths(heir, 'handover-04-done')

      // The old handler's browser is signed out.
      await old.goto(`${webUrl}/unit`)
      await old.waitForURL((url) => url.pathname === '/login')
      await screenshotBothWidths(old, 'handover-05-old-signed-out')

      // The new handler signs in with the unit's login and the new password.
      await done.getByRole('link', { name: '去登录' }).click()
      await heir.waitForURL((url) => url.pathname === '/login')
      await logInThroughPortal(heir, webUrl, input.username, '/unit', NEW_PASSWORD)
      await heir.goto(`${webUrl}/unit/handover`)
      expect(await heir.getByTestId('current-handler').textContent()).toBe(next.name)
      expect(await rowWith(heir.getByTestId('handover-history'), next.name).textContent()).toContain('已完成')
      // 交接记录 stands apart from the panel above it, as panels do on every page (it touched it before).
      const handoverPanel = await heir.getByTestId('handover-page').boundingBox()
      const historyPanel = await heir
        .locator('section')
        .filter({ has: heir.getByRole('heading', { name: '交接记录' }) })
        .boundingBox()
      expect(historyPanel!.y - (handoverPanel!.y + handoverPanel!.height)).toBeGreaterThanOrEqual(16)
      await screenshotBothWidths(heir, 'handover-06-history')

      // A used link says so, in Chinese.
      await heir.goto(link)
      await heir.getByTestId('handover-link-invalid').waitFor()
    },
  )
})
