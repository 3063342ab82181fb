// 变更联系人 (seed 000 step 4) in a real browser, as every demo unit user (a county 党政机关, a county 事业单位, a city
// 党政机关, a unit of another province): the page renders, the handler's name and mobile are read-only with a link
// to 经办人交接 (issue 17), the user changes the email and the landline, the change survives a reload, and the user
// changes it back (so later tests see the seeded contacts).
// Screenshots go to tests/.artifacts/screenshots/contacts-*.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const UNIT_USERS = [
  { username: 'qfzf', unitName: '清丰县人民政府办公室' },
  { username: 'qfyy', unitName: '清丰县人民医院' },
  { username: 'pyjy', unitName: '濮阳市教育局' },
  { username: 'sjzsl', unitName: '石家庄市水利局' },
]

interface Contacts {
  handlerEmail: string
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
    handlerEmail: await page.getByLabel('电子邮箱').inputValue(),
    landline: await page.getByLabel('固定电话').inputValue(),
  }
}

/** Fills the form, saves and waits for 已保存. */
async function changeContacts(page: Page, next: Contacts) {
  await page.getByLabel('电子邮箱').fill(next.handlerEmail)
  await page.getByLabel('固定电话').fill(next.landline)
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByTestId('contacts-saved').waitFor()
  expect(await page.getByTestId('contacts-error').count()).toBe(0)
}

describe('变更联系人 (/unit/contacts)', () => {
  it.each(UNIT_USERS)(
    '$username opens the page and changes the email and landline; the handler is changed by 经办人交接',
    { timeout: 300_000 },
    async ({ username, unitName }) => {
      const page = await people().loggedIn(username)
      await openContacts(page)
      expect(await page.getByTestId('contacts-form').textContent()).toContain(unitName)
      const seeded = await shownContacts(page)
      expect(await page.getByLabel('经办人手机').inputValue()).toMatch(/^1\d{10}$/)
      expect(await page.getByLabel('经办人姓名').getAttribute('readonly')).not.toBeNull()
      expect(await page.getByLabel('经办人手机').getAttribute('readonly')).not.toBeNull()
      expect(await page.getByTestId('contacts-form').getByRole('link', { name: '经办人交接' }).count()).toBeGreaterThan(
        0,
      )
      await screenshotBothWidths(page, `contacts-${username}-01-opened`)

      const changed = { handlerEmail: `contacts-${username}@example.cn`, landline: '0393-7229999' }
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
