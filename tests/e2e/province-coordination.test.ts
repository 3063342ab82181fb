// 两代一统 in a real browser (issue 15): the province office henan and CONAC open it from the menu and read the
// province by city (地市), each with its subtotals; 濮阳市 opens to its own office and its counties, with the fee the
// 清丰县 office just collected; hiding the offices with nothing in the period is on at first and can be turned off.
// Before, the page was one flat table of every office of the province (175 rows for 河南省, 8,270 px tall, nearly
// all zeros): here the rows shown are counted against the province's office count. Screenshots go to
// tests/.artifacts/screenshots/province-*.png.
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { formatYuan } from '../../web/components/ui/format.ts'
import { graphql } from '../graphql/generated/index.ts'
import { approvedDomain, collectFor } from '../testkit/feePath.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { DESKTOP, PHONE, peopleOfThisFile, rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { axeViolations, describeViolations } from './axe.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)

const Coordination = graphql(`
  query E2eProvinceCoordination($regionCode: String, $hideEmpty: Boolean) {
    provinceCoordination(regionCode: $regionCode, hideEmpty: $hideEmpty) {
      officeCount
      hiddenOfficeCount
      provinceOffice {
        office {
          id
        }
      }
      cities {
        region {
          code
          name
        }
        hiddenOfficeCount
        office {
          office {
            id
          }
        }
        counties {
          office {
            region {
              name
            }
          }
          collectedFen
        }
        subtotals {
          collectedFen
        }
      }
    }
  }
`)

/** What henan's session reads from the API, to hold the screen to. */
async function coordinationOf(hideEmpty: boolean) {
  const henan = await sessionCookie(apiUrl, 'henan')
  return (await mustPost(apiUrl, Coordination, { hideEmpty }, henan)).provinceCoordination
}

let collectedFen = 0

/** 清丰县人民政府办公室 applies for a domain, both levels approve, the 清丰县 office collects the fee. */
beforeAll(async () => {
  const domain = await approvedDomain(apiUrl, {
    unitLogin: 'qfzf',
    officeLogin: 'qingfeng',
    name: `清丰两代一统${String(Date.now() % 1_000_000).padStart(6, '0')}`,
  })
  collectedFen = (await collectFor(apiUrl, 'qingfeng', [domain.id])).amountFen
}, 180_000)

const table = (page: Page) => page.getByTestId('province-coordination')
/** The rows a person sees in the table's body (collapsed cities' offices are in the page but hidden). */
const shownBodyRows = (page: Page) => table(page).locator('tbody > tr:visible')
const cityRows = (page: Page) => table(page).getByTestId('province-coordination-city')
const cityToggle = (page: Page, name: string): Locator => table(page).getByRole('button', { name, exact: true })
/** A city's subtotal row. */
const cityRow = (page: Page, name: string): Locator =>
  cityRows(page).filter({ has: page.getByRole('button', { name, exact: true }) })
const hideEmpty = (page: Page) => page.getByRole('checkbox', { name: '隐藏本期无数据的编办' })

/** The figure cells of a row, in column order (收费笔数, 收费金额, ...). */
async function figuresOf(row: Locator): Promise<string[]> {
  return (await row.locator('td').allTextContents()).map((text) => text.trim())
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, describeViolations(violations, where)).toEqual([])
}

