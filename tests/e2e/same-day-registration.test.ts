// Issue 15, defects 3, 4 and 5 in a real browser: a domain of 濮阳市教育局 is approved, paid at the 濮阳市 office and
// remitted (set up through the API); CONAC finds the remittance on 认款 with its 认款 button in view (1366, 1920 and
// 390 px wide, no sideways scrolling), confirms it, and the same day the domain is registered (seed 003: 当日系统自动为
// 已充值单位消费): the row says 已认款 and 已扣费 with no live button, 域名查询 never shows the old 待缴费 again, the unit
// sees 注册成功, and 每日扣费 → 立即执行 says plainly what ran today and what it charged, not "成功 0 项".
// Screenshots: tests/.artifacts/screenshots/same-day-*.png.
import type { Locator, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { screenshotPath } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { approvedDomain, collectFor, remitThisWeek } from '../testkit/feePath.ts'
import { clientNavigate, watchForText } from '../testkit/pageWatch.ts'
import { portalPeople } from '../testkit/portalPeople.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = portalPeople(webUrl)
const person = people.logIn

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`same-day-${name}`), fullPage: true })

/** Takes full-page screenshots at 1366 and 390 px wide (back at 1366 after). */
async function shotsAtBothWidths(page: Page, name: string) {
  await shot(page, `${name}-1366`)
  await page.setViewportSize({ width: 390, height: 844 })
  await shot(page, `${name}-390`)
  await page.setViewportSize({ width: 1366, height: 900 })
}

/**
 * The button is on screen without scrolling sideways: inside the viewport and inside the table's scroll box (a box
 * wider than its container clips what lies beyond), and the page itself does not scroll sideways. `wholeTable`: the
 * table also fits its box, with nothing to scroll to at all.
 */
async function expectReachable(page: Page, table: Locator, button: Locator, { wholeTable }: { wholeTable: boolean }) {
  const width = page.viewportSize()!.width
  const box = (await button.boundingBox())!
  const wrap = table.locator('xpath=..')
  const wrapBox = (await wrap.boundingBox())!
  const where = `at ${width} px: button ${Math.round(box.x)}–${Math.round(box.x + box.width)}, table box ${Math.round(wrapBox.x)}–${Math.round(wrapBox.x + wrapBox.width)}`
  expect(box.x + box.width, where).toBeLessThanOrEqual(Math.min(width, wrapBox.x + wrapBox.width) + 0.5)
  expect(box.x, where).toBeGreaterThanOrEqual(Math.max(0, wrapBox.x) - 0.5)
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `page width at ${width} px`,
  ).toBeLessThanOrEqual(width)
  if (wholeTable) {
    const { scroll, client } = await wrap.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
    }))
    expect(scroll, `the table is wider than its box at ${width} px`).toBeLessThanOrEqual(client)
  }
}

const run = `${Date.now() % 1_000_000}`
const OFFICE = '河南省濮阳市机构编制委员会办公室'

