// 用户管理 as people do it in the portal (issue 17): an administrator fills 新建用户 (at 编办管理员 or 本办用户), and the
// new person activates the account, from the emailed link or with the login name and the SMS code, by setting a
// password. Shared by the accounts browser tests and the accounts journey.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { linkFromOutbox, smsCodeFromOutbox } from './portal.ts'

/** A staff member about to be given an account: the login, name and mobile the administrator types in. */
export interface NewStaff {
  username: string
  name: string
  mobile: string
}

let sequence = 0

/** A staff member with a login and mobile no earlier run used (a rerun against the same API never meets them). */
export function newStaff(loginPrefix: string, name: string): NewStaff {
  const unique = `${Date.now().toString(36).slice(-5)}${++sequence}`
  return { username: `${loginPrefix}-${unique}`, name, mobile: `13${String(Date.now() + sequence).slice(-9)}` }
}

/** Where the account's activation email goes. */
export const staffEmail = (person: NewStaff): string => `${person.username}@example.com`

const REGION_LEVELS = ['省（自治区、直辖市）', '市（地区、州）', '县（市、区）']

/**
 * CONAC at 编办管理员 chooses an office by its region, down as far as the names given (e.g. 河南省, 濮阳市, 清丰县), and
 * waits for the list of that office's administrators.
 */
export async function chooseOfficeAtOfficeAdmins(page: Page, regionNames: string[]): Promise<void> {
  for (const [level, name] of regionNames.entries()) {
    const select = page.getByLabel(REGION_LEVELS[level]!)
    // Each level's options load once the level above is chosen.
    await expect.poll(() => select.locator('option', { hasText: name }).count()).toBe(1)
    await select.selectOption({ label: name })
  }
  await page.getByRole('heading', { name: `${regionNames.at(-1)}编办的管理员` }).waitFor()
}

/** Fills 新建用户 with the person and the role boxes named, presses 创建账号 and waits for the result sentence. */
export async function createAccountInPortal(page: Page, person: NewStaff, roles: string[]): Promise<void> {
  const form = page.getByTestId('new-account-form')
  await form.getByLabel('用户名').fill(person.username)
  await form.getByLabel('姓名').fill(person.name)
  await form.getByLabel('手机号码').fill(person.mobile)
  await form.getByLabel('电子邮箱').fill(staffEmail(person))
  for (const role of roles) await form.getByLabel(role, { exact: true }).check()
  await form.getByRole('button', { name: '创建账号' }).click()
  await expect
    .poll(() => page.getByTestId('create-account-result').textContent())
    .toBe(`已为${person.name}创建账号，激活链接和短信验证码已发送至其邮箱和手机。`)
}

/** Opens the activation link emailed to the person; the page greets them by name. */
export async function openActivationLink(page: Page, webUrl: string, person: NewStaff): Promise<string> {
  const link = await linkFromOutbox(page, webUrl, staffEmail(person), '/activate')
  await page.goto(link)
  await expect.poll(() => page.getByTestId('activation-greeting').textContent()).toContain(person.name)
  return link
}

/** Types the password twice on the activation page and presses 激活账号 (the caller waits for what follows). */
export async function submitActivationPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('设置密码').fill(password)
  await page.getByLabel('确认密码').fill(password)
  await page.getByRole('button', { name: '激活账号' }).click()
}

/** Activates at /activate with the login name and the SMS code instead of the link; waits for 激活成功. */
export async function activateWithSmsCode(page: Page, webUrl: string, person: NewStaff, password: string) {
  await page.goto(`${webUrl}/activate`)
  await page.getByLabel('用户名').fill(person.username)
  await page.getByLabel('短信验证码').fill(await smsCodeFromOutbox(page, webUrl, person.mobile))
  await submitActivationPassword(page, password)
  await page.getByTestId('activation-done').waitFor()
}
