// 双重验证 in the browser (issue 17): a stack of its own with production's rules (SECOND_FACTOR=on and the demo
// accounts NOT exempt), so the demo staff account puyang stands for any staff member. The login asks for the SMS
// code after the password; the code comes from the development outbox; 记住此设备 makes the next login from the
// same browser skip it. The suite's shared stack keeps demo accounts exempt, so no other browser test changes.
// The stack's SMS budget is small (SMS_BUDGET_PER_HOUR), so the last test can use it up and see what the login says.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentTotpCode } from '../../server/src/modules/secondFactor/totp.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser } from '../testkit/browser.ts'
import { newPerson } from '../testkit/people.ts'
import { logInWithSmsCode, screenshotBothWidths, smsCodeFromOutbox } from '../testkit/portal.ts'
import { arrivedHome, submitLogin } from '../testkit/portalLogin.ts'
import { startStack, type Stack } from '../testkit/processes.ts'

/** A demo staff account's seeded mobile (server/src/seed/demo.ts: 139 + office region code + the account's index). */
function demoStaffMobile(username: string): string {
  const index = DEMO_ACCOUNTS.findIndex((account) => account.username === username)
  return `139${DEMO_ACCOUNTS[index]!.officeRegionCode}${String(index).padStart(2, '0')}`
}
const PUYANG_MOBILE = demoStaffMobile('puyang')
/** Codes this stack sends in an hour: the tests below need three (puyang, py-caiwu, one more to use it up). */
const SMS_BUDGET_PER_HOUR = 3

