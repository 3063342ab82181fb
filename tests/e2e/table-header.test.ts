// The UI kit's tables (web/components/ui/TableScroll): a table longer than the window scrolls inside its box and
// its header row stays in view, so a clerk halfway down 操作日志 still reads which column is which; the box is a
// named region the keyboard can scroll.
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { screenshotPath } from '../testkit/browser.ts'
import { sessionCookie } from '../testkit/http.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { peopleOfThisFile } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)

/** Demo accounts whose logins fill the audit log (each login is one 登录 entry CONAC reads). */
const LOGINS = ['henan', 'puyang', 'qingfeng', 'nanle', 'hebei', 'qfzf', 'qfyy', 'pyjy', 'sjzsl']

beforeAll(async () => {
  // A full page of the audit log whatever ran before this file: 27 logins, more than one page of 20 rows.
  for (let round = 0; round < 3; round++) for (const username of LOGINS) await sessionCookie(apiUrl, username)
})

describe('long tables keep their header in view', () => {
  it('conac scrolls 操作日志: the header row stays at the top of the table box', { timeout: 180_000 }, async () => {
    const page = await people().loggedIn('conac')
    await page.waitForURL(`${webUrl}/conac`)
    await openFromMenu(page, '操作日志')
    const table = page.getByTestId('audit-log')
    await table.locator('tbody > tr:visible').nth(5).waitFor()
    const box = page.locator('.table-scroll').filter({ has: table })
    expect(await box.getAttribute('role')).toBe('region')

    // A page of the audit log is taller than the box allows, so the box scrolls, not the page.
    const sizes = await box.evaluate((element) => ({
      scroll: element.scrollHeight,
      client: element.clientHeight,
      window: window.innerHeight,
    }))
    expect(sizes.scroll).toBeGreaterThan(sizes.client)
    expect(sizes.client).toBeLessThan(sizes.window)

    await box.evaluate((element) => element.scrollBy(0, 300))
    await expect.poll(() => box.evaluate((element) => element.scrollTop)).toBeGreaterThan(0)
    const header = table.locator('thead th').first()
    const [boxTop, headerTop] = await Promise.all([
      box.evaluate((e) => e.getBoundingClientRect().top),
      header.evaluate((e) => e.getBoundingClientRect().top),
    ])
    expect(Math.abs(headerTop - boxTop)).toBeLessThanOrEqual(1)
    // The first row has gone up under the header, which is what makes this a sticky header, not a short table.
    const firstRowTop = await table
      .locator('tbody > tr:visible')
      .first()
      .evaluate((e) => e.getBoundingClientRect().top)
    expect(firstRowTop).toBeLessThan(headerTop)
    await page.screenshot({ path: screenshotPath('table-header-audit-scrolled') })

    // The keyboard scrolls it too: focus the box, press End, and the last row comes into the box's view.
    await box.focus()
    await page.keyboard.press('End')
    await expect
      .poll(() => box.evaluate((e) => Math.round(e.scrollTop + e.clientHeight) >= e.scrollHeight - 1))
      .toBe(true)
  })
})
