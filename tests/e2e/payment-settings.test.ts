// 缴费方式设置 (/office/payment-settings) in a real browser, as 南乐县's office: the form's fields are filled from the
// saved settings when the query answers, 保存 keeps what was typed through the refresh that follows every mutation,
// a reload shows it, and the test puts the seeded text back (later tests see the seed). The top bar shows the
// office's 帐户余额. Screenshots go to tests/.artifacts/screenshots/payment-settings-*.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const SEEDED_DETAILS = '工作日 9:00-17:00 到编办窗口缴费，或转账至上述账户并注明单位名称。'

async function openSettings(page: Page) {
  await page.goto(`${webUrl}/office/payment-settings`)
  await page.getByTestId('payment-settings-form').waitFor()
  // the fields hold the saved settings once the query has answered
  await expect.poll(() => page.getByLabel('开户行').inputValue()).toBe('中国工商银行（演示）')
}

async function saveDetails(page: Page, details: string) {
  await page.getByLabel(/^缴费说明/).fill(details)
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('缴费方式已保存').waitFor()
}

describe('缴费方式设置 (/office/payment-settings)', () => {
  it(
    'shows the saved settings, keeps what 保存 saved through the refresh and a reload',
    { timeout: 180_000 },
    async () => {
      const page = await people().loggedIn('nanle')
      await openSettings(page)
      expect(await page.getByLabel('户名').inputValue()).toContain('南乐县')
      expect(await page.getByLabel('账号').inputValue()).toBe('6222 0000 410923 0001')
      expect(await page.getByLabel(/^缴费说明/).inputValue()).toBe(SEEDED_DETAILS)
      expect(await page.getByTestId('topbar-balance').textContent()).toMatch(/^帐户余额 [\d,]+\.\d\d 元$/)
      await screenshotBothWidths(page, 'payment-settings')

      const changed = '工作日 8:30-17:30 到编办窗口缴费。'
      await saveDetails(page, changed)
      // the refresh after the mutation brings the saved settings back into the form: what was typed
      expect(await page.getByLabel(/^缴费说明/).inputValue()).toBe(changed)
      await openSettings(page)
      expect(await page.getByLabel(/^缴费说明/).inputValue()).toBe(changed)

      await saveDetails(page, SEEDED_DETAILS)
      await openSettings(page)
      expect(await page.getByLabel(/^缴费说明/).inputValue()).toBe(SEEDED_DETAILS)
    },
  )
})
