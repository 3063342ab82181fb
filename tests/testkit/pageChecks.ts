// What a person would notice on a portal page, as checks the browser tests can run on any page: errors in the
// console or the page, failed requests, raw technical text on screen, an error notice on a page just opened,
// controls that cannot be reached without scrolling a table sideways, and page-level horizontal scrolling on a phone.
// The crawl test (e2e/crawl.test.ts) runs them on every page of every role; other tests may run them on theirs.
import type { Page } from 'playwright-core'

export interface PageWatch {
  /** Problems seen since the last take() (console errors, uncaught exceptions, failed requests), then forgotten. */
  take(): string[]
}

/** Starts recording the page's console errors, uncaught exceptions and failed same-origin requests. */
export function watchPage(page: Page, origin: string): PageWatch {
  let seen: string[] = []
  page.on('console', (message) => {
    // CSP reports are the CSP watcher's (testkit/browser.ts), which fails the test on its own.
    if (message.type() === 'error' && !/Content Security Policy|Refused to /.test(message.text())) {
      seen.push(`console error: ${message.text().slice(0, 300)}`)
    }
  })
  page.on('pageerror', (error) => seen.push(`uncaught exception: ${error.message.slice(0, 300)}`))
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin))
      seen.push(`HTTP ${response.status()} for ${response.url().slice(origin.length)}`)
  })
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? ''
    // A navigation away cancels the previous page's prefetches and streams: that is the browser, not the portal.
    if (request.url().startsWith(origin) && !/ERR_ABORTED/.test(failure))
      seen.push(`request failed (${failure}): ${request.url().slice(origin.length)}`)
  })
  return {
    take() {
      const taken = seen
      seen = []
      return taken
    },
  }
}

/** Waits until the page has loaded its data: the network is quiet and no 加载中 placeholder is left. */
export async function settle(page: Page, timeoutMs = 45_000): Promise<string[]> {
  await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if ((await page.getByText(/^\s*加载中/).count()) === 0) return []
    await page.waitForTimeout(250)
  }
  return [`still 加载中 after ${Math.round(timeoutMs / 1000)} s`]
}

/** Text no person should be shown: GraphQL and JavaScript leftovers, error codes. */
const RAW_TEXT =
  /GraphQL|\[object Object\]|\bundefined\b|\bNaN\b|\bnull\b|INTERNAL_SERVER_ERROR|BAD_USER_INPUT|UNAUTHENTICATED|\bFORBIDDEN\b|\bNOT_FOUND\b|TypeError|SyntaxError|Error:/

/** Raw technical text anywhere on the page, and error notices showing on a page that was only opened. */
export async function textProblems(page: Page): Promise<string[]> {
  const problems: string[] = []
  const text = await page.locator('body').innerText()
  const raw = text.match(RAW_TEXT)
  if (raw) {
    const at = raw.index ?? 0
    problems.push(`raw text on screen: …${text.slice(Math.max(0, at - 40), at + 80).replace(/\s+/g, ' ')}…`)
  }
  // The verification page's banner is its answer (a cancelled or unknown badge is a warning to the visitor, as it
  // should be), not a failure of the page.
  for (const notice of await page.locator('[role=alert]:visible:not(.badge-banner), .notice-error:visible').all()) {
    const content = (await notice.innerText()).trim()
    if (content) problems.push(`error notice on opening the page: ${content.slice(0, 160)}`)
  }
  return problems
}

/**
 * Controls (links, buttons, fields) that are visible but lie outside the window or outside the box that clips them
 * (a table scrolled sideways): a person would have to find a scroll bar to reach them.
 */
export async function unreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type=hidden]), select, textarea, [role=button]',
    )
    for (const control of controls) {
      const style = getComputedStyle(control)
      if (style.visibility === 'hidden' || style.display === 'none') continue
      const rect = control.getBoundingClientRect()
      if (rect.width <= 1 || rect.height <= 1) continue // visually hidden (screen readers only)
      let left = 0
      let right = window.innerWidth
      for (let box = control.parentElement; box; box = box.parentElement) {
        if (/auto|scroll|hidden|clip/.test(getComputedStyle(box).overflowX)) {
          const clip = box.getBoundingClientRect()
          left = Math.max(left, clip.left)
          right = Math.min(right, clip.right)
        }
      }
      if (rect.right > right + 1 || rect.left < left - 1) {
        const label = (
          control.innerText ||
          control.getAttribute('aria-label') ||
          control.getAttribute('name') ||
          control.tagName
        )
          .trim()
          .slice(0, 40)
        found.push(
          `control outside the window at ${window.innerWidth} px: ${control.tagName.toLowerCase()} "${label}" (${Math.round(rect.left)}–${Math.round(rect.right)}, visible ${Math.round(left)}–${Math.round(right)})`,
        )
      }
    }
    return found
  })
}

