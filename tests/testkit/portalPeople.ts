// The people of a browser test file: one Chromium for the file, one context per person, logged in through the
// portal's login page at a desktop width, with every window.confirm accepted (the confirmations are part of the
// clicks being tested).
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser } from './browser.ts'

export function portalPeople(webUrl: string, viewport = { width: 1366, height: 900 }) {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
  })
  return {
    /** `username` (demo password) logged in and on its home page `home`. */
    async logIn(username: string, home: string): Promise<Page> {
      const context = await browser!.newContext({ locale: 'zh-CN', viewport })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(20_000)
      page.on('dialog', (dialog) => void dialog.accept())
      await page.goto(`${webUrl}/login`)
      await page.getByLabel('用户名').fill(username)
      await page.getByLabel('密码').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL(`${webUrl}${home}`)
      return page
    },
  }
}
