// 新用户注册 (/register) in a real browser: the first 注册 marks every field that is wrong at once (not only the
// selects), with an error summary at the top that takes the focus, names each field and links to it; a partly filled
// form gets every wrong value marked together, and a corrected field loses its mark on the next 注册.
// Screenshots go to tests/.artifacts/screenshots/register-*.png.
import type { Locator, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

/** Every field an empty form gets wrong, by its label (the region by its province select). */
const REQUIRED = [
  '单位名称（全称）',
  '单位类型',
  '系统类别',
  '省（自治区、直辖市）',
  '统一社会信用代码',
  '单位地址',
  '邮政编码',
  '经办人姓名',
  '经办人身份证号',
  '经办人手机',
  '电子邮箱',
  '短信验证码',
  '用户名',
  '密码',
  '确认密码',
]
/** How the summary names the region. */
const summaryName = (label: string) => (label === '省（自治区、直辖市）' ? '所属区域' : label)

async function openForm(): Promise<{ page: Page; form: Locator }> {
  const page = await people().anonymous()
  await page.goto(`${webUrl}/register`)
  const form = page.getByTestId('register-form')
  await form.getByRole('button', { name: '注册', exact: true }).and(page.locator(':enabled')).waitFor()
  return { page, form }
}

/** The control with exactly this label (a required field's label ends in its " *" marker). */
const field = (form: Locator, label: string) =>
  form.getByLabel(new RegExp(`^${label.replace(/[()（）]/g, '\\$&')}\\s*\\*?$`))
const isMarked = async (form: Locator, label: string) =>
  (await field(form, label).getAttribute('aria-invalid')) === 'true'

describe('新用户注册 form errors', () => {
  it(
    'marks every invalid field on the first empty 注册, with a summary at the top linking to each',
    { timeout: 180_000 },
    async () => {
      const { page, form } = await openForm()
      await form.getByRole('button', { name: '注册', exact: true }).click()
      const summary = page.getByTestId('register-error-summary')
      await summary.waitFor()
      // The summary comes first in the form and takes the focus, so a screen reader and the eye start there.
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
      const summaryTop = (await summary.boundingBox())!.y
      for (const label of REQUIRED) {
        expect(await isMarked(form, label), `${label} is marked`).toBe(true)
        expect((await field(form, label).boundingBox())!.y, `${label} is below the summary`).toBeGreaterThan(summaryTop)
      }
      const links = summary.getByRole('link')
      expect(await links.count()).toBe(REQUIRED.length)
      const texts = await links.allTextContents()
      for (const label of REQUIRED)
        expect(
          texts.some((text) => text.startsWith(summaryName(label))),
          `${label} in the summary`,
        ).toBe(true)
      // Nothing was sent: the API was not asked with an empty form, and no raw text shows.
      expect(await summary.textContent()).not.toMatch(/[A-Za-z]{3,}/)
      await screenshotBothWidths(page, 'register-01-empty-submit')

      // A link takes the person to its field.
      await links.filter({ hasText: '经办人手机' }).click()
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('reg-handlerMobile')
      await links.filter({ hasText: '所属区域' }).click()
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('省（自治区、直辖市）')
    },
  )

  it(
    'marks every wrong value of a partly filled form together, and clears what was corrected',
    { timeout: 180_000 },
    async () => {
      const { page, form } = await openForm()
      await field(form, '单位名称（全称）').fill('清丰县浏览器表单测试局')
      await field(form, '单位类型').selectOption({ label: '党政机关' })
      await field(form, '邮政编码').fill('4573')
      await field(form, '电子邮箱').fill('not-an-address')
      await field(form, '经办人手机').fill('1390000')
      await field(form, '密码').fill('Register2026')
      await field(form, '确认密码').fill('Register2027')
      await form.getByRole('button', { name: '注册', exact: true }).click()
      const summary = page.getByTestId('register-error-summary')
      await summary.waitFor()
      expect(await isMarked(form, '单位名称（全称）')).toBe(false)
      expect(await isMarked(form, '单位类型')).toBe(false)
      for (const label of ['邮政编码', '电子邮箱', '经办人手机', '确认密码', '系统类别', '统一社会信用代码']) {
        expect(await isMarked(form, label), `${label} is marked`).toBe(true)
      }
      expect(await summary.textContent()).toContain('邮政编码应为 6 位数字')
      expect(await summary.textContent()).toContain('两次输入的密码不一致')
      await screenshotBothWidths(page, 'register-02-partly-filled')

      await field(form, '邮政编码').fill('457300')
      await form.getByRole('button', { name: '注册', exact: true }).click()
      await expect.poll(() => isMarked(form, '邮政编码'), { timeout: 30_000 }).toBe(false)
      expect(await isMarked(form, '电子邮箱')).toBe(true)
      expect(await summary.textContent()).not.toContain('邮政编码')
    },
  )
})
