// 经办人交接 started by an office (issue 17): a city-level unit's handler has left, so 濮阳市编办's 管理员 (py-admin)
// names the new handler from 单位账号管理; the new handler completes it with the emailed link and the SMS code, as on
// the unit's own handover; the row then shows the new handler. Its 审核员 (py-shenhe) sees the unit's row but no
// 经办人交接 (the API refuses a 审核员 too: a reviewer could otherwise name their own mobile and take the account).
// The unit is freshly registered: a handover replaces the account's person and password, which other tests rely on.
// Screenshots: tests/.artifacts/screenshots/office-handover-*.png (1366 and 390 px).
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { cityUnitInput, registerFreshUnit } from '../testkit/freshUnit.ts'
import {
  linkFromOutbox,
  peopleOfThisFile,
  rowWith,
  screenshotBothWidths,
  smsCodeFromOutbox,
} from '../testkit/portal.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { freshMobile } from '../testkit/registration.ts'
import { describeViolations, portalViolations } from './axe.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)

const NEW_PASSWORD = 'Office-relay-lantern-7'

/** 单位账号管理, searched down to the unit's row. */
async function unitRow(page: Page, unitName: string) {
  await page.goto(`${webUrl}/office/units`)
  await page.getByLabel('单位名称、用户名或姓名').fill(unitName)
  await page.getByRole('button', { name: '查询' }).click()
  const row = rowWith(page.getByTestId('accounts'), unitName)
  await expect.poll(() => row.count()).toBe(1)
  return row
}

describe('经办人交接 by the same-level office', () => {
  it(
    'py-admin starts it from 单位账号管理, the new handler completes it by link, the row shows them; py-shenhe has no button',
    { timeout: 300_000 },
    async () => {
      const unit = await registerFreshUnit(await people().anonymous(), webUrl, apiUrl, cityUnitInput())

      // 审核员: the row is there (协助重置密码), 经办人交接 is not.
      const reviewer = await people().loggedIn('py-shenhe')
      const reviewerRow = await unitRow(reviewer, unit.name)
      await reviewerRow.getByRole('button', { name: '协助重置密码' }).waitFor()
      expect(await reviewerRow.getByRole('button', { name: '经办人交接' }).count()).toBe(0)

      // 管理员 of the same-level office.
      const admin = await people().loggedIn('py-admin')
      // A county unit of the subtree is 清丰县编办's to help: no button on its row.
      const county = await unitRow(admin, '清丰县人民政府办公室')
      expect(await county.getByRole('button', { name: '经办人交接' }).count()).toBe(0)
      const row = await unitRow(admin, unit.name)
      await row.getByRole('button', { name: '经办人交接' }).click()
      const panel = admin.getByTestId('office-handover-panel')
      await panel.getByRole('heading', { name: '经办人交接' }).waitFor()
      expect(await panel.textContent()).toContain(unit.name)
      await screenshotBothWidths(admin, 'office-handover-01-form')

      // A wrong ID number is refused beside its field before anything is sent.
      const next = { name: '钱接任', mobile: freshMobile(), email: `office-handover-${Date.now()}@example.cn` }
      const form = panel.getByTestId('handover-form')
      await form.getByLabel('新经办人姓名').fill(next.name)
      await form.getByLabel('身份证号').fill('410900199001010000')
      await form.getByLabel('手机号码').fill(next.mobile)
      await form.getByLabel('电子邮箱').fill(next.email)
      await form.getByRole('button', { name: '发起交接' }).click()
      await panel.getByTestId('handover-error').waitFor()
      await screenshotBothWidths(admin, 'office-handover-02-refused')
      await form.getByLabel('身份证号').fill(makeIdNumber('410900'))
      await form.getByRole('button', { name: '发起交接' }).click()
      const question = await confirmInDialog(admin, '发起交接')
      expect(question).toContain(unit.name)
      expect(question).toContain(next.email)

      // The pending handover: on the panel (with 取消交接, the starter's) and on the row.
      await panel.getByTestId('handover-pending').waitFor()
      await expect
        .poll(() => panel.getByTestId('office-handover-result').textContent())
        .toContain(`确认链接已发送至 ${next.email}`)
      await panel.getByRole('button', { name: '取消交接' }).waitFor()
      await row.getByRole('button', { name: '交接待确认' }).waitFor()
      expect(describeViolations(await portalViolations(admin), '/office/units (handover)')).toBe('')
      await screenshotBothWidths(admin, 'office-handover-03-pending')

      // The new handler completes it in a browser of their own.
      const heir = await people().anonymous()
      await heir.goto(await linkFromOutbox(heir, webUrl, next.email, '/handover'))
      const complete = heir.getByTestId('complete-handover-form')
      await complete.getByLabel('短信验证码').fill(await smsCodeFromOutbox(heir, webUrl, next.mobile))
      await complete.locator('#handover-newPassword').fill(NEW_PASSWORD)
      await complete.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await complete.getByRole('button', { name: '确认交接' }).click()
      await heir.getByTestId('handover-done').waitFor()

      // The row now names the new handler; nothing waits any more.
      const after = await unitRow(admin, unit.name)
      await expect.poll(() => after.textContent()).toContain(next.name)
      expect(await after.textContent()).not.toContain(unit.handlerName)
      await after.getByRole('button', { name: '经办人交接' }).waitFor()
      await screenshotBothWidths(admin, 'office-handover-04-done')

      // The new handler signs in with the unit's login.
      await logInThroughPortal(heir, webUrl, unit.username, '/unit', NEW_PASSWORD)
    },
  )
})
