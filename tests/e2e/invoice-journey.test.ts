// The invoice journey of issue 5 in a real browser: the 清丰县 office asks CONAC for pre-issued invoices (a request
// over the 30,000 yuan cap is refused first), CONAC ships them, the office signs for them and sees its stock
// (提示信息) rise, issues invoices to 清丰县人民医院 from the stock, and voids one — a new record, with the stock unchanged.
// Screenshots go to tests/.artifacts/screenshots/invoice-*.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'

const webUrl = inject('webUrl')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

/** A logged-in person (the portal's confirmation dialogs are answered by clicking, testkit/confirmDialog.ts). */
async function person(username: string, home: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}${home}`)
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`invoice-${name}`), fullPage: true })

/** The stock shown in the 提示信息 notice, once it has loaded. */
async function shownStock(page: Page): Promise<number> {
  const count = page.getByTestId('invoice-stock-count')
  await count.waitFor()
  return Number(await count.textContent())
}

async function waitForStock(page: Page, expected: number) {
  await expect.poll(() => shownStock(page), { timeout: 10_000 }).toBe(expected)
}

function rowWith(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('row').filter({ hasText: text })
}

const tracking = `SF${Date.now()}`
const note = `浏览器测试补开${Date.now() % 100_000}`

describe('invoice journey (issue 5)', () => {
  it('requests, ships, signs, issues from the stock and voids', { timeout: 180_000 }, async () => {
    // 1. 预开发票申请: over the cap first, then 50 sheets.
    const office = await person('qingfeng', '/office')
    await office.goto(`${webUrl}/office/invoices/requests`)
    const before = await shownStock(office)
    await office.getByLabel('发票数量（张）').fill('50')
    await office.getByLabel('票面总额（元）').fill('30000.01')
    await office.getByLabel('邮寄地址').fill('河南省濮阳市清丰县机构编制委员会办公室（浏览器测试）')
    await office.getByRole('button', { name: '发票申请' }).click()
    await office.getByText('不能超过 30,000 元').first().waitFor()
    expect(await office.getByText('已提交预开发票申请').count()).toBe(0)
    await office.getByLabel('票面总额（元）').fill('15000.00')
    await office.getByRole('button', { name: '发票申请' }).click()
    await office.getByText(/已提交预开发票申请：50 张/).waitFor()
    await shot(office, '01-requested')

    // 2. CONAC ships it with a tracking number.
    const conac = await person('conac', '/conac')
    await conac.goto(`${webUrl}/conac/invoices/requests`)
    const pending = rowWith(conac.getByTestId('conac-invoice-pending'), '河南省濮阳市清丰县机构编制委员会办公室')
      .filter({ hasText: '50 张' })
      .last()
    await pending.getByRole('button', { name: '审核通过并寄出' }).click()
    await conac.getByLabel('快递单号').fill(tracking)
    await conac.getByRole('button', { name: '确认寄出' }).click()
    await confirmInDialog(conac, '寄出')
    await rowWith(conac.getByTestId('conac-invoice-requests'), tracking).waitFor()

    // 3. The office signs for it: the stock rises by exactly 50.
    await office.reload()
    const shipped = rowWith(office.getByTestId('office-invoice-requests'), tracking)
    await shipped.getByRole('button', { name: '签收' }).click()
    await confirmInDialog(office, '签收')
    await waitForStock(office, before + 50)
    await expect.poll(() => shipped.textContent()).toContain('已签收')
    await shot(office, '02-signed')

    // 4. 补开发票 to 清丰县人民医院 from the stock: 2 sheets.
    await office.goto(`${webUrl}/office/invoices`)
    await waitForStock(office, before + 50)
    await office.getByLabel('开票单位').selectOption({ label: '清丰县人民医院' })
    await office.getByLabel('开具发票张数').fill('2')
    await office.getByLabel('发票金额（元）').fill('600.00')
    await office.getByLabel('备注（可选）').fill(note)
    await office.getByRole('button', { name: '补开发票' }).click()
    await confirmInDialog(office, '开具')
    await office.getByText('已为 清丰县人民医院 开具发票 2 张，金额 600.00 元。').waitFor()
    await waitForStock(office, before + 48)

    // 5. 作废: a new record pointing at the invoice; the spoiled sheets do not come back.
    const issued = rowWith(office.getByTestId('office-invoices'), note).first()
    await issued.getByRole('button', { name: '作废' }).click()
    await office.getByLabel('作废原因').fill('金额开错，作废重开')
    await office.getByRole('button', { name: '确认作废' }).click()
    await confirmInDialog(office, '作废')
    await rowWith(office.getByTestId('office-invoices'), '作废').first().waitFor()
    await expect
      .poll(() => rowWith(office.getByTestId('office-invoices'), note).first().textContent())
      .toContain('已更正')
    await office.reload()
    await waitForStock(office, before + 48)
    await rowWith(office.getByTestId('office-invoices'), note).first().waitFor()
    await shot(office, '03-voided')

    // 6. 用户发票管理 lists both records, and its Excel export downloads with the same filter.
    await office.goto(`${webUrl}/office/reports/invoices`)
    await rowWith(office.getByTestId('unit-invoices'), note).first().waitFor()
    expect(await rowWith(office.getByTestId('unit-invoices'), '清丰县人民医院').count()).toBeGreaterThanOrEqual(2)
    const excelHref = await office.getByRole('link', { name: '导出 Excel' }).getAttribute('href')
    const excel = await office.context().request.get(`${webUrl}${excelHref}`)
    expect(excel.status()).toBe(200)
    expect(excel.headers()['content-type']).toContain('spreadsheetml')
    expect((await excel.body()).subarray(0, 2).toString('latin1')).toBe('PK') // an OOXML (zip) workbook
    await shot(office, '04-report')

    // 7. The unit sees the invoice and its void among its own records.
    const unit = await person('qfyy', '/unit')
    await unit.goto(`${webUrl}/unit/invoices`)
    const unitRows = rowWith(unit.getByTestId('unit-invoices'), note)
    await unitRows.first().waitFor()
    expect(await unit.locator('body').textContent()).toContain('600.00')

    // 8. 两代一统: the province office opens 濮阳市 and sees 清丰县 among its offices, with the 50 sheets signed for in
    // its stock.
    const province = await person('henan', '/office')
    await province.goto(`${webUrl}/office/province`)
    await province.getByTestId('province-coordination').getByRole('button', { name: '濮阳市', exact: true }).click()
    const qingfengRow = rowWith(province.getByTestId('province-coordination'), '清丰县')
    await qingfengRow.first().waitFor()
    expect(await qingfengRow.first().textContent()).toContain(String(before + 48))
    await shot(province, '05-province')
  })
})
