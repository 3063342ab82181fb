// People in the browser suite: each in a fresh context (zh-CN), signing in through the login form as a person would.
// The portal's confirmation dialogs are answered by clicking them (testkit/confirmDialog.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PAGE_TIMEOUT_MS } from './portal.ts'

export interface PersonOptions {
  viewport?: { width: number; height: number }
  /** Contexts opened here are added, for the test's afterAll to close. */
  contexts?: BrowserContext[]
  /** Per-action timeout in ms; generous, since the suite shares a busy machine. */
  timeout?: number
}

export async function newPerson(browser: Browser, options: PersonOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: options.viewport ?? { width: 1366, height: 900 },
  })
  options.contexts?.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(options.timeout ?? PAGE_TIMEOUT_MS)
  return page
}

/** Signs in with the login form and waits for the role's home page (`home`, e.g. /office). */
export { logInThroughPortal as logIn } from './portalLogin.ts'
