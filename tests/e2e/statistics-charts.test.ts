// 区域统计 as CONAC, a province, a city and a county office see it (issue 15, defect 9): the 近12个月 link is the
// twelve whole months before this one in Beijing time (it equalled 今年 every December); the trend charts are drawn
// by ECharts with one point per month (they drew a single dot when the data fell in one month); amounts read
// 1,800.00 with thousands separators everywhere on the page; the 下级地区 table fits the page at 1366 px and the page
// does not scroll sideways at 390 px. Before the tests, 清丰县's office collects a 6-year registration (1,800 元)
// through the API, so every level has an amount over a thousand yuan this year.
// Screenshots: tests/.artifacts/screenshots/statistics-charts-<login>-*.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { SERIES_COLORS } from '../../web/components/statistics/chartOptions.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser
const contexts: BrowserContext[] = []

const Apply = graphql(`
  mutation E2eStatisticsApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
      unit {
        id
      }
    }
  }
`)
const Review = graphql(`
  mutation E2eStatisticsReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)
const Collect = graphql(`
  mutation E2eStatisticsCollect($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
    }
  }
`)

const FEE_FEN = 180_000 // 6 years at 300 元

beforeAll(async () => {
  browser = await launchBrowser()
  const unit = await sessionCookie(apiUrl, 'qfzf')
  const county = await sessionCookie(apiUrl, 'qingfeng')
  const conac = await sessionCookie(apiUrl, 'conac')
  const applied = await mustPost(
    apiUrl,
    Apply,
    { input: { name: `统计金额${Date.now().toString(36)}`, suffix: 'ZHENGWU', years: 6 } },
    unit,
  )
  const domain = applied.applyForDomain
  const atOffice = await mustPost(
    apiUrl,
    Review,
    { input: { id: domain.id, version: domain.version, decision: 'APPROVE' } },
    county,
  )
  await mustPost(
    apiUrl,
    Review,
    { input: { id: domain.id, version: atOffice.reviewDomain.version, decision: 'APPROVE' } },
    conac,
  )
  const collected = await mustPost(
    apiUrl,
    Collect,
    {
      input: {
        unitId: domain.unit.id,
        domainIds: [domain.id],
        renewalIds: [],
        amountFen: FEE_FEN,
        invoiceCount: 0,
        idempotencyKey: `statistics-charts-${Date.now()}`,
      },
    },
    county,
  )
  expect(collected.collectFee.amountFen).toBe(FEE_FEN)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

/** The Beijing calendar month of an instant shifted by `months`, as [year, month 1-12]. */
function beijingMonth(now: Date, months = 0): [number, number] {
  const beijing = new Date(now.getTime() + 8 * 3_600_000)
  const shifted = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + months, 1))
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1]
}
const pad = (n: number) => String(n).padStart(2, '0')

/** What 近12个月 must ask for today: the first day of the month a year ago to the last day of last month. */
function lastTwelveMonths(now = new Date()) {
  const [fromYear, fromMonth] = beijingMonth(now, -12)
  const [toYear, toMonth] = beijingMonth(now, -1)
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate()
  return { from: `${fromYear}-${pad(fromMonth)}-01`, to: `${toYear}-${pad(toMonth)}-${pad(lastDay)}` }
}

const GROUPED_YUAN = /^-?\d{1,3}(,\d{3})*\.\d{2}$/
const yuanValue = (text: string) => Number(text.replace(/[,\s元]/g, ''))

async function person(username: string, home: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  await logInThroughPortal(page, webUrl, username, home)
  return page
}

interface ChartGeometry {
  /** Per line series (in the order the chart's table lists them): the points its line goes through. */
  linePoints: number[]
  /** Per bar series (in the chart's colour order): how many bars it drew. */
  bars: number[]
}

/**
 * What ECharts drew in a chart's SVG: the lines of the series (ECharts clips them to the plot: the paths of a
 * clipped group, one M/L command per point) and the bars (four-sided paths filled with a series' colour; a bar of
 * 0 is drawn flat, so it is counted too).
 */
async function chartGeometry(chart: Locator): Promise<ChartGeometry> {
  await chart.locator('[data-chart-state="ready"] svg').waitFor()
  return chart.evaluate((figure, colors) => {
    const svg = figure.querySelector('[data-chart-state="ready"] svg')!
    const lines = [...svg.querySelectorAll('g[clip-path] > path')].filter(
      (path) => path.getAttribute('fill') === 'none',
    )
    const linePoints = lines.map((path) => (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0)
    const rectangles = [...svg.querySelectorAll('path')].filter((path) =>
      /^M[\d.\s-]+(l[\d.\s-]+){3}Z$/.test(path.getAttribute('d') ?? ''),
    )
    const bars = colors
      .map((color) => rectangles.filter((path) => path.getAttribute('fill') === color).length)
      .filter((count) => count > 0)
    return { linePoints, bars }
  }, SERIES_COLORS)
}

/** The month rows of a chart's table (for screen readers) and their cells. */
async function chartTable(chart: Locator): Promise<string[][]> {
  const rows = chart.locator('table tbody tr')
  return Promise.all(
    (await rows.all()).map(async (row) => (await row.locator('th, td').allTextContents()).map((cell) => cell.trim())),
  )
}

/** The page does not scroll sideways, and neither does the 下级地区 table inside its panel. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="statistics-children"]') as HTMLElement | null
    const wrap = table?.parentElement
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: table && wrap ? table.scrollWidth - wrap.clientWidth : 0,
    }
  })
}

const VIEWERS = [
  { login: 'conac', home: '/conac', base: '/conac/statistics', region: '全国' },
  { login: 'henan', home: '/office', base: '/office/statistics', region: '河南省' },
  { login: 'puyang', home: '/office', base: '/office/statistics', region: '濮阳市' },
  { login: 'qingfeng', home: '/office', base: '/office/statistics', region: '清丰县' },
] as const

describe('区域统计: 近12个月, ECharts trends, money and the 下级地区 table (issue 15)', () => {
  for (const viewer of VIEWERS) {
    it(`${viewer.login} (${viewer.region})`, { timeout: 300_000 }, async () => {
      const shot = (page: Page, name: string) =>
        page.screenshot({ path: screenshotPath(`statistics-charts-${viewer.login}-${name}`), fullPage: true })
      const page = await person(viewer.login, viewer.home)
      await openFromMenu(page, '统计分析')
      await page.waitForURL(`${webUrl}${viewer.base}`)
      await page.getByTestId('statistics-kpis').waitFor()

      // 1. 近12个月: the twelve whole months before this one, marked as the current choice (今年 is not).
      const expected = lastTwelveMonths()
      await page.getByRole('link', { name: '近12个月' }).click()
      await page.waitForURL(
        (url) => url.searchParams.get('from') === expected.from && url.searchParams.get('to') === expected.to,
      )
      await page.getByTestId('statistics-kpis').waitFor()
      expect(await page.getByRole('link', { name: '近12个月' }).getAttribute('aria-current')).toBe('true')
      expect(await page.getByRole('link', { name: '今年' }).getAttribute('aria-current')).toBeNull()

      // The registration trend (the seed's domains were registered a year ago): a line through 12 monthly points
      // per series, and the table beside it has the same 12 months.
      const domainTrend = page.getByTestId('chart-domain-trend')
      const domainRows = await chartTable(domainTrend)
      expect(domainRows).toHaveLength(12)
      const domainGeometry = await chartGeometry(domainTrend)
      expect(domainGeometry.linePoints).toEqual([12, 12])
      await shot(page, '1366-recent')

      // 2. 今年 (January to this month): the fees are bars, one per series and month; the money reads 1,800.00 元.
      await page.getByRole('link', { name: '今年' }).click()
      await page.waitForURL(
        (url) =>
          url.searchParams.get('from')?.endsWith('-01-01') === true &&
          url.searchParams.get('to')?.endsWith('-12-31') === true,
      )
      await page.getByTestId('statistics-kpis').waitFor()
      const months = beijingMonth(new Date())[1]
      const feeTrend = page.getByTestId('chart-fee-trend')
      const feeRows = await chartTable(feeTrend)
      expect(feeRows).toHaveLength(months)
      expect((await chartGeometry(feeTrend)).bars).toEqual([months, months, months])
      const thisMonth = feeRows.at(-1)!
      expect(thisMonth[1]).toMatch(GROUPED_YUAN)
      expect(yuanValue(thisMonth[1] ?? '')).toBeGreaterThanOrEqual(1800)

      const collected = ((await page.getByTestId('kpi-collected').textContent()) ?? '').trim()
      expect(collected).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2} 元$/)
      expect(yuanValue(collected)).toBeGreaterThanOrEqual(1800)
      for (const id of ['kpi-remitted', 'kpi-charged'])
        expect(((await page.getByTestId(id).textContent()) ?? '').trim()).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2} 元$/)

      // 3. The 下级地区 table fits the page at 1366 px in every view of its columns; its money has separators.
      expect(await overflow(page)).toEqual({ page: 0, table: 0 })
      const views = page.getByRole('group', { name: '下级地区的列' }).getByRole('button')
      const viewCount = await views.count()
      expect(viewCount).toBeGreaterThan(1)
      for (let index = 0; index < viewCount; index++) {
        const view = views.nth(index)
        await view.click()
        await expect.poll(() => view.getAttribute('aria-pressed')).toBe('true')
        expect(await overflow(page), (await view.textContent()) ?? '').toEqual({ page: 0, table: 0 })
      }
      await page.getByRole('group', { name: '下级地区的列' }).getByRole('button', { name: '收费' }).click()
      const total = page.getByTestId('statistics-total-row')
      await total.waitFor()
      const collectedCell = ((await total.locator('[data-column="收费金额（元）"]').textContent()) ?? '').trim()
      expect(collectedCell).toMatch(GROUPED_YUAN)
      expect(yuanValue(collectedCell)).toBeGreaterThanOrEqual(1800)
      await shot(page, '1366-year-fees')

      // 4. 全部时间: at least the last twelve months, ending with this one, however few months hold data.
      await page.getByRole('link', { name: '全部时间' }).click()
      await page.waitForURL((url) => !url.searchParams.has('from') && !url.searchParams.has('to'))
      await page.getByTestId('statistics-kpis').waitFor()
      const [year, month] = beijingMonth(new Date())
      for (const chart of [domainTrend, feeTrend]) {
        const rows = await chartTable(chart)
        expect(rows.length).toBeGreaterThanOrEqual(12)
        expect(rows.at(-1)![0]).toBe(`${year}年${month}月`)
        const geometry = await chartGeometry(chart)
        if (geometry.linePoints.length) expect(geometry.linePoints.every((points) => points === rows.length)).toBe(true)
        else expect(geometry.bars).toEqual([rows.length, rows.length, rows.length])
      }
      await shot(page, '1366-all')

      // 5. A phone, 390 px wide: the page itself does not scroll sideways (the table scrolls inside its panel).
      await page.setViewportSize({ width: 390, height: 844 })
      await page.reload()
      await page.getByTestId('statistics-kpis').waitFor()
      await page.locator('[data-chart-state="ready"] svg').first().waitFor()
      expect((await overflow(page)).page).toBe(0)
      // Every button and link outside the tables lies wholly inside its panel (a table may scroll in its panel).
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('main .panel button, main .panel a')]
          .filter((control) => !control.closest('table'))
          .filter((control) => {
            const box = control.getBoundingClientRect()
            const panel = control.closest('.panel')!.getBoundingClientRect()
            return box.width > 0 && (box.left < panel.left || box.right > panel.right)
          })
          .map((control) => control.textContent?.trim()),
      )
      expect(outside).toEqual([])
      await shot(page, '390-all')
    })
  }
})
