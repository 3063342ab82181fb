// Logging a demo account in through the portal's own login page, as a person would.
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'

/** Fills in 用户名 and 密码 on /login and presses 登录 (the caller waits for where that leads). */
export async function submitLogin(
  page: Page,
  webUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

/** Whether the browser has arrived where a login leads: the login page sends it to /, and / to the role's home. */
export const arrivedHome = (url: URL): boolean => url.pathname !== '/' && !url.pathname.startsWith('/login')

/** Logs in and waits for the account's home page (`home`, e.g. /office; when not given, wherever / leads). */
export async function logInThroughPortal(
  page: Page,
  webUrl: string,
  username: string,
  home?: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await submitLogin(page, webUrl, username, password)
  await page.waitForURL(home ? `${webUrl}${home}` : arrivedHome)
}
