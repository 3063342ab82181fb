// 修改密码 in the browser (issue 17): a person opens 修改密码 from the bar above every page, is told in Chinese what
// the password policy refuses, changes the password, and logs in with the new one (the old one no longer works).
// The person is a freshly registered unit, so the demo accounts keep the demo password for every other test.
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from '../testkit/browser.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { newPerson } from '../testkit/people.ts'
import { screenshotBothWidths } from '../testkit/portal.ts'
import { logInThroughPortal, submitLogin } from '../testkit/portalLogin.ts'

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

const NEW_PASSWORD = 'Quiet-harbour-lamp-7'

describe('修改密码', () => {
  it(
    'refuses a leaked password in Chinese, changes it, and the new password logs in',
    { timeout: 240_000 },
    async () => {
      const page = await newPerson(browser, { contexts })
      const input = await registerFreshUnit(page, webUrl, apiUrl)

      await logInThroughPortal(page, webUrl, input.username, '/unit', input.password)
      await page.getByTestId('topbar-change-password').click()
      await page.waitForURL(`${webUrl}/account/password`)
      const form = page.getByTestId('change-password-form')
      await form.getByRole('heading', { name: '修改密码' }).waitFor()

      // A password from the leaked list: refused on its field, nothing changed.
      await form.getByLabel('当前密码').fill(input.password)
      await form.locator('#password-newPassword').fill('iloveyou123')
      await form.getByLabel('确认新密码').fill('iloveyou123')
      await form.getByRole('button', { name: '修改密码' }).click()
      await expect
        .poll(() => form.locator('.field-error').allTextContents())
        .toEqual(['该密码过于常见或已在泄露的密码库中出现，请换一个'])
      await screenshotBothWidths(page, 'change-password-refused')

      await form.locator('#password-newPassword').fill(NEW_PASSWORD)
      await form.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await form.getByRole('button', { name: '修改密码' }).click()
      await expect.poll(() => page.getByTestId('change-password-result').textContent()).toBe('密码已修改。')
      await screenshotBothWidths(page, 'change-password-done')

      // The old password no longer logs in; the new one does.
      const other = await newPerson(browser, { contexts })
      await submitLogin(other, webUrl, input.username, input.password)
      await other.getByTestId('login-error').waitFor()
      expect(await other.getByTestId('login-error').getAttribute('data-code')).toBe('INVALID_CREDENTIALS')
      await logInThroughPortal(other, webUrl, input.username, '/unit', NEW_PASSWORD)
    },
  )
})
