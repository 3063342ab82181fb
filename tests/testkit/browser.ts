// Debian's Chromium driven by playwright-core (no browser download: the test run installs the Debian package).
//
// Every browser context the e2e tests open watches the portal's Content-Security-Policy: a violation (a
// `securitypolicyviolation` event in the page, or Chromium's "Refused to ..." console message) is recorded, and
// e2e/setup.ts fails the test during which it was seen. So the whole browser suite runs with the CSP on, and a page
// that needs something the policy refuses cannot pass unnoticed.
import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { artifactsDir } from './paths.ts'
import { logInThroughPortal } from './portalLogin.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface CspViolation {
  page: string
  /** The directive that refused it (script-src-elem, style-src-attr, ...), or "console" for a console message */
  directive: string
  blocked: string
  sample: string
  source: string
}

const violations: CspViolation[] = []
const openPages = new Set<Page>()

/** The violations recorded since the last call (and forgets them). */
export function takeCspViolations(): CspViolation[] {
  return violations.splice(0)
}

/** Violations are reported from the page asynchronously: one round trip to every open page lets them arrive. */
export async function flushCspReports(): Promise<void> {
  const roundTrip = (page: Page) =>
    Promise.race([page.evaluate(() => 0).catch(() => 0), new Promise((resolve) => setTimeout(resolve, 2_000))])
  await Promise.all([...openPages].map(roundTrip))
}

const REPORT_BINDING = '__conacReportCspViolation'

async function watchContentSecurityPolicy(context: BrowserContext): Promise<void> {
  await context.exposeBinding(REPORT_BINDING, ({ page }, report: Omit<CspViolation, 'page'>) => {
    violations.push({ page: page?.url() ?? '', ...report })
  })
  // Runs before any script of every document (Playwright injects it outside the page's CSP).
  await context.addInitScript((binding) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (value: unknown) => void>)[binding]
      report?.({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
      })
    })
  }, REPORT_BINDING)
  context.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|Refused to /.test(text))
      violations.push({
        page: message.page()?.url() ?? '',
        directive: 'console',
        blocked: '',
        sample: text,
        source: '',
      })
  })
  context.on('page', (page) => {
    openPages.add(page)
    page.once('close', () => openPages.delete(page))
  })
}

/** `extraArgs`: more Chromium switches (e.g. --ignore-certificate-errors for a test's self-signed nginx). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  })
  // Every context (and browser.newPage's own) watches the CSP; bypassCSP would switch the policy off, so it is refused.
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    if (options?.bypassCSP)
      throw new Error('The e2e suite runs with the portal’s Content-Security-Policy on: bypassCSP is not allowed.')
    const context = await newContext(options)
    await watchContentSecurityPolicy(context)
    return context
  }
  browser.newPage = async (options) => {
    const context = await browser.newContext(options)
    const page = await context.newPage()
    // The page may close as the whole browser does (afterAll): the context is gone then, which is no failure.
    page.once('close', () => void context.close().catch(() => {}))
    return page
  }
  return browser
}

export function screenshotPath(name: string): string {
  mkdirSync(`${artifactsDir}/screenshots`, { recursive: true })
  return `${artifactsDir}/screenshots/${name}.png`
}

/**
 * A person at the portal: a page in a fresh context (Chinese locale, 1366 px wide unless told), logged in through
 * the login form as a demo account and arrived at its home page (confirmations are answered by clicking, see
 * testkit/confirmDialog.ts); the caller closes page.context() when done.
 */
export async function logInAs(
  browser: Browser,
  webUrl: string,
  username: string,
  home: string,
  options: { width?: number; height?: number; timeoutMs?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
  })
  const page = await context.newPage()
  page.setDefaultTimeout(options.timeoutMs ?? 60_000)
  await logInThroughPortal(page, webUrl, username, home)
  return page
}
