// 单位信息变更 in a real browser (issue 17): 清丰县人民医院 (qfyy) asks at 单位信息 to change its address; while the
// request waits, the public verification page of its badge still shows the old address; its county office (qingfeng)
// sees before → after side by side at 单位信息变更审核 and approves it in the confirmation dialog; then
// /verify/<badge number> and the unit's own page show the new address, and the history says 审核通过.
// Screenshots at 1366 and 390 px go to tests/.artifacts/screenshots/unit-changes-*.png.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import { launchBrowser, logInAs, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { openFromMenu } from '../testkit/menu.ts'

const webUrl = inject('webUrl')
const run = `${Date.now() % 10_000}`
const newAddress = `河南省濮阳市清丰县健康路${run}号`

let browser: Browser
const pages: Page[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const page of pages) await page.context().close()
  await browser?.close()
})

async function loggedIn(username: string, home: string) {
  const page = await logInAs(browser, webUrl, username, home)
  pages.push(page)
  return page
}

async function screenshotBothWidths(page: Page, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: screenshotPath(`unit-changes-${name}-${width}`), fullPage: true })
  }
  await page.setViewportSize({ width: 1366, height: 900 })
}

async function verifiedAddress(page: Page) {
  await page.goto(`${webUrl}/verify/${DEMO_BADGE_NUMBER}`)
  const facts = page.getByTestId('badge-facts')
  await facts.waitFor()
  return (await facts.textContent()) ?? ''
}

describe('单位信息变更: the unit asks, the same-level office approves, /verify shows it', () => {
  let oldAddress: string

  it(
    'qfyy asks to change its address at 单位信息; the request waits with before → after',
    { timeout: 300_000 },
    async () => {
      const page = await loggedIn('qfyy', '/unit')
      await openFromMenu(page, '单位信息')
      await page.waitForURL(`${webUrl}/unit/profile`)
      await page.getByTestId('unit-facts').waitFor()
      oldAddress = (await page.getByTestId('unit-address').textContent()) ?? ''
      expect(oldAddress).toContain('清丰县')
      // The hospital's earlier requests (the accounts journey makes one too) are all decided: none waits.
      await page.getByTestId('unit-change-history').or(page.getByTestId('unit-change-history-empty')).waitFor()
      expect(await page.getByTestId('unit-change-pending').count()).toBe(0)
      await screenshotBothWidths(page, '01-profile')

      await page.getByRole('button', { name: '申请变更' }).click()
      const form = page.getByTestId('unit-change-form')
      await form.waitFor()
      // Nothing changed yet: the form says so instead of sending.
      await page.getByLabel('变更原因').fill('医院整体搬迁至新院区')
      await page.getByRole('button', { name: '提交变更申请' }).click()
      expect(await page.getByTestId('unit-change-error').textContent()).toContain('请至少修改一项单位信息后再提交')

      await page.getByLabel('单位地址').fill(newAddress)
      await screenshotBothWidths(page, '02-form')
      await page.getByRole('button', { name: '提交变更申请' }).click()
      const pending = page.getByTestId('unit-change-pending')
      await pending.waitFor()
      expect(await page.getByTestId('unit-profile-result').textContent()).toContain('等待同级编办审核')
      const changes = pending.getByRole('table')
      expect(await changes.locator('tr').filter({ hasText: '单位地址' }).locator('td').allTextContents()).toEqual([
        oldAddress,
        newAddress,
      ])
      // The facts stay as they are until the office approves.
      expect(await page.getByTestId('unit-address').textContent()).toBe(oldAddress)
      expect(await page.getByRole('button', { name: '申请变更' }).count()).toBe(0)
      // Listed once, under 待审核的变更申请: 变更记录 below holds the decided requests only.
      await page.reload()
      await pending.waitFor()
      await page.getByTestId('unit-change-history').or(page.getByTestId('unit-change-history-empty')).waitFor()
      expect(await page.getByTestId('unit-profile').locator('td', { hasText: newAddress }).count()).toBe(1)
      await screenshotBothWidths(page, '03-pending')

      expect(await verifiedAddress(page)).toContain(oldAddress)
    },
  )

  it('a unit that never asked reads 暂无单位信息变更记录', { timeout: 300_000 }, async () => {
    const page = await loggedIn('qfzf', '/unit')
    await page.goto(`${webUrl}/unit/profile`)
    await page.getByTestId('unit-facts').waitFor()
    expect(await page.getByTestId('unit-change-history-empty').textContent()).toBe('暂无单位信息变更记录')
  })

  it('qingfeng sees before → after at 单位信息变更审核 and approves it', { timeout: 300_000 }, async () => {
    const page = await loggedIn('qingfeng', '/office')
    await openFromMenu(page, '单位信息变更审核')
    await page.waitForURL(`${webUrl}/office/unit-changes`)
    const queue = page.getByTestId('unit-change-review-queue')
    await queue.waitFor()
    const row = queue.locator(':scope > li').filter({ hasText: newAddress })
    expect(await row.count()).toBe(1)
    expect(await row.textContent()).toContain('清丰县人民医院')
    expect(await row.locator('tr').filter({ hasText: '单位地址' }).locator('td').allTextContents()).toEqual([
      oldAddress,
      newAddress,
    ])
    await screenshotBothWidths(page, '04-queue')

    await row.getByRole('button', { name: '通过', exact: true }).click()
    const question = await confirmInDialog(page, '通过')
    expect(question).toContain('清丰县人民医院')
    const result = page.getByTestId('unit-change-review-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('审核通过')
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('审核通过')
    await screenshotBothWidths(page, '05-approved')
  })

  it('/verify shows the new address, and the unit sees it with the history', { timeout: 300_000 }, async () => {
    const page = pages[0]!
    const facts = await verifiedAddress(page)
    expect(facts).toContain(newAddress)
    expect(facts).not.toContain(oldAddress)
    await screenshotBothWidths(page, '06-verify')

    await page.goto(`${webUrl}/unit/profile`)
    await page.getByTestId('unit-facts').waitFor()
    expect(await page.getByTestId('unit-address').textContent()).toBe(newAddress)
    expect(await page.getByTestId('unit-change-pending').count()).toBe(0)
    const history = page.getByTestId('unit-change-history')
    await history.waitFor()
    expect(await history.textContent()).toContain('审核通过')
    await screenshotBothWidths(page, '07-history')
  })
})
