// Issue 15, defect 9 (the jobs page's money): 定时任务 shows the daily charge's amount in yuan with two decimals and
// thousands separators (it showed 扣费金额（分） 180000), and its table fits the panel at 1366 px with every 立即运行
// button in view (one was outside the panel). Screenshots: tests/.artifacts/screenshots/jobs-*.png.
import { describe, expect, inject, it } from 'vitest'
import { screenshotPath } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { portalPeople } from '../testkit/portalPeople.ts'

const webUrl = inject('webUrl')
const people = portalPeople(webUrl)

describe('定时任务 (issue 15, defect 9)', () => {
  it(
    'fits at 1366 px with every 立即运行 in view, and shows the daily charge’s money in yuan',
    { timeout: 180_000 },
    async () => {
      await awayFromBeijingMidnight(60_000)
      const page = await people.logIn('conac', '/conac')
      await page.goto(`${webUrl}/conac/jobs`)
      const table = page.getByTestId('scheduled-jobs')
      const message = page.getByRole('status').filter({ hasText: '「' })
      // Run (or find already run today) the jobs whose results are longest, then the daily charge.
      for (const title of ['审核超时提醒', '每日待办提醒', '域名到期提醒', '每日扣费']) {
        const row = table.getByRole('row').filter({ hasText: title })
        await row.getByRole('button', { name: '立即运行' }).click()
        await confirmInDialog(page, '立即运行')
        await expect
          .poll(async () => (await message.textContent()) ?? '', { timeout: 60_000 })
          .toContain(`「${title}」`)
      }
      const charge = table.getByRole('row').filter({ hasText: '每日扣费' })
      await expect.poll(async () => (await charge.textContent()) ?? '').toMatch(/扣费金额 [\d,]+\.\d{2} 元/)
      expect(await charge.textContent()).not.toContain('（分）')
      expect(await message.textContent()).toMatch(/扣费金额 [\d,]+\.\d{2} 元/)

      const wrap = table.locator('xpath=..')
      const { scroll, client } = await wrap.evaluate((element) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
      }))
      expect(scroll, 'the jobs table is wider than its panel at 1366 px').toBeLessThanOrEqual(client)
      const wrapBox = (await wrap.boundingBox())!
      for (const button of await table.getByRole('button', { name: '立即运行' }).all()) {
        const box = (await button.boundingBox())!
        expect(box.x + box.width, 'a 立即运行 button outside the panel').toBeLessThanOrEqual(
          Math.min(1366, wrapBox.x + wrapBox.width) + 0.5,
        )
      }
      await page.screenshot({ path: screenshotPath('jobs-01-1366'), fullPage: true })
      await page.setViewportSize({ width: 390, height: 844 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      const box = (await charge.getByRole('button', { name: '立即运行' }).boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      await page.screenshot({ path: screenshotPath('jobs-02-390'), fullPage: true })
    },
  )
})
