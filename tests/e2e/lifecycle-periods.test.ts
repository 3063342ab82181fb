// 域名生命周期期限 in a real browser (issue 19): CONAC opens 生命周期期限 from the 域名管理 menu, sees the entry in
// force (30/30/30 from the migration), sets a new entry for a far day through the confirmation dialog, and sees it
// listed as 待生效; a wrong number is refused by the form before anything is sent. The day is far in the future so
// no domain of the other browser tests expires under it. Screenshots at 1366 and 390 px go to
// tests/.artifacts/screenshots/lifecycle-periods-*.png.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, logInAs, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { openFromMenu } from '../testkit/menu.ts'

const webUrl = inject('webUrl')
// One day per run, so a rerun against the same database does not meet its own entry (CONFLICT).
const farDay = new Date(Date.UTC(2090, 0, 1) + (Date.now() % 3000) * 86_400_000).toISOString().slice(0, 10)

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await page?.context().close()
  await browser?.close()
})

async function screenshotBothWidths(name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: screenshotPath(`lifecycle-periods-${name}-${width}`), fullPage: true })
  }
  await page.setViewportSize({ width: 1366, height: 900 })
}

describe('生命周期期限: CONAC sets dated periods', () => {
  it('shows the entry in force and sets a new one through the confirmation dialog', { timeout: 300_000 }, async () => {
    page = await logInAs(browser, webUrl, 'conac', '/conac')
    await openFromMenu(page, '生命周期期限')
    await page.waitForURL(`${webUrl}/conac/lifecycle-periods`)
    const table = page.getByTestId('lifecycle-periods')
    await table.waitFor()
    const inForce = table.locator('tr', { hasText: '现行' })
    expect(await inForce.count()).toBe(1)
    expect(((await inForce.textContent()) ?? '').replace(/\s+/g, '')).toContain('2000-01-01起303030')
    await screenshotBothWidths('01-list')

    // A hold of 4000 days is over the bound: the form says so and sends nothing.
    await page.getByLabel('宽限期（天）').fill('20')
    await page.getByLabel('赎回期（天）').fill('25')
    await page.getByLabel('保留期（天）').fill('4000')
    await page.getByLabel('适用于到期日').fill(farDay)
    await page.getByRole('button', { name: '设置', exact: true }).click()
    await page.getByText('保留期应为 0 到 3650 天').waitFor()

    await page.getByLabel('保留期（天）').fill('45')
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const question = await confirmInDialog(page, '设置')
    expect(question).toContain(`自 ${farDay} 起到期的域名`)
    await page.getByText(`已设置：自 ${farDay} 起到期的域名`).waitFor()
    const added = table.locator('tr', { hasText: `${farDay} 起` })
    await added.waitFor()
    expect(((await added.textContent()) ?? '').replace(/\s+/g, '')).toContain(`${farDay}起202545待生效`)
    await screenshotBothWidths('02-set')
  })
})
