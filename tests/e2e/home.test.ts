// Home pages are work queues: an office and CONAC see what waits for them as counts that open the list where the
// work is done (and CONAC no list of the country's units); a unit sees its domains with status and expiry, and its
// site applications and badges with the next step.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { screenshotPath } from '../testkit/browser.ts'
import { DESKTOP, PHONE, peopleOfThisFile } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

/** A page logged in as `username`, on its home page `path`. */
async function home(username: string, path: string, viewport = DESKTOP): Promise<Page> {
  const page = await people().loggedIn(username, { viewport })
  await page.waitForURL(`${webUrl}${path}`)
  return page
}

/** The home's work items: the cards of what waits, then the quiet links of the lists with nothing waiting. */
async function workItems(page: Page) {
  await page.getByTestId('work-queue-summary').waitFor()
  const read = (testId: string) =>
    page.getByTestId(testId).evaluateAll((links) =>
      links.map((link) => ({
        label: (link.querySelector('.work-queue-label') ?? link).textContent,
        count: Number(link.getAttribute('data-count')),
        href: link.getAttribute('href'),
      })),
    )
  const cards = await read('work-item')
  const clear = await read('work-item-clear')
  // A card is a to-do: none shows 0, and 暂无待办 is said exactly when there is no card (it once stood beside a
  // card of "0 逾期未安装标识").
  expect(cards.filter((card) => card.count === 0).map((card) => card.label)).toEqual([])
  expect(await page.getByTestId('work-queue-summary').textContent()).toBe(
    cards.length ? `${cards.length} 类事项待处理` : '暂无待办',
  )
  return [...cards, ...clear]
}

/** Items in the order the home lists them when everything waits: cards and quiet links keep that order apart. */
const inOrder = <T extends { label: string | null }>(items: T[], order: string[]): T[] =>
  [...items].sort((a, b) => order.indexOf(a.label!) - order.indexOf(b.label!))

describe('home pages', () => {
  it('an office starts from its work: each count opens the list where it is done', async () => {
    const page = await home('qingfeng', '/office')
    try {
      const items = await workItems(page)
      const expected = [
        ['待审核域名', '/office/domains/review'],
        ['网站开办审核 / 书面材料待确认', '/office/sites/review'],
        ['标识变更待审', '/office/badges/changes'],
        ['待收费单位', '/office/fees'],
        ['待汇款收费', '/office/remittances'],
        ['待签收发票', '/office/invoices/requests'],
        ['逾期未安装标识', '/office/badges/overdue'],
        ['30 天内到期域名', '/office/renewals'],
        ['超过办理时限的审核', '/office/domains/review'],
      ]
      const order = expected.map(([label]) => label!)
      expect(inOrder(items, order).map((item) => [item.label, item.href])).toEqual(expected)
      for (const item of items) expect(Number.isInteger(item.count) && item.count >= 0, item.label!).toBe(true)
      await page.screenshot({ path: screenshotPath('home-work-qingfeng'), fullPage: true })
      // The top bar of an all-role clerk (帐户余额 and the name 清丰县编办 全部角色) stays one row at 1366 px.
      const [name, logout] = await Promise.all([
        page.getByTestId('topbar-user').boundingBox(),
        page.getByRole('button', { name: '退出登录' }).boundingBox(),
      ])
      expect(Math.abs(name!.y + name!.height / 2 - (logout!.y + logout!.height / 2))).toBeLessThan(8)
      // The demo's 清丰县 units wait for payment at their same-level office: the count is theirs, and it opens 收费.
      const due = items.find((item) => item.label === '待收费单位')!
      await page
        .getByTestId(due.count ? 'work-item' : 'work-item-clear')
        .filter({ hasText: '待收费单位' })
        .click()
      await page.waitForURL(`${webUrl}/office/fees`)
      expect(due.count).toBeGreaterThanOrEqual(0)
    } finally {
      await page.context().close()
    }
  }, 180_000)

  it('CONAC sees its queue and the provinces, not a list of the country’s units', async () => {
    const page = await home('conac', '/conac')
    try {
      const items = await workItems(page)
      const order = [
        'CONAC 待审域名',
        '网站复审',
        '待认款汇款单',
        '预开发票待审',
        '逾期未安装标识',
        '超过办理时限的审核',
      ]
      expect(inOrder(items, order).map((item) => item.label)).toEqual(order)
      expect(await page.getByRole('heading', { name: '全国单位' }).count()).toBe(0)
      expect(await page.getByRole('heading', { name: '省级行政区' }).count()).toBe(1)
    } finally {
      await page.context().close()
    }
  }, 180_000)

  it('a unit sees each domain with its status and expiry, and its applications and badges with the next step', async () => {
    const page = await home('qfyy', '/unit', PHONE)
    try {
      const domains = page.getByTestId('unit-home-domains')
      const sites = page.getByTestId('unit-home-sites')
      await sites.waitFor()
      // The demo hospital holds a badge on its micro-site, issued from an approved application.
      expect(await sites.textContent()).toContain('标识 202541092200001')
      expect(await sites.textContent()).toContain('已在网络红页展示') // a micro-site shows its badge: nothing to install
      const domainCount = await domains
        .locator('li')
        .count()
        .catch(() => 0)
      if (domainCount) expect(await domains.textContent()).toMatch(/\.(政务|公益)/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
      await page.screenshot({ path: screenshotPath('home-work-qfyy-phone'), fullPage: true })
    } finally {
      await page.context().close()
    }
  }, 180_000)
})
