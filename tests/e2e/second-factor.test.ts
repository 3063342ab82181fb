// 双重验证 in the browser (issue 17): a stack of its own with production's rules (SECOND_FACTOR=on and the demo
// accounts NOT exempt), so the demo staff account puyang stands for any staff member. The login asks for the SMS
// code after the password; the code comes from the development outbox; 记住此设备 makes the next login from the
// same browser skip it. The suite's shared stack keeps demo accounts exempt, so no other browser test changes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../testkit/browser.ts'
import { newPerson } from '../testkit/people.ts'
import { screenshotBothWidths, smsCodeFromOutbox } from '../testkit/portal.ts'
import { arrivedHome, submitLogin } from '../testkit/portalLogin.ts'
import { apiProcess, freePort, PORTAL_READY, portalProcess, startProcess, type Started } from '../testkit/processes.ts'

/** puyang's seeded mobile (server/src/seed/demo.ts: 139 + office region code + the account's index). */
const PUYANG_MOBILE = '13941090002'

let browser: Browser
let webUrl: string
const started: Started[] = []
const contexts: BrowserContext[] = []
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'conac-second-factor-'))
  const apiPort = await freePort()
  const webPort = await freePort()
  webUrl = `http://127.0.0.1:${webPort}`
  started.push(
    await startProcess({
      ...apiProcess(apiPort, dataDir, webUrl, { DEMO_SKIPS_SECOND_FACTOR: 'false', SECOND_FACTOR_REMEMBER_DAYS: '30' }),
      timeoutMs: 240_000,
    }),
  )
  started.push(
    await startProcess({
      name: 'portal',
      ...portalProcess(webPort, { API_URL: `http://127.0.0.1:${apiPort}`, PUBLIC_PORTAL_URL: webUrl }),
      ready: PORTAL_READY,
      timeoutMs: 240_000,
    }),
  )
  browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  for (const process of started.reverse()) await process.stop()
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
})
