// People in the browser suite: each in a fresh context (zh-CN), signing in through the login form as a person would.
// The portal's confirmation dialogs are answered by clicking them (testkit/confirmDialog.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'

export interface PersonOptions {
  viewport?: { width: number; height: number }
  /** Contexts opened here are added, for the test's afterAll to close. */
  contexts?: BrowserContext[]
  /** Per-action timeout in ms; generous, since the suite shares a busy machine. */
  timeout?: number
}

export async function newPerson(browser: Browser, options: PersonOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: options.viewport ?? { width: 1366, height: 900 } })
  options.contexts?.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(options.timeout ?? 20_000)
  return page
}

/** Signs in with the login form and waits for the role's home page (`home`, e.g. /office). */
export async function logIn(page: Page, webUrl: string, username: string, home: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}${home}`)
}
