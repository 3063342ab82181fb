// The browser journey of issue 17, one chain through the portal: CONAC creates 清丰县编办's administrator, who
// activates from the emailed link, signs in with the SMS code and creates a 审核员; the clerk activates, signs in
// with the SMS code and approves a new unit's domain (编办审核通过), and has no 收费; that unit resets its forgotten
// password by SMS, hands over to a new handler, and a 单位信息 change of 清丰县人民医院 is approved by the clerk and
// shows on /verify. Each step is one test and builds on the ones before it (vitest runs them in order).
// Only what a person would read elsewhere (the email, the SMS) comes from the development outbox; the fresh unit is
// registered through the API as the registration form would (testkit/freshUnit.ts).
// The clerk's 单位信息 review is of 清丰县人民医院 (qfyy): the only unit with a badge, hence a /verify page, that a
// browser test can reach without the whole site-review path; its password is not touched.
// Screenshots: tests/.artifacts/screenshots/accounts-journey-*-{1366,390}.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { mainMenu, openFromMenu } from '../testkit/menu.ts'
import {
  linkFromOutbox,
  logInWithSmsCode,
  peopleOfThisFile,
  rowWith,
  screenshotBothWidths,
  smsCodeFromOutbox,
} from '../testkit/portal.ts'
import {
  activateWithSmsCode,
  chooseOfficeAtOfficeAdmins,
  createAccountInPortal,
  newStaff,
  openActivationLink,
  submitActivationPassword,
} from '../testkit/portalAccounts.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { freshMobile } from '../testkit/registration.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)

const STEP_TIMEOUT = { timeout: 600_000 }
const run = `${Date.now() % 1_000_000}`
const admin = newStaff('qf-admin', '赵管理')
const clerk = newStaff('qf-shenhe', '钱审核')
const ADMIN_PASSWORD = 'Willow-ferry-lantern-31'
const CLERK_PASSWORD = 'Copper-kettle-meadow-58'
const UNIT_NEW_PASSWORD = 'Granary-bridge-sunrise-7'
const HEIR_PASSWORD = 'Orchard-relay-compass-4'
const domainName = `清丰审核${run}`
const fullDomain = `${domainName}.政务`
const heir = { name: '孙接任', mobile: freshMobile(), email: `journey-heir-${run}@example.cn` }
const newHospitalAddress = `河南省濮阳市清丰县旅程路${run}号`

const shot = (page: Page, name: string) => screenshotBothWidths(page, `accounts-journey-${name}`)

/** What the steps hand on: the pages of the people, the fresh unit's form. */
const journey: { adminPage?: Page; clerkPage?: Page; unitPage?: Page; unit?: RegisterUnitInput } = {}