/** Page-level horizontal scrolling at `width` px, naming the widest elements that cause it. */
export async function horizontalScrollAt(page: Page, width: number): Promise<string[]> {
  const original = page.viewportSize()
  await page.setViewportSize({ width, height: 844 })
  try {
    await page.waitForTimeout(100) // one layout pass
    return await page.evaluate(() => {
      const viewport = document.documentElement.clientWidth
      if (document.documentElement.scrollWidth <= viewport + 1) return []
      const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => element.getBoundingClientRect().right > viewport + 1)
        .filter(
          (element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= viewport + 1,
        )
        .slice(0, 3)
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`,
        )
      return [
        `page scrolls sideways at ${viewport} px (${document.documentElement.scrollWidth} px wide: ${culprits.join(', ') || 'body'})`,
      ]
    })
  } finally {
    if (original) await page.setViewportSize(original)
  }
}

/**
 * Action cells (td.table-actions) whose buttons do not share one line, or whose buttons lie outside the window or the
 * table's visible box. Buttons of a form opened in the cell (data-testid ending in -form) are left out.
 */
export async function wrappedRowActions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const cell of document.querySelectorAll<HTMLElement>('table td.table-actions')) {
      const buttons = [...cell.querySelectorAll<HTMLElement>('button')].filter(
        (button) => !button.closest('[data-testid$="-form"]') && button.getBoundingClientRect().width > 1,
      )
      if (buttons.length === 0) continue
      const row = cell.closest('tr')?.getAttribute('data-testid') ?? cell.closest('tr')?.innerText.slice(0, 30) ?? ''
      const placed = buttons.map((button) => ({ name: button.innerText.trim(), box: button.getBoundingClientRect() }))
      const firstTop = placed[0]!.box.top
      if (placed.some(({ box }) => Math.abs(box.top - firstTop) > 1)) {
        const names = placed.map(({ name }) => name).join(' / ')
        found.push(`the actions of ${row} wrap onto more than one line at ${window.innerWidth} px: ${names}`)
      }
      const clip = (cell.closest('.table-wrap') ?? document.documentElement).getBoundingClientRect()
      const left = Math.max(0, clip.left)
      const right = Math.min(window.innerWidth, clip.right)
      for (const { name, box } of placed) {
        if (box.left < left - 1 || box.right > right + 1) {
          found.push(
            `"${name}" of ${row} is out of view at ${window.innerWidth} px (${Math.round(box.left)}–${Math.round(box.right)}, visible ${Math.round(left)}–${Math.round(right)})`,
          )
        }
      }
    }
    return found
  })
}

/** A one-field search form whose button is not level with its input (same top and bottom). */
export async function misalignedSearchButton(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const form of document.querySelectorAll<HTMLFormElement>('form[role=search]')) {
      const fields = form.querySelectorAll<HTMLElement>('input:not([type=hidden]), select')
      const button = form.querySelector<HTMLElement>('button[type=submit]')
      if (fields.length !== 1 || !button) continue
      const input = fields[0]!.getBoundingClientRect()
      const box = button.getBoundingClientRect()
      if (Math.abs(input.top - box.top) > 1 || Math.abs(input.bottom - box.bottom) > 1) {
        found.push(
          `"${button.innerText.trim()}" is not level with its search field at ${window.innerWidth} px (field ${Math.round(input.top)}–${Math.round(input.bottom)}, button ${Math.round(box.top)}–${Math.round(box.bottom)})`,
        )
      }
    }
    return found
  })
}

/** wrappedRowActions and misalignedSearchButton at 1366 and 390 px (the viewport is put back afterwards). */
export async function listLayoutProblems(page: Page): Promise<string[]> {
  const original = page.viewportSize()
  const found: string[] = []
  try {
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 844 })
      await page.waitForTimeout(100) // one layout pass
      found.push(...(await wrappedRowActions(page)), ...(await misalignedSearchButton(page)))
    }
  } finally {
    if (original) await page.setViewportSize(original)
  }
  return found
}