let browser: Browser
let webUrl: string
let stack: Stack | undefined
const contexts: BrowserContext[] = []
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'conac-second-factor-'))
  stack = await startStack({
    database: { pgliteDir: dataDir },
    apiEnv: {
      DEMO_SKIPS_SECOND_FACTOR: 'false',
      SECOND_FACTOR_REMEMBER_DAYS: '30',
      SMS_BUDGET_PER_HOUR: String(SMS_BUDGET_PER_HOUR),
    },
    timeoutMs: 240_000,
  })
  webUrl = stack.webUrl
  browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  await stack?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('双重验证', () => {
  it(
    'asks a staff member for the SMS code, remembers the browser, and the next login from it skips the code',
    { timeout: 480_000 },
    async () => {
      const page = await newPerson(browser, { contexts })
      await submitLogin(page, webUrl, 'puyang')
      const step = page.getByTestId('second-factor-step')
      await step.getByRole('heading', { name: '双重验证' }).waitFor()
      await expect(step.textContent()).resolves.toContain('139****0002')
      await screenshotBothWidths(page, 'second-factor-step')

      await step.getByRole('button', { name: '发送验证码' }).click()
      await step.getByRole('button', { name: /秒后可重新发送/ }).waitFor()
      const code = await smsCodeFromOutbox(page, webUrl, PUYANG_MOBILE)
      await step.getByLabel('短信验证码').fill(code)
      await step.getByLabel(/记住此设备 30 天/).check()
      await screenshotBothWidths(page, 'second-factor-step-filled')
      await step.getByRole('button', { name: '验证并登录' }).click()
      await page.waitForURL(arrivedHome)

      // The remembered browser is listed on 双重验证, with the authenticator's setup beside it.
      await page.getByTestId('topbar-second-factor').click()
      await page.waitForURL(`${webUrl}/account/second-factor`)
      await page.getByTestId('trusted-devices').getByRole('row').nth(1).waitFor()
      expect(await page.getByTestId('trusted-devices').getByRole('row').count()).toBe(2) // header + this browser
      await page.getByRole('button', { name: '绑定身份验证器' }).click()
      await page.getByRole('img', { name: '身份验证器二维码' }).waitFor()
      await screenshotBothWidths(page, 'second-factor-account')

      // Signed out, then in again from the same browser: no second step.
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL((url) => url.pathname.startsWith('/login'))
      await submitLogin(page, webUrl, 'puyang')
      await page.waitForURL(arrivedHome)
      expect(await page.getByTestId('second-factor-step').count()).toBe(0)

      // Another browser (no device cookie) is asked again.
      const other = await newPerson(browser, { contexts })
      await submitLogin(other, webUrl, 'puyang')
      await other.getByTestId('second-factor-step').waitFor()
    },
  )

  it(
    'when the SMS budget is used up, the login turns to the authenticator if one is bound, else says to bind one',
    { timeout: 600_000 },
    async () => {
      // py-caiwu binds an authenticator (signed in with an SMS code while the budget lasts).
      const caiwu = await newPerson(browser, { contexts })
      await logInWithSmsCode(
        caiwu,
        webUrl,
        { username: 'py-caiwu', mobile: demoStaffMobile('py-caiwu') },
        DEMO_PASSWORD,
      )
      await caiwu.goto(`${webUrl}/account/second-factor`)
      await caiwu.getByRole('button', { name: '绑定身份验证器' }).click()
      const secret = (await caiwu.getByTestId('totp-secret').textContent())!.trim()
      await caiwu.getByLabel('身份验证器中的 6 位数字').fill(currentTotpCode(secret))
      await caiwu.getByRole('button', { name: '确认绑定' }).click()
      await caiwu.getByTestId('totp-enabled').waitFor()

      // Other staff ask for codes until the budget refuses one: the refusal names the wait and the authenticator.
      let refused = false
      for (const username of ['py-admin', 'py-shenhe', 'qingfeng', 'nanle', 'henan']) {
        const page = await newPerson(browser, { contexts })
        await submitLogin(page, webUrl, username)
        const step = page.getByTestId('second-factor-step')
        await step.getByRole('button', { name: '发送验证码' }).click()
        const result = step.getByTestId('second-factor-result')
        // Sent: the countdown; refused: the notice (and the countdown to the budget's next period).
        await result
          .or(step.getByRole('button', { name: /秒后可重新发送/ }))
          .first()
          .waitFor()
        if (!(await result.count())) continue
        const text = (await result.textContent()) ?? ''
        expect(text).toContain('系统短信验证码发送量已达上限')
        expect(text).toContain('登录后可在“双重验证”页面绑定身份验证器')
        // The wait until the budget's next period is counted in minutes, not as "1841 秒".
        expect(await step.getByTestId('send-login-code').textContent()).not.toMatch(/\d{3,} 秒/)
        await screenshotBothWidths(page, 'second-factor-sms-budget-bind-totp')
        refused = true
        break
      }
      expect(refused).toBe(true)

      // py-caiwu again, from another browser: the refusal turns the form to 身份验证器, whose code signs in.
      const again = await newPerson(browser, { contexts })
      await submitLogin(again, webUrl, 'py-caiwu')
      const step = again.getByTestId('second-factor-step')
      const result = step.getByTestId('second-factor-result')
      // py-caiwu's own code went out moments ago: the number's 60-second wait answers first, then the budget.
      for (;;) {
        await step.getByRole('button', { name: '发送验证码' }).click({ timeout: 120_000 })
        await result.waitFor()
        if (!(await result.textContent())?.includes('验证码发送过于频繁')) break
      }
      expect(await result.textContent()).toContain('请改用身份验证器')
      await step.getByLabel('身份验证器验证码').waitFor()
      expect(await step.getByRole('radio', { name: '身份验证器' }).isChecked()).toBe(true)
      await screenshotBothWidths(again, 'second-factor-sms-budget-use-totp')
      // The code of the next 30-second step: the one that confirmed the binding may be this step's, used already.
      await step.getByLabel('身份验证器验证码').fill(currentTotpCode(secret, Date.now() + 30_000))
      await step.getByRole('button', { name: '验证并登录' }).click()
      await again.waitForURL(arrivedHome)
    },
  )
})