describe('same-day registration (issue 15, defects 3, 4 and 5)', () => {
  it(
    '认款 at 1366 px registers the domain the same day; 立即执行 says what ran and what it charged',
    { timeout: 300_000 },
    async () => {
      await awayFromBeijingMidnight(120_000) // 今天 and the remittance week are China-time days
      const domain = await approvedDomain(apiUrl, {
        unitLogin: 'pyjy',
        officeLogin: 'puyang',
        name: `当日注册${run}`,
        years: 2,
      })
      await collectFor(apiUrl, 'puyang', [domain.id])
      const remittance = await remitThisWeek(apiUrl, 'puyang', `SAME-DAY-${run}`)

      const conac = await person('conac', '/conac')
      // CONAC has seen the domain as 待缴费 in this session (its list is cached in the page).
      await clientNavigate(conac, webUrl, '/conac/domains')
      await conac
        .getByTestId('domain-search-results')
        .getByRole('row')
        .filter({ hasText: domain.fullName })
        .filter({ hasText: '待缴费' })
        .waitFor()

      // Defect 3: the 认款 button is in view at 1366, 1920 and 390 px.
      await clientNavigate(conac, webUrl, '/conac/remittances')
      const table = conac.getByTestId('conac-remittances')
      const row = table.getByRole('row').filter({ hasText: `#${remittance.id}` })
      await row.waitFor()
      expect(await row.textContent()).toContain(OFFICE)
      const confirm = row.getByRole('button', { name: '认款' })
      await expectReachable(conac, table, confirm, { wholeTable: true })
      await conac.setViewportSize({ width: 1920, height: 1000 })
      await expectReachable(conac, table, confirm, { wholeTable: true })
      await conac.setViewportSize({ width: 390, height: 844 })
      await expectReachable(conac, table, confirm, { wholeTable: false })
      await conac.setViewportSize({ width: 1366, height: 900 })
      await shotsAtBothWidths(conac, '01-remittances')

      // 认款 in the 全部 list, where the row stays: it turns 已认款 and 已扣费, with no live button, without a reload.
      await conac.getByRole('tab', { name: '全部' }).click()
      await confirm.click()
      await confirmInDialog(conac, '认款')
      await conac.getByText(`已认款：${OFFICE} 600.00 元。本单 1 项已全部扣费，域名注册或续费已完成。`).waitFor()
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('已认款')
      expect(await row.textContent()).toContain('已扣费 1/1 项')
      expect(await row.getByRole('button').count()).toBe(0)
      await shotsAtBothWidths(conac, '02-confirmed')

      // Defect 4 for 认款: back on 域名查询, the domain is 注册成功 at once, never 待缴费.
      const stale = await watchForText(conac, { row: domain.fullName, text: '待缴费' })
      await conac.goBack()
      await conac.waitForURL(`${webUrl}/conac/domains`)
      await conac
        .getByTestId('domain-search-results')
        .getByRole('row')
        .filter({ hasText: domain.fullName })
        .filter({ hasText: '注册成功' })
        .waitFor()
      expect(await stale.seen(), 'the list showed the old status after 认款').toEqual([])

      // The unit sees 注册成功 today, for two years.
      const unit = await person('pyjy', '/unit')
      await unit.goto(`${webUrl}/unit/domains`)
      const mine = unit.getByTestId('my-domains').getByRole('row').filter({ hasText: domain.fullName })
      expect(await mine.getByTestId('domain-status').textContent()).toBe('注册成功')
      const expiry = /^(\d{4})-(\d{2})-(\d{2})$/.exec(
        ((await mine.getByTestId('domain-expires').textContent()) ?? '').trim(),
      )
      expect(expiry).not.toBeNull()
      expect(
        Math.abs(
          Date.UTC(Number(expiry![1]), Number(expiry![2]) - 1, Number(expiry![3])) -
            (Date.now() + 2 * 365.25 * 86_400_000),
        ),
      ).toBeLessThan(3 * 86_400_000)

      // Defect 5: 立即执行 says plainly what it did. Pressed twice, the second time it certainly ran already today.
      await conac.goto(`${webUrl}/conac/charge-runs`)
      const today = conac.getByTestId('charge-today')
      await today.waitFor()
      await shotsAtBothWidths(conac, '03-charge-runs')
      const runNow = conac.getByRole('button', { name: '立即执行' })
      const message = conac.getByTestId('charge-message')
      await runNow.click()
      await confirmInDialog(conac, '立即执行')
      await expect
        .poll(async () => (await message.textContent()) ?? '')
        .toMatch(/今天（\d{4}-\d{2}-\d{2}）的每日扣费(已执行|已于 .+ 运行过，未重复执行)/)
      await runNow.click()
      await confirmInDialog(conac, '立即执行')
      await expect
        .poll(async () => (await message.textContent()) ?? '')
        .toMatch(/今天（\d{4}-\d{2}-\d{2}）的每日扣费已于 \d{1,2}:\d{2}:\d{2} 运行过，未重复执行/)
      const said = (await message.textContent()) ?? ''
      // Today's charges include this domain's 600.00 元, charged at 认款.
      const total = /今天共扣费 (\d+) 项，共 ([\d,]+\.\d{2}) 元/.exec(said)
      expect(total, said).not.toBeNull()
      expect(Number(total![1])).toBeGreaterThanOrEqual(1)
      expect(Number(total![2]!.replaceAll(',', ''))).toBeGreaterThanOrEqual(600)
      expect(said).not.toContain('成功 0 项')
      expect(await today.textContent()).toMatch(/今天已扣费[1-9]\d* 项，共 [\d,]+\.\d{2} 元/)
      await shotsAtBothWidths(conac, '04-run-now')
    },
  )
})
