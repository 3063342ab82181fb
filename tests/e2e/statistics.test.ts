// 区域统计 (issue 8) in a real browser: the 河南省 office opens 统计分析, sees its province with the API's own numbers,
// drills down 河南省 → 濮阳市 → 清丰县 (the last level: only 合计), picks a time range (kept in the URL) and exports
// the table as CSV, whose 合计 row has the screen's numbers (the screen shows the columns a group at a time, and
// money with thousands separators). The 濮阳市 office cannot open 河北省, and a unit user has no
// 统计分析 entry. Screenshots go to tests/.artifacts/screenshots/statistics-*.png.
import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { mainMenu, menuLinks, openFromMenu } from '../testkit/menu.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

const UnitTotal = graphql(`
  query E2eStatisticsUnitTotal($regionCode: String, $from: DateTime, $to: DateTime) {
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      region {
        code
        name
      }
      units {
        total
      }
    }
  }
`)

/** 单位数 of a region as the API answers it to this session (the range as ISO instants, or all time). */
async function apiUnitTotal(
  cookie: string,
  regionCode: string,
  range: { from?: string; to?: string } = {},
): Promise<number> {
  const data = await mustPost(apiUrl, UnitTotal, { regionCode, from: range.from ?? null, to: range.to ?? null }, cookie)
  expect(data.regionStatistics.region.code).toBe(regionCode)
  return data.regionStatistics.units.total
}

/** A person logged in through the portal's login page, whose downloads are kept. */
async function person(username: string, home: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  await logInThroughPortal(page, webUrl, username, home)
  return page
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: screenshotPath(`statistics-${name}`), fullPage: true })
const breadcrumb = (page: Page) => page.getByTestId('statistics-breadcrumb')
const childrenTable = (page: Page) => page.getByTestId('statistics-children')
const params = (page: Page) => new URL(page.url()).searchParams

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim()
}

/**
 * The 下级地区 table's header cells and its 合计 row's cells, every column group in turn (the screen shows 地区,
 * 地区代码 and one group at a time), in the order of the table's first appearance of each column.
 */
async function shownTotals(page: Page): Promise<{ header: string[]; total: string[] }> {
  const cells = new Map<string, string>()
  const groups = page.getByRole('group', { name: '下级地区的列' }).getByRole('button')
  for (let index = 0; index < (await groups.count()); index++) {
    await groups.nth(index).click()
    await expect.poll(() => groups.nth(index).getAttribute('aria-pressed')).toBe('true')
    const header = (await childrenTable(page).locator('thead th').allTextContents()).map((cell) => cell.trim())
    const total = (await page.getByTestId('statistics-total-row').locator('th, td').allTextContents()).map((cell) =>
      cell.trim(),
    )
    header.forEach((column, at) => cells.set(column, total[at] ?? ''))
  }
  return { header: [...cells.keys()], total: [...cells.values()] }
}

/** A cell as the export writes it: money without thousands separators. */
const exported = (cell: string) => (/^-?[\d,]+\.\d{2}$/.test(cell) ? cell.replace(/,/g, '') : cell)

/** The cells of one CSV line (RFC 4180 quoting). */
function csvCells(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else cell += char
  }
  cells.push(cell)
  return cells
}

