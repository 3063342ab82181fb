// 用户管理 in the browser (issue 17): CONAC creates an administrator for 濮阳市 at 编办管理员; the activation link
// arrives by email (read here from the development outbox); the administrator sets a password, logs in and creates
// a 审核员 at 本办用户; that clerk activates with the login name and the SMS code, logs in and sees 待审核域名 but
// no 财务管理. Every page is screenshot at 1366 and 390 px; 单位账号管理 and 单位用户 are opened and screenshot too.
// The browser suite's API runs with the second factor on (demo accounts exempt), so the new accounts sign in with the
// SMS code, as staff would in production.
import { describe, expect, inject, it } from 'vitest'
import { mainMenu, menuLinks, openFromMenu } from '../testkit/menu.ts'
import { logInWithSmsCode, peopleOfThisFile, rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { listLayoutProblems } from '../testkit/pageChecks.ts'
import {
  activateWithSmsCode,
  chooseOfficeAtOfficeAdmins,
  createAccountInPortal,
  newStaff,
  openActivationLink,
  submitActivationPassword,
} from '../testkit/portalAccounts.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const PASSWORD = 'Lantern-harbour-2026'
const admin = newStaff('py-admin', '王管理')
const clerk = newStaff('py-clerk', '李审核')

describe('用户管理: from CONAC to an office clerk', () => {
  it(
    'CONAC creates a 濮阳市 administrator, who activates by link and creates a 审核员, who activates by SMS code',
    { timeout: 600_000 },
    async () => {
      // 1. CONAC → 编办管理员 → 河南省 / 濮阳市 → 新建管理员.
      const conac = await people().loggedIn('conac')
      await openFromMenu(conac, '编办管理员')
      await conac.waitForURL(`${webUrl}/conac/office-admins`)
      await chooseOfficeAtOfficeAdmins(conac, ['河南省', '濮阳市'])
      await createAccountInPortal(conac, admin, [])
      await rowWith(conac.getByTestId('accounts'), admin.username).filter({ hasText: '待激活' }).waitFor()
      await screenshotBothWidths(conac, 'accounts-conac-office-admins')
      expect(await listLayoutProblems(conac)).toEqual([])

      // 2. The activation link from the email → set the password.
      const adminPage = await people().anonymous()
      await openActivationLink(adminPage, webUrl, admin)
      await screenshotBothWidths(adminPage, 'accounts-activate-link')
      // A leaked password is refused on its field, in Chinese.
      await submitActivationPassword(adminPage, 'password123')
      await expect
        .poll(() => adminPage.locator('.field-error').allTextContents())
        .toEqual(['该密码过于常见或已在泄露的密码库中出现，请换一个'])
      await submitActivationPassword(adminPage, PASSWORD)
      await adminPage.getByTestId('activation-done').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-activate-done')

      // 3. The administrator logs in → 本办用户 → creates a 审核员.
      await logInWithSmsCode(adminPage, webUrl, admin, PASSWORD) // a new staff account: the second factor applies
      expect(await menuLinks(adminPage, '本办用户').count()).toBe(1)
      await openFromMenu(adminPage, '本办用户')
      await adminPage.waitForURL(`${webUrl}/office/users`)
      await createAccountInPortal(adminPage, clerk, ['审核员'])
      const clerkRow = rowWith(adminPage.getByTestId('accounts'), clerk.username)
      await clerkRow.filter({ hasText: '审核员' }).filter({ hasText: '待激活' }).waitFor()
      // The administrator's own row offers no action (nobody disables themself).
      await expect
        .poll(() => rowWith(adminPage.getByTestId('accounts'), admin.username).textContent())
        .toContain('本人')
      await screenshotBothWidths(adminPage, 'accounts-office-users')
      // Three buttons a row (修改角色, 停用, 协助重置密码) on one line and in view, 查询 level with its field.
      expect(await listLayoutProblems(adminPage)).toEqual([])
      // 停用 asks for a reason in the row; 取消 leaves the account as it was.
      await clerkRow.getByRole('button', { name: '停用' }).click()
      await adminPage.getByTestId('disable-form').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-office-users-disable-form')
      await adminPage.getByTestId('disable-form').getByRole('button', { name: '取消' }).click()

      // 单位账号管理: the unit accounts of 濮阳市 and below.
      await openFromMenu(adminPage, '单位账号管理')
      await adminPage.waitForURL(`${webUrl}/office/units`)
      await rowWith(adminPage.getByTestId('accounts'), 'qfzf').waitFor()
      await screenshotBothWidths(adminPage, 'accounts-office-units')
      expect(await listLayoutProblems(adminPage)).toEqual([])

      // 4. The clerk activates at /activate with the login name and the SMS code.
      const clerkPage = await people().anonymous()
      await activateWithSmsCode(clerkPage, webUrl, clerk, PASSWORD)
      await screenshotBothWidths(clerkPage, 'accounts-activate-sms')

      // 5. The clerk logs in: 待审核域名 is there, 财务管理 and 用户管理 are not.
      await logInWithSmsCode(clerkPage, webUrl, clerk, PASSWORD)
      await mainMenu(clerkPage).waitFor()
      expect(await menuLinks(clerkPage, '待审核域名').count()).toBe(1)
      expect(await menuLinks(clerkPage, '汇款单').count()).toBe(0)
      expect(await mainMenu(clerkPage).getByText('财务管理', { exact: true }).count()).toBe(0)
      expect(await menuLinks(clerkPage, '本办用户').count()).toBe(0)
      await screenshotBothWidths(clerkPage, 'accounts-clerk-home')
    },
  )

  it(
    'a unit’s primary account opens 单位用户; a dead link says so and offers the SMS code',
    { timeout: 300_000 },
    async () => {
      const unit = await people().loggedIn('qfzf')
      await openFromMenu(unit, '单位用户')
      await unit.waitForURL(`${webUrl}/unit/users`)
      await rowWith(unit.getByTestId('accounts'), 'qfzf').filter({ hasText: '本人' }).waitFor()
      await screenshotBothWidths(unit, 'accounts-unit-users')
      expect(await listLayoutProblems(unit)).toEqual([])

      const stranger = await people().anonymous()
      await stranger.goto(`${webUrl}/activate?token=a_${'x'.repeat(43)}`)
      await stranger.getByTestId('activation-link-dead').waitFor()
      await screenshotBothWidths(stranger, 'accounts-activate-dead-link')
    },
  )
})
