// A person in the portal, for browser tests: a logged-in page of their own (own context, Chinese locale), their
// screenshots at the two widths every page is looked at, and the SMS code they would read on their phone (here: the
// development outbox page, as a developer reads it). Waits are on conditions with generous limits: the machine
// running the suite may be busy.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, screenshotPath } from './browser.ts'
import { arrivedHome, logInThroughPortal, submitLogin } from './portalLogin.ts'

/** Long enough for a server render on a busy two-core machine; never a measure of speed. */
export const PAGE_TIMEOUT_MS = 60_000

export const DESKTOP = { width: 1366, height: 900 }
export const PHONE = { width: 390, height: 844 }

export class People {
  private readonly contexts: BrowserContext[] = []

  constructor(
    private readonly browser: Browser,
    private readonly webUrl: string,
  ) {}

  /** A fresh page of its own (no session yet). */
  async anonymous(viewport = DESKTOP): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'zh-CN', viewport })
    this.contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(PAGE_TIMEOUT_MS)
    page.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS)
    return page
  }

  /** A page logged in as a demo account (or another with its password), on its home page. */
  async loggedIn(username: string, options: { password?: string; viewport?: typeof DESKTOP } = {}): Promise<Page> {
    const page = await this.anonymous(options.viewport)
    await logInThroughPortal(page, this.webUrl, username, undefined, options.password)
    return page
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close().catch(() => {})
  }
}

/**
 * The people of a test file: launches Chromium before its tests and closes everything after them. Use the returned
 * function inside tests (the browser exists only once beforeAll has run).
 */
export function peopleOfThisFile(webUrl: string): () => People {
  let browser: Browser | undefined
  let people: People | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    people = new People(browser, webUrl)
  })
  afterAll(async () => {
    await people?.closeAll()
    await browser?.close()
  })
  return () => {
    if (!people) throw new Error('peopleOfThisFile: the browser starts in beforeAll; call this inside a test')
    return people
  }
}

/** Full-page screenshots at 1366 and 390 px (tests/.artifacts/screenshots/<name>-1366.png, -390.png). */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  const before = page.viewportSize()
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport)
    await page.screenshot({ path: screenshotPath(`${name}-${viewport.width}`), fullPage: true })
  }
  if (before) await page.setViewportSize(before)
}

/** The table row that mentions `text`. */
export function rowWith(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('row').filter({ hasText: text })
}

/**
 * What `pattern` captures in the newest /dev/outbox message that mentions every one of `texts`, read in another tab
 * of the person's browser (as a developer reads the SMS and email a person would get).
 */
async function readFromOutbox(page: Page, webUrl: string, texts: string[], pattern: RegExp, what: string) {
  const outbox = await page.context().newPage()
  try {
    for (let attempt = 0; ; attempt++) {
      await outbox.goto(`${webUrl}/dev/outbox`)
      const message = texts
        .reduce((rows, text) => rows.filter({ hasText: text }), outbox.getByTestId('outbox-table').getByRole('row'))
        .first()
      if (await message.count()) {
        const found = pattern.exec((await message.textContent()) ?? '')?.[1]
        if (found) return found
      }
      // The outbox is written in the send's own transaction, so it is there when the form says 已发送; but wait
      // rather than fail if a busy API is a moment behind.
      if (attempt >= 40) throw new Error(`no ${what} in the development outbox`)
      await outbox.waitForTimeout(500)
    }
  } finally {
    await outbox.close()
  }
}

/** The newest verification code sent to the mobile. */
export function smsCodeFromOutbox(page: Page, webUrl: string, mobile: string): Promise<string> {
  return readFromOutbox(page, webUrl, [mobile, '验证码'], /\b(\d{6})\b/, `SMS code for ${mobile}`)
}

/**
 * The link to the portal page `path` (e.g. /activate) in the newest email that mentions `mentioning` (the address it
 * went to, or the login it names), as the person would open it from their mailbox.
 */
export function linkFromOutbox(page: Page, webUrl: string, mentioning: string, path: string): Promise<string> {
  const link = new RegExp(`(https?://\\S+${path}\\?token=[A-Za-z0-9_%-]+)`)
  return readFromOutbox(page, webUrl, [mentioning, `${path}?token=`], link, `${path} link for ${mentioning}`)
}

/**
 * Logs a staff member in who must pass the second factor (not a demo account): the password, then 发送验证码, the
 * code from the development outbox, 验证并登录; waits for the role's home page.
 */
export async function logInWithSmsCode(
  page: Page,
  webUrl: string,
  person: { username: string; mobile: string },
  password: string,
): Promise<void> {
  await submitLogin(page, webUrl, person.username, password)
  const step = page.getByTestId('second-factor-step')
  await step.getByRole('button', { name: '发送验证码' }).click()
  await step.getByRole('button', { name: /秒后可重新发送/ }).waitFor()
  await step.getByLabel('短信验证码').fill(await smsCodeFromOutbox(page, webUrl, person.mobile))
  await step.getByRole('button', { name: '验证并登录' }).click()
  await page.waitForURL(arrivedHome)
}