describe('区域统计 (issue 8)', () => {
  it(
    'the province office drills down 河南省 → 濮阳市 → 清丰县, picks a range and exports what it sees',
    { timeout: 180_000 },
    async () => {
      const cookie = await sessionCookie(apiUrl, 'henan')
      const page = await person('henan', '/office')

      // 1. 统计分析 opens the office's own province, all time: 单位数 is the API's number for 410000.
      await openFromMenu(page, '统计分析')
      await page.waitForURL(`${webUrl}/office/statistics`)
      await page.getByRole('heading', { name: '区域统计' }).waitFor()
      await expect.poll(() => text(page, 'statistics-breadcrumb')).toBe('河南省')
      expect(await text(page, 'kpi-units')).toBe(String(await apiUnitTotal(cookie, '410000')))
      // The note says which numbers ignore the range.
      expect(await text(page, 'statistics-range-note')).toContain('不受时间范围影响')
      // Charts are drawn (or say there is no data), and the 审核时效 table has a row per level.
      await page.getByTestId('chart-domain-status').locator('[data-chart-state="ready"] svg, .empty').first().waitFor()
      expect(await page.getByTestId('statistics-turnaround').locator('tbody tr').count()).toBe(3)
      const provinceLink = childrenTable(page).getByRole('link', { name: '濮阳市', exact: true })
      await provinceLink.waitFor()
      await shot(page, '01-province')

      // 2. Drill down to 濮阳市: the URL carries the region, the breadcrumb grows, its counties are listed.
      await provinceLink.click()
      await page.waitForURL((url) => url.searchParams.get('region') === '410900')
      await expect.poll(() => text(page, 'statistics-breadcrumb')).toBe('河南省 › 濮阳市')
      for (const county of ['清丰县', '南乐县'])
        await childrenTable(page).getByRole('link', { name: county, exact: true }).waitFor()
      expect(await text(page, 'kpi-units')).toBe(String(await apiUnitTotal(cookie, '410900')))
      await shot(page, '02-city')

      // 3. Drill down to 清丰县: the last level, only 合计, which is the API's number for 410922.
      await childrenTable(page).getByRole('link', { name: '清丰县', exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('region') === '410922')
      await expect.poll(() => text(page, 'statistics-breadcrumb')).toMatch(/^河南省 › 濮阳市 › 清丰县$/)
      expect(await text(page, 'statistics-no-children')).toContain('已是最末级地区')
      expect(await childrenTable(page).locator('tbody tr').count()).toBe(0)
      const county = await shownTotals(page)
      expect(county.total[0]).toBe('合计')
      expect(county.total[county.header.indexOf('地区代码')]).toBe('410922')
      expect(county.total[county.header.indexOf('单位数')]).toBe(String(await apiUnitTotal(cookie, '410922')))
      await shot(page, '03-county')

      // A crumb goes back up the tree.
      await breadcrumb(page).getByRole('link', { name: '濮阳市' }).click()
      await page.waitForURL((url) => url.searchParams.get('region') === '410900')
      await childrenTable(page).getByRole('link', { name: '清丰县', exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('region') === '410922')
      await page.getByTestId('statistics-no-children').waitFor()

      // 4. A time range: the form puts it in the URL (Beijing days), and the numbers follow the API for that range.
      await page.getByLabel('起始日期').fill('2024-01-01')
      await page.getByLabel('截止日期').fill('2026-12-31')
      await page.getByRole('button', { name: '查询' }).click()
      await page.waitForURL(
        (url) => url.searchParams.get('from') === '2024-01-01' && url.searchParams.get('to') === '2026-12-31',
      )
      expect(params(page).get('region')).toBe('410922')
      const range = { from: '2023-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' } // [2024-01-01, 2027-01-01) +08:00
      await expect.poll(() => text(page, 'kpi-units')).toBe(String(await apiUnitTotal(cookie, '410922', range)))
      const ranged = await shownTotals(page)
      expect(ranged.total[ranged.header.indexOf('单位数')]).toBe(String(await apiUnitTotal(cookie, '410922', range)))
      await shot(page, '04-range')

      // 5. 导出 CSV: the same region and range; the file has the screen's columns and its 合计 row equals the screen.
      const csvLink = page.getByRole('link', { name: '导出 CSV' })
      const href = (await csvLink.getAttribute('href'))!
      const exportUrl = new URL(href, webUrl)
      expect(exportUrl.pathname).toBe('/exports/region-statistics.csv')
      expect(Object.fromEntries(exportUrl.searchParams)).toEqual({ regionCode: '410922', ...range })
      expect(await page.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toBe(
        href.replace('region-statistics.csv', 'region-statistics.xlsx'),
      )
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()])
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '')
      const lines = csv.split(/\r?\n/).filter(Boolean).map(csvCells)
      expect(lines[0]).toEqual(ranged.header)
      const fileTotal = lines.find((cells) => cells[0] === '合计')
      expect(fileTotal, 'a 合计 row in the CSV').toBeDefined()
      expect(fileTotal![ranged.header.indexOf('单位数')]).toBe(ranged.total[ranged.header.indexOf('单位数')])
      expect(fileTotal).toEqual(ranged.total.map(exported))
      expect(lines).toHaveLength(2) // a county: the header and 合计

      // 6. 全部时间 drops the range from the URL again.
      await page.getByRole('link', { name: '全部时间' }).click()
      await page.waitForURL(
        (url) =>
          url.searchParams.get('region') === '410922' && !url.searchParams.has('from') && !url.searchParams.has('to'),
      )
      await expect.poll(() => text(page, 'kpi-units')).toBe(String(await apiUnitTotal(cookie, '410922')))
    },
  )

  it('the 濮阳市 office cannot open another province: the API’s message, no figures', async () => {
    const page = await person('puyang', '/office')
    await page.goto(`${webUrl}/office/statistics?region=130000`)
    const error = page.getByTestId('statistics-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('只能查看本编办辖区内的统计')
    expect(await page.getByTestId('statistics-children').count()).toBe(0)
    expect(await page.getByTestId('statistics-kpis').count()).toBe(0)
    await shot(page, '05-forbidden')
  })

  it('a unit user has no 统计分析 entry and cannot open the page', async () => {
    const page = await person('qfzf', '/unit')
    await mainMenu(page).waitFor()
    expect(await menuLinks(page, '统计分析').count()).toBe(0)
    await page.goto(`${webUrl}/office/statistics`)
    await page.waitForURL(`${webUrl}/unit`)
    expect(await page.getByTestId('statistics-kpis').count()).toBe(0)
  })
})
