// A person in the portal, for browser tests: logged in through the login page as a user would.
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'

/** Logs the page in through /login and waits until the portal has left the login page (for the role's home). */
export async function logInThroughPortal(page: Page, webUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((url) => url.pathname !== '/login')
}

/** The hrefs of the main menu (主菜单) as the logged-in person sees it, in order. */
export async function menuHrefs(page: Page): Promise<string[]> {
  const hrefs = await page.getByRole('navigation', { name: '主菜单' }).locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  return [...new Set(hrefs.filter((href) => href.startsWith('/')))]
}

/** Waits until the page has loaded and its client-side queries have answered (no request for 500 ms, no 加载中). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !document.body.innerText.includes('加载中'), null, { timeout: 30_000 })
}
