// 查看完整号码 in a real browser (issue 17, personal data at rest): 变更联系人 shows the handler's ID number masked; the
// unit user asks for it in full with a reason, sees the 18 characters, and after 60 s the page masks it again.
// Screenshots go to tests/.artifacts/screenshots/pii-reveal-*.png.
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const MASKED = /^[0-9]{6}\*{8}[0-9]{3}[0-9X]$/
const FULL = /^[0-9]{17}[0-9X]$/

describe('查看完整号码', () => {
  it('asks for a reason, shows the full number, and masks it again after 60 s', { timeout: 300_000 }, async () => {
    const page = await people().loggedIn('qfzf')
    await page.goto(`${webUrl}/unit/contacts`)
    await page.getByRole('heading', { name: '变更联系人' }).waitFor()
    await page.getByRole('button', { name: '保存' }).and(page.locator(':enabled')).waitFor()
    const shown = page.getByTestId('contacts-id-number').getByTestId('id-number')
    const masked = (await shown.textContent())!.trim()
    expect(masked).toMatch(MASKED)
    expect(await page.getByLabel('经办人身份证号').inputValue()).toBe(masked)
    await screenshotBothWidths(page, 'pii-reveal-01-masked')

    await page.getByRole('button', { name: '查看完整号码' }).click()
    const dialog = page.getByTestId('reveal-dialog')
    await dialog.getByTestId('reveal-confirm').click()
    await dialog.getByTestId('reveal-problem').waitFor() // no reason: refused in the page, nothing sent
    await dialog.getByLabel('查看原因').fill('核对经办人身份证复印件')
    await screenshotBothWidths(page, 'pii-reveal-02-reason')
    await dialog.getByTestId('reveal-confirm').click()
    await expect.poll(async () => (await shown.textContent())!.trim(), { timeout: 30_000 }).toMatch(FULL)
    const full = (await shown.textContent())!.trim()
    expect(full.slice(0, 6) + '********' + full.slice(14)).toBe(masked)
    await screenshotBothWidths(page, 'pii-reveal-03-shown')

    // Masked again once the 60 s are over (waits on the page, not on a clock).
    await expect
      .poll(async () => (await shown.textContent())!.trim(), { timeout: 120_000, interval: 2_000 })
      .toBe(masked)
    await page.getByRole('button', { name: '查看完整号码' }).waitFor()
  })
})
