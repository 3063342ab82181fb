// Issue 15, defect 9 (the jobs page's money): 定时任务 shows the daily charge's amount in yuan with two decimals and
// thousands separators (it showed 扣费金额（分） 180000), and its table fits the panel at 1366 px with every 立即运行
// button in view (one was outside the panel). Screenshots: tests/.artifacts/screenshots/jobs-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'

const webUrl = inject('webUrl')
let browser: Browser
let context: BrowserContext
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await context?.close().catch(() => {})
  await browser?.close()
})

async function conac(): Promise<Page> {
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  page.on('dialog', (dialog) => void dialog.accept())
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill('conac')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}/conac`)
  return page
}

describe('定时任务 (issue 15, defect 9)', () => {
  it('fits at 1366 px with every 立即运行 in view, and shows the daily charge’s money in yuan', { timeout: 180_000 }, async () => {
    await awayFromBeijingMidnight(60_000)
    const page = await conac()
    await page.goto(`${webUrl}/conac/jobs`)
    const table = page.getByTestId('scheduled-jobs')
    const message = page.getByRole('status').filter({ hasText: '「' })
    // Run (or find already run today) the jobs whose results are longest, then the daily charge.
    for (const title of ['审核超时提醒', '每日待办提醒', '域名到期提醒', '每日扣费']) {
      const row = table.getByRole('row').filter({ hasText: title })
      await row.getByRole('button', { name: '立即运行' }).click()
      await expect.poll(async () => (await message.textContent()) ?? '', { timeout: 60_000 }).toContain(`「${title}」`)
    }
    const charge = table.getByRole('row').filter({ hasText: '每日扣费' })
    await expect.poll(async () => (await charge.textContent()) ?? '').toMatch(/扣费金额 [\d,]+\.\d{2} 元/)
    expect(await charge.textContent()).not.toContain('（分）')
    expect(await message.textContent()).toMatch(/扣费金额 [\d,]+\.\d{2} 元/)

    const wrap = table.locator('xpath=..')
    const { scroll, client } = await wrap.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }))
    expect(scroll, 'the jobs table is wider than its panel at 1366 px').toBeLessThanOrEqual(client)
    const wrapBox = (await wrap.boundingBox())!
    for (const button of await table.getByRole('button', { name: '立即运行' }).all()) {
      const box = (await button.boundingBox())!
      expect(box.x + box.width, 'a 立即运行 button outside the panel').toBeLessThanOrEqual(Math.min(1366, wrapBox.x + wrapBox.width) + 0.5)
    }
    await page.screenshot({ path: screenshotPath('jobs-01-1366'), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const box = (await charge.getByRole('button', { name: '立即运行' }).boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: screenshotPath('jobs-02-390'), fullPage: true })
  })
})