describe('两代一统 by city', () => {
  it(
    'henan reads its province by city, opens 濮阳市 to its counties and hides or shows the quiet offices',
    { timeout: 180_000 },
    async () => {
      const page = await people().loggedIn('henan', { viewport: DESKTOP })
      await openFromMenu(page, '两代一统')
      await page.waitForURL(/\/office\/province$/)

      // Hiding is on: the cities with something to report, the province's own office, and a line saying what is hidden.
      const shown = await coordinationOf(true)
      expect(await hideEmpty(page).isChecked()).toBe(true)
      await cityToggle(page, '濮阳市').waitFor()
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('两代一统 · 河南省')
      expect(await cityRows(page).count()).toBe(shown.cities.length)
      expect(await shownBodyRows(page).count()).toBe(shown.cities.length + (shown.provinceOffice ? 1 : 0))
      expect(await page.getByTestId('province-coordination-hidden').textContent()).toContain(
        `已隐藏本期无数据的 ${shown.hiddenOfficeCount} 个`,
      )
      expect(shown.officeCount).toBeGreaterThan(150)
      expect(await shownBodyRows(page).count()).toBeLessThan(shown.officeCount / 10)

      // 濮阳市's subtotal is the API's, and includes the fee 清丰县 just collected.
      const puyang = shown.cities.find((city) => city.region.code === '410900')!
      expect((await figuresOf(cityRow(page, '濮阳市')))[1]).toBe(formatYuan(puyang.subtotals.collectedFen))
      expect(puyang.subtotals.collectedFen as number).toBeGreaterThanOrEqual(collectedFen)

      // Opening 濮阳市 shows its own office and its counties; the figures are money right-aligned, as 1,800.00.
      const qingfengRow = rowWith(table(page), '清丰县')
      expect(await qingfengRow.isVisible()).toBe(false)
      await cityToggle(page, '濮阳市').click()
      await qingfengRow.waitFor({ state: 'visible' })
      expect(await cityToggle(page, '濮阳市').getAttribute('aria-expanded')).toBe('true')
      const puyangOffices = (puyang.office ? 1 : 0) + puyang.counties.length
      const hiddenNote = puyang.hiddenOfficeCount > 0 ? 1 : 0 // 另有 N 个编办本期无数据，已隐藏
      expect(await shownBodyRows(page).count()).toBe(
        shown.cities.length + (shown.provinceOffice ? 1 : 0) + puyangOffices + hiddenNote,
      )
      const qingfeng = puyang.counties.find((county) => county.office.region.name === '清丰县')!
      expect((await figuresOf(qingfengRow))[1]).toBe(formatYuan(qingfeng.collectedFen))
      expect(
        await qingfengRow
          .locator('td')
          .nth(1)
          .evaluate((cell) => getComputedStyle(cell).textAlign),
      ).toBe('right')
      await expectNoAxeViolations(page, 'henan /office/province, 濮阳市 open')
      await screenshotBothWidths(page, 'province-henan-open')

      // Showing every office: all the cities of the province, still one row each until opened.
      const all = await coordinationOf(false)
      await hideEmpty(page).uncheck()
      await page.getByTestId('province-coordination-hidden').waitFor({ state: 'detached' })
      await expect.poll(() => cityRows(page).count(), { timeout: 60_000 }).toBe(all.cities.length)
      await cityToggle(page, '濮阳市').click() // closes it again
      await expect.poll(() => shownBodyRows(page).count(), { timeout: 60_000 }).toBe(all.cities.length + 1)
      expect(all.cities.length + 1).toBeLessThan(all.officeCount / 5)
      expect(await page.getByTestId('province-coordination-totals').textContent()).toContain(
        `${all.officeCount} 个编办`,
      )
      // At 1366 px every column fits its panel, the longest place name (省直辖县级行政区划) included.
      expect(
        await table(page).evaluate(
          (element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth,
        ),
      ).toBeLessThanOrEqual(0)
      await screenshotBothWidths(page, 'province-henan-all')
    },
  )

  it('CONAC picks 河南省 on a phone and opens 濮阳市 from the keyboard', { timeout: 180_000 }, async () => {
    const page = await people().loggedIn('conac', { viewport: PHONE })
    await openFromMenu(page, '两代一统')
    await page.waitForURL(/\/conac\/province$/)
    await page.getByText('请选择省份后查询').waitFor()
    await page.getByLabel('省份').selectOption({ label: '河南省' })
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await cityToggle(page, '濮阳市').waitFor()
    const shown = await coordinationOf(true)
    expect(await cityRows(page).count()).toBe(shown.cities.length)

    const toggle = cityToggle(page, '濮阳市')
    await toggle.focus()
    await page.keyboard.press('Enter')
    await rowWith(table(page), '清丰县').waitFor({ state: 'visible' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    // The place names stay in view at 390 px; the figures scroll inside the table's own box, not the page.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0)
    const nameCell = rowWith(table(page), '清丰县').locator('th')
    const box = await nameCell.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true)
    await expectNoAxeViolations(page, 'conac /conac/province at 390 px')
    await screenshotBothWidths(page, 'province-conac-phone')

    await page.keyboard.press('Space')
    await rowWith(table(page), '清丰县').waitFor({ state: 'hidden' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  })
})