function handedOn<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier step of the journey did not get as far as ${what}`)
  return value
}

describe('issue 17 journey: accounts, roles and sign-in', () => {
  it('1. CONAC creates 清丰县编办’s administrator at 编办管理员', STEP_TIMEOUT, async () => {
    const conac = await people().loggedIn('conac')
    await openFromMenu(conac, '编办管理员')
    await conac.waitForURL(`${webUrl}/conac/office-admins`)
    await chooseOfficeAtOfficeAdmins(conac, ['河南省', '濮阳市', '清丰县'])
    await createAccountInPortal(conac, admin, [])
    const row = rowWith(conac.getByTestId('accounts'), admin.username)
    await row.filter({ hasText: '待激活' }).waitFor()
    expect(await row.textContent()).toContain('管理员')
    await shot(conac, '01-conac-created-admin')
  })

  it('2. the administrator activates from the emailed link and signs in with the SMS code', STEP_TIMEOUT, async () => {
    const page = await people().anonymous()
    await openActivationLink(page, webUrl, admin)
    await shot(page, '02-admin-activation-link')
    await submitActivationPassword(page, ADMIN_PASSWORD)
    await page.getByTestId('activation-done').waitFor()

    // New staff accounts sign in with the second factor: 双重验证 asks for the SMS code after the password.
    await logInWithSmsCode(page, webUrl, admin, ADMIN_PASSWORD)
    await page.waitForURL(`${webUrl}/office`)
    await expect.poll(() => page.getByTestId('office-role').allTextContents()).toEqual(['管理员'])
    await shot(page, '03-admin-home')
    journey.adminPage = page
  })

  it('3. the administrator creates a 审核员 at 本办用户', STEP_TIMEOUT, async () => {
    const page = handedOn(journey.adminPage, 'the administrator signing in')
    await openFromMenu(page, '本办用户')
    await page.waitForURL(`${webUrl}/office/users`)
    await createAccountInPortal(page, clerk, ['审核员'])
    await rowWith(page.getByTestId('accounts'), clerk.username)
      .filter({ hasText: '审核员' })
      .filter({ hasText: '待激活' })
      .waitFor()
    await shot(page, '04-admin-created-clerk')
  })

  it('4. the 审核员 activates, signs in with the SMS code and approves a new unit’s domain', STEP_TIMEOUT, async () => {
    // A unit of 清丰县 applies for a domain in the portal: it waits for 清丰县编办's review.
    const unitPage = await people().anonymous()
    const unit = await registerFreshUnit(unitPage, webUrl, apiUrl)
    await logInThroughPortal(unitPage, webUrl, unit.username, '/unit', unit.password)
    await openFromMenu(unitPage, '我的域名')
    await unitPage.waitForURL(`${webUrl}/unit/domains`)
    const apply = unitPage.getByTestId('apply-domain-form')
    await apply.getByLabel('域名').fill(domainName)
    await expect.poll(() => apply.getByTestId('domain-availability').textContent()).toContain('可以申请')
    await apply.getByRole('button', { name: '提交申请' }).click()
    await apply.getByText(`已提交域名申请 ${fullDomain}`).waitFor()
    const mine = rowWith(unitPage.getByTestId('my-domains'), fullDomain)
    await expect.poll(() => mine.getByTestId('domain-status').textContent()).toBe('待审核')
    journey.unit = unit
    journey.unitPage = unitPage

    // The clerk activates with the login name and the SMS code, then signs in with the second factor.
    const page = await people().anonymous()
    await activateWithSmsCode(page, webUrl, clerk, CLERK_PASSWORD)
    await logInWithSmsCode(page, webUrl, clerk, CLERK_PASSWORD)
    await page.waitForURL(`${webUrl}/office`)
    await expect.poll(() => page.getByTestId('office-role').allTextContents()).toEqual(['审核员'])
    journey.clerkPage = page

    // 待审核域名: the unit's application, 通过 after the confirmation.
    await openFromMenu(page, '待审核域名')
    await page.waitForURL(`${webUrl}/office/domains/review`)
    const queued = rowWith(page.getByTestId('review-queue'), fullDomain)
    expect(await queued.textContent()).toContain(unit.name)
    await shot(page, '05-clerk-review-queue')
    await queued.getByRole('button', { name: '通过', exact: true }).click()
    expect(await confirmInDialog(page, '通过')).toContain(fullDomain)
    await page.getByText(`${fullDomain} 编办审核通过，已通知申请单位。`).waitFor()
    await queued.waitFor({ state: 'detached' })
    await shot(page, '06-clerk-approved')

    // The domain has moved on: 编办审核通过 at 域名查询 and on the unit's own list.
    await openFromMenu(page, '域名查询')
    await page.waitForURL(`${webUrl}/office/domains`)
    await rowWith(page.getByTestId('domain-search-results'), fullDomain).filter({ hasText: '编办审核通过' }).waitFor()
    await unitPage.reload()
    await expect.poll(() => mine.getByTestId('domain-status').textContent()).toBe('编办审核通过')
    await shot(unitPage, '07-unit-domain-office-approved')

    // A 审核员 collects no fees: no 收费 or 缴费 in the menu, and the fee page's address says 无权限 and names 财务.
    expect(
      await mainMenu(page)
        .getByRole('link', { name: /收费|缴费/, includeHidden: true })
        .count(),
    ).toBe(0)
    expect(await mainMenu(page).getByText('财务管理', { exact: true }).count()).toBe(0)
    await page.goto(`${webUrl}/office/fees`)
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '权限' }).waitFor()
    const refusal = (await page.locator('main').textContent()) ?? ''
    expect(refusal).toContain('无权限')
    expect(refusal).toContain('此页面需要「财务」角色，您的角色：审核员')
    expect(await page.getByRole('button', { name: /收费/ }).count()).toBe(0)
    await shot(page, '08-clerk-fees-no-permission')
  })

  it(
    '5. the unit forgets its password: a code by SMS at 忘记密码, a new password, signed in',
    STEP_TIMEOUT,
    async () => {
      const unit = handedOn(journey.unit, 'the unit registering')
      const page = await people().anonymous()
      await page.goto(`${webUrl}/login`)
      await page.getByTestId('forgot-password-link').click()
      await page.waitForURL(`${webUrl}/forgot-password`)
      const form = page.getByTestId('forgot-password-form')
      await form.getByLabel('用户名').fill(unit.username)
      await form.getByRole('button', { name: '获取验证码' }).click()
      await expect
        .poll(() => form.locator('.reg-help').first().textContent())
        .toContain('若账号存在，验证码已发送至其登记的手机和邮箱')
      await form.getByLabel('短信验证码').fill(await smsCodeFromOutbox(page, webUrl, unit.handlerMobile))
      await form.locator('#reset-newPassword').fill(UNIT_NEW_PASSWORD)
      await form.getByLabel('确认新密码').fill(UNIT_NEW_PASSWORD)
      await shot(page, '09-unit-forgot-password')
      await form.getByRole('button', { name: '重置密码' }).click()
      await page.getByTestId('reset-password-done').waitFor()
      await shot(page, '10-unit-password-reset')

      // The session the unit had open before is gone; the new password signs in.
      const before = handedOn(journey.unitPage, 'the unit signing in')
      await before.goto(`${webUrl}/unit`)
      await before.waitForURL((url) => url.pathname.startsWith('/login'))
      await page.getByTestId('reset-password-login').click()
      await logInThroughPortal(page, webUrl, unit.username, '/unit', UNIT_NEW_PASSWORD)
      expect(await page.getByTestId('org-name').textContent()).toBe(unit.name)
      journey.unitPage = page
    },
  )

  it('6. the unit hands over to a new handler (经办人交接), who completes it', STEP_TIMEOUT, async () => {
    const unit = handedOn(journey.unit, 'the unit registering')
    const page = handedOn(journey.unitPage, 'the unit signing in with its new password')
    await openFromMenu(page, '经办人交接')
    await page.waitForURL(`${webUrl}/unit/handover`)
    expect(await page.getByTestId('current-handler').textContent()).toBe(unit.handlerName)
    const form = page.getByTestId('handover-form')
    await form.getByLabel('新经办人姓名').fill(heir.name)
    await form.getByLabel('身份证号').fill(makeIdNumber('410922'))
    await form.getByLabel('手机号码').fill(heir.mobile)
    await form.getByLabel('电子邮箱').fill(heir.email)
    await form.getByRole('button', { name: '发起交接' }).click()
    expect(await confirmInDialog(page, '发起交接')).toContain(heir.email)
    await page.getByTestId('handover-pending').waitFor()
    expect(await rowWith(page.getByTestId('handover-history'), heir.name).textContent()).toContain('待新经办人确认')
    await shot(page, '11-unit-handover-started')

    // The new handler opens the emailed link in a browser of their own and confirms with the SMS code.
    const heirPage = await people().anonymous()
    await heirPage.goto(await linkFromOutbox(heirPage, webUrl, heir.email, '/handover'))
    const complete = heirPage.getByTestId('complete-handover-form')
    expect(await complete.textContent()).toContain(`${heir.name}您好`)
    await complete.getByLabel('短信验证码').fill(await smsCodeFromOutbox(heirPage, webUrl, heir.mobile))
    await complete.locator('#handover-newPassword').fill(HEIR_PASSWORD)
    await complete.getByLabel('确认新密码').fill(HEIR_PASSWORD)
    await complete.getByRole('button', { name: '确认交接' }).click()
    await heirPage.getByTestId('handover-done').waitFor()
    await shot(heirPage, '12-heir-handover-done')

    // The old handler is signed out; the new one signs in with the unit's login and is the handler now.
    await page.goto(`${webUrl}/unit`)
    await page.waitForURL((url) => url.pathname.startsWith('/login'))
    await logInThroughPortal(heirPage, webUrl, unit.username, '/unit', HEIR_PASSWORD)
    await heirPage.goto(`${webUrl}/unit/handover`)
    expect(await heirPage.getByTestId('current-handler').textContent()).toBe(heir.name)
    // 交接记录: 原经办人, 新经办人, 新手机, 发起人 (the old handler, as they were when it started), 状态.
    const record = rowWith(heirPage.getByTestId('handover-history'), heir.name).locator('td')
    expect((await record.allTextContents()).slice(1, 6)).toEqual([
      unit.handlerName,
      heir.name,
      `${heir.mobile.slice(0, 3)}****${heir.mobile.slice(7)}`,
      unit.handlerName,
      '已完成',
    ])
    await shot(heirPage, '13-heir-is-handler')
  })

  it(
    '7. 单位信息: the hospital asks for a new address, the 审核员 approves it, /verify shows it',
    STEP_TIMEOUT,
    async () => {
      const hospital = await people().loggedIn('qfyy')
      await openFromMenu(hospital, '单位信息')
      await hospital.waitForURL(`${webUrl}/unit/profile`)
      const oldAddress = (await hospital.getByTestId('unit-address').textContent()) ?? ''
      await hospital.getByRole('button', { name: '申请变更' }).click()
      await hospital.getByTestId('unit-change-form').waitFor()
      await hospital.getByLabel('单位地址').fill(newHospitalAddress)
      await hospital.getByLabel('变更原因').fill('医院迁至新院区')
      await hospital.getByRole('button', { name: '提交变更申请' }).click()
      await hospital.getByTestId('unit-change-pending').waitFor()
      expect(await hospital.getByTestId('unit-profile-result').textContent()).toContain('等待同级编办审核')
      await shot(hospital, '14-hospital-change-requested')

      const page = handedOn(journey.clerkPage, 'the 审核员 signing in')
      await openFromMenu(page, '单位信息变更审核')
      await page.waitForURL(`${webUrl}/office/unit-changes`)
      const request = page.getByTestId('unit-change-review-queue').locator(':scope > li').filter({
        hasText: newHospitalAddress,
      })
      await request.waitFor()
      expect(await request.locator('tr').filter({ hasText: '单位地址' }).locator('td').allTextContents()).toEqual([
        oldAddress,
        newHospitalAddress,
      ])
      await shot(page, '15-clerk-unit-change-queue')
      await request.getByRole('button', { name: '通过', exact: true }).click()
      expect(await confirmInDialog(page, '通过')).toContain('清丰县人民医院')
      await expect.poll(() => request.textContent()).toContain('审核通过')
      await shot(page, '16-clerk-unit-change-approved')

      // Anyone checking the hospital's badge reads the new address.
      const visitor = await people().anonymous()
      await visitor.goto(`${webUrl}/verify/${DEMO_BADGE_NUMBER}`)
      const facts = visitor.getByTestId('badge-facts')
      await expect.poll(() => facts.textContent()).toContain(newHospitalAddress)
      expect(await facts.textContent()).not.toContain(oldAddress)
      expect(await facts.textContent()).toContain('清丰县人民医院')
      await shot(visitor, '17-verify-new-address')
    },
  )
})
