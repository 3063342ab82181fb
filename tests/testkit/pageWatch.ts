// Watching what a page shows between two checks, for the browser tests of "every action refreshes what it changed":
// a list that first renders an old status and then corrects itself passes a test that only waits for the new one,
// so the page itself records every moment it showed the old text.
import type { Page } from 'playwright-core'

/**
 * Records every time, from now on, that the page shows `text` in a table row mentioning `row` (or in an element
 * matching `selector`). The page must stay the same document (client-side navigation, the browser's back button).
 */
export async function watchForText(
  page: Page,
  target: { row: string; text: string } | { selector: string; text: string },
): Promise<{ seen(): Promise<string[]> }> {
  const name = `__watch${Math.random().toString(36).slice(2)}`
  await page.evaluate(
    ({ name, target }) => {
      const seen: string[] = []
      ;(window as unknown as Record<string, string[]>)[name] = seen
      const check = () => {
        const candidates =
          'row' in target
            ? [...document.querySelectorAll('tr')].filter((row) => row.textContent?.includes(target.row))
            : [...document.querySelectorAll(target.selector)]
        for (const element of candidates) {
          const text = element.textContent ?? ''
          if (text.includes(target.text)) seen.push(text)
        }
      }
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true })
    },
    { name, target },
  )
  return {
    seen: () =>
      page.evaluate(
        (name) =>
          (window as unknown as Record<string, string[]>)[name] ?? ['(the page was reloaded: nothing was watched)'],
        name,
      ),
  }
}

/**
 * Follows the portal's own link to `href` as a click would (Next.js navigates on the client, keeping the urql cache
 * and the router's), whether or not the link is visible in the current menu layout.
 */
export async function clientNavigate(page: Page, webUrl: string, href: string): Promise<void> {
  await page.locator(`a[href="${href}"]`).first().dispatchEvent('click')
  await page.waitForURL(`${webUrl}${href}`)
}
