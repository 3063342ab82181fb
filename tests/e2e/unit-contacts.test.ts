// 变更联系人 (seed 000 step 4) in a real browser, as every demo unit user (a county 党政机关, a county 事业单位, a city
// 党政机关, a unit of another province): the page renders, the user changes the handler, the landline and the
// handler's mobile (the new number proves itself with the SMS code, read from the development outbox), the change
// survives a reload, and the user changes it back the same way (so later tests see the seeded contacts).
// Screenshots go to tests/.artifacts/screenshots/contacts-*.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths, smsCodeFromOutbox } from '../testkit/portal.ts'
import { freshMobile } from '../testkit/registration.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const UNIT_USERS = [
  { username: 'qfzf', unitName: '清丰县人民政府办公室' },
  { username: 'qfyy', unitName: '清丰县人民医院' },
  { username: 'pyjy', unitName: '濮阳市教育局' },
  { username: 'sjzsl', unitName: '石家庄市水利局' },
]

interface Contacts {
  handlerName: string
  handlerMobile: string
  landline: string
}

async function openContacts(page: Page) {
  await page.goto(`${webUrl}/unit/contacts`)
  await page.getByRole('heading', { name: '变更联系人' }).waitFor()
  // The form is usable once hydrated (保存 is disabled until then).
  await page.getByRole('button', { name: '保存' }).and(page.locator(':enabled')).waitFor()
}

async function shownContacts(page: Page): Promise<Contacts> {
  return {
    handlerName: await page.getByLabel('经办人姓名').inputValue(),
    handlerMobile: await page.getByLabel('经办人手机').inputValue(),
    landline: await page.getByLabel('固定电话').inputValue(),
  }
}

/** Fills the form, proves the new mobile with its SMS code, saves and waits for 已保存. */
async function changeContacts(page: Page, next: Contacts) {
  await page.getByLabel('经办人姓名').fill(next.handlerName)
  await page.getByLabel('固定电话').fill(next.landline)
  await page.getByLabel('经办人手机').fill(next.handlerMobile)
  const codeInput = page.getByLabel('新手机号验证码')
  await codeInput.waitFor()
  await page.getByRole('button', { name: '获取验证码' }).click()
  await page.getByText(/验证码已发送至/).waitFor()
  await codeInput.fill(await smsCodeFromOutbox(page, webUrl, next.handlerMobile))
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByTestId('contacts-saved').waitFor()
  expect(await page.getByTestId('contacts-error').count()).toBe(0)
}

describe('变更联系人 (/unit/contacts)', () => {
  it.each(UNIT_USERS)(
    '$username opens the page and changes the handler, landline and mobile',
    { timeout: 300_000 },
    async ({ username, unitName }) => {
      const page = await people().loggedIn(username)
      await openContacts(page)
      expect(await page.getByTestId('contacts-form').textContent()).toContain(unitName)
      const seeded = await shownContacts(page)
      expect(seeded.handlerMobile).toMatch(/^1\d{10}$/)
      await screenshotBothWidths(page, `contacts-${username}-01-opened`)

      const changed = { handlerName: '赵新经办', handlerMobile: freshMobile(), landline: '0393-7229999' }
      await changeContacts(page, changed)
      await screenshotBothWidths(page, `contacts-${username}-02-saved`)
      await openContacts(page)
      expect(await shownContacts(page)).toEqual(changed)

      await changeContacts(page, seeded)
      await openContacts(page)
      expect(await shownContacts(page)).toEqual(seeded)
    },
  )
})
