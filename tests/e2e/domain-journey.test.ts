// The main journey of issue 3 in a real browser: a new unit registers (reading its SMS code from the development
// outbox), applies for a .政务 domain for 2 years, the county office and CONAC approve it, the office collects the fee
// and remits the week, CONAC confirms the remittance (which charges the office's recharged balance at once) and
// presses 每日扣费 → 立即执行, and the unit sees 注册成功 with an expiry date two years ahead (then finds the domain
// under 续费 and adds a 域名解析 record). One browser context per person; screenshots of the main steps go to
// tests/.artifacts/screenshots/journey-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { PAGE_TIMEOUT_MS, rowWith } from '../testkit/portal.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import {
  applyForDomainInPortal,
  approveDomainInPortal,
  collectFeeInPortal,
  confirmRemittanceInPortal,
  remitThisWeekInPortal,
} from '../testkit/portalFeePath.ts'

const webUrl = inject('webUrl')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

/** A page in a fresh context (the portal's confirmation dialogs are answered by clicking, testkit/confirmDialog.ts). */
async function newPerson(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  return page
}

async function logIn(page: Page, username: string, password: string, home: string) {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}${home}`)
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`journey-${name}`), fullPage: true })
}

/** This week's Monday and Sunday in China time, as the portal writes dates (zh-CN, e.g. 2026/11/16). */
function chinaWeek(now = new Date()): [string, string] {
  const local = new Date(now.getTime() + 8 * 3_600_000)
  const monday = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() - ((local.getUTCDay() || 7) - 1),
  )
  // The portal writes dates as 2026-11-30 (web/components/ui/format.ts); these are UTC midnights of China dates.
  const text = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return [text(monday), text(monday + 6 * 86_400_000)]
}

const run = `${Date.now() % 1_000_000}`.padStart(6, '0') + String(Math.floor(Math.random() * 1000)).padStart(3, '0')
const creditFirst17 = `11410922${run}`
const idFirst17 = `41092219850615${run.slice(-3)}`
const unit = {
  name: `清丰县浏览器测试局${run}`,
  creditCode: creditFirst17 + creditCodeCheckCharacter(creditFirst17),
  idNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
  mobile: `139${run.slice(-8)}`,
  username: `journey_${run}`,
  password: 'Journey2026',
}
const domainName = `清丰旅程${run}`
const fullName = `${domainName}.政务`
const OFFICE = '河南省濮阳市清丰县机构编制委员会办公室'

describe('domain journey (issue 3)', () => {
  it(
    'registers a unit, applies, reviews, collects, remits, confirms, charges and shows 注册成功',
    { timeout: 270_000 },
    async () => {
      await awayFromBeijingMidnight(120_000) // the remittance week and the day's charge run are China-time calendar units
      // 1. 新用户注册, with the code from the development outbox.
      const unitPage = await newPerson()
      await unitPage.goto(`${webUrl}/register`)
      await unitPage.getByRole('heading', { name: '新用户注册' }).waitFor()
      const form = unitPage.getByTestId('register-form')
      await form.getByLabel('单位名称（全称）').fill(unit.name)
      await form.getByLabel('单位类型').selectOption({ label: '党政机关' })
      await form.getByLabel('系统类别').selectOption({ label: '政府' })
      await form.getByLabel('省（自治区、直辖市）').selectOption({ label: '河南省' })
      await form.getByLabel('市（地区、州）').selectOption({ label: '濮阳市' })
      await form.getByLabel('县（市、区）').selectOption({ label: '清丰县' })
      await form.getByLabel('统一社会信用代码').fill(unit.creditCode)
      await form.getByLabel('上级主管单位').fill('清丰县人民政府')
      await form.getByLabel('单位地址').fill('河南省濮阳市清丰县测试路 1 号')
      await form.getByLabel('邮政编码').fill('457300')
      await form.getByLabel('经办人姓名').fill('王经办')
      await form.getByLabel('经办人身份证号').fill(unit.idNumber)
      await form.getByLabel('经办人手机').fill(unit.mobile)
      await form.getByLabel('电子邮箱').fill('journey@example.com')
      await form.getByLabel(/^用户名/).fill(unit.username)
      await form.getByLabel(/^密码/).fill(unit.password)
      await form.getByLabel('确认密码').fill(unit.password)
      expect(await form.getByTestId('error-creditCode').count()).toBe(0)
      expect(await form.getByTestId('error-handlerIdNumber').count()).toBe(0)
      await form.getByRole('button', { name: '获取验证码' }).click()
      await form.getByText(/验证码已发送至/).waitFor()

      const outbox = await unitPage.context().newPage()
      await outbox.goto(`${webUrl}/dev/outbox`)
      const sms = rowWith(outbox.getByTestId('outbox-table'), unit.mobile).first()
      const code = /\b(\d{6})\b/.exec((await sms.textContent()) ?? '')?.[1]
      expect(code, 'a 6-digit code in the outbox').toMatch(/^\d{6}$/)
      await shot(outbox, '01-outbox')
      await outbox.close()

      await form.getByLabel('短信验证码').fill(code!)
      await shot(unitPage, '02-register-filled')
      await form.getByRole('button', { name: '注册', exact: true }).click()
      await unitPage.getByTestId('register-done').waitFor()
      expect(await unitPage.getByTestId('register-username').textContent()).toBe(unit.username)
      await shot(unitPage, '03-register-done')

      await logIn(unitPage, unit.username, unit.password, '/unit')
      expect(await unitPage.getByTestId('org-name').textContent()).toBe(unit.name)
      expect(await unitPage.getByTestId('region-path').textContent()).toBe('河南省 / 濮阳市 / 清丰县')

      // 2. 申请域名: .政务 (党政机关), 2 years.
      const applied = await applyForDomainInPortal(unitPage, webUrl, { name: domainName, years: 2 })
      expect(applied.fullName).toBe(fullName)
      expect(await applied.row.textContent()).toContain('2 年')
      await shot(unitPage, '04-unit-applied')

      // 3. 编办审核 by qingfeng, then CONAC审核.
      const office = await newPerson()
      await logIn(office, 'qingfeng', DEMO_PASSWORD, '/office')
      await approveDomainInPortal(office, webUrl, {
        by: 'office',
        fullName,
        inspect: async (row) => {
          expect(await row.textContent()).toContain(unit.name)
          await shot(office, '05-office-review')
        },
      })

      const conac = await newPerson()
      await logIn(conac, 'conac', DEMO_PASSWORD, '/conac')
      await approveDomainInPortal(conac, webUrl, {
        by: 'conac',
        fullName,
        inspect: async (row) => {
          expect(await row.getByTestId('office-decision').textContent()).toContain(OFFICE)
          await shot(conac, '06-conac-review')
          // The queue fits the page: 通过 / 不通过 are on screen without scrolling sideways.
          const reject = await row.getByRole('button', { name: '不通过' }).boundingBox()
          expect(reject!.x + reject!.width).toBeLessThanOrEqual(1280)
        },
      })

      // The unit sees what it owes and where to pay.
      await unitPage.goto(`${webUrl}/unit/fees`)
      const due = rowWith(unitPage.getByTestId('unit-fees-due'), fullName)
      expect(await due.textContent()).toContain('600.00')
      expect(await unitPage.getByTestId('unit-payment-settings').textContent()).toContain(OFFICE)
      await shot(unitPage, '06b-unit-fees-due')

      // 4. 收费 (2 × 300.00 元) and this week's 汇款单, by qingfeng.
      await collectFeeInPortal(office, webUrl, {
        unitName: unit.name,
        fullName,
        amount: '600.00',
        inspect: async (row) => expect(await row.textContent()).toContain(`${fullName}（注册2年）`),
        beforeConfirming: () => shot(office, '07-office-collect-confirm'),
      })
      // Collected, waiting for the daily charge (待缴费域名).
      await shot(office, '08-office-collected')

      await remitThisWeekInPortal(office, webUrl, {
        unitName: unit.name,
        inspect: async (row) => {
          // This week, Monday to Sunday in China time.
          const [monday, sunday] = chinaWeek()
          expect(await office.getByTestId('remittance-week').textContent()).toContain(`${monday} — ${sunday}`)
          expect(await row.textContent()).toContain('600.00')
          await shot(office, '09a-office-remittance-due')
        },
      })
      await shot(office, '09-office-remitted')

      // 5. 认款 and 每日扣费 by CONAC. 认款 charges the recharged balance at once: the domain is registered today
      // (seed 003).
      await confirmRemittanceInPortal(conac, webUrl, {
        officeName: OFFICE,
        inspect: async (row) => {
          await shot(conac, '10-conac-remittances')
          const confirmButton = await row.getByRole('button', { name: '认款' }).boundingBox()
          expect(confirmButton!.x + confirmButton!.width).toBeLessThanOrEqual(1280) // the table fits the page
        },
      })
      await shot(conac, '11-conac-confirmed')

      // 每日扣费 → 立即执行 says what ran today and what was charged, including this 认款's charge.
      await conac.goto(`${webUrl}/conac/charge-runs`)
      await conac.getByRole('button', { name: '立即执行' }).click()
      await confirmInDialog(conac, '立即执行')
      await expect
        .poll(async () => (await conac.getByTestId('charge-message').textContent()) ?? '')
        .toMatch(/今天共扣费 [1-9]\d* 项/)
      await shot(conac, '12-conac-charged')

      // 6. The unit sees 注册成功, expiring about two years from now.
      await unitPage.goto(`${webUrl}/unit/domains`)
      const registered = rowWith(unitPage.getByTestId('my-domains'), fullName)
      expect(await registered.getByTestId('domain-status').textContent()).toBe('注册成功')
      const expiryText = (await registered.getByTestId('domain-expires').textContent()) ?? ''
      const expiry = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiryText.trim())
      expect(expiry, `到期时间 ${expiryText}`).not.toBeNull()
      const [, y, m, d] = expiry!
      const expiresAt = Date.UTC(Number(y), Number(m) - 1, Number(d))
      const twoYears = Date.now() + 2 * 365.25 * 86_400_000
      expect(Math.abs(expiresAt - twoYears)).toBeLessThan(3 * 86_400_000)
      await shot(unitPage, '13-unit-registered')
      await unitPage.goto(`${webUrl}/unit/fees`)
      expect(await rowWith(unitPage.getByTestId('unit-fee-collections'), fullName).textContent()).toContain('已扣费')
      await shot(unitPage, '14-unit-fees-paid')

      // The registered domain is now the unit's to renew and to resolve.
      await unitPage.goto(`${webUrl}/unit/renewals`)
      await rowWith(unitPage.getByTestId('renewable-domains'), fullName).waitFor()
      await shot(unitPage, '15-unit-renewals')
      await unitPage.goto(`${webUrl}/unit/dns`)
      await rowWith(unitPage.getByTestId('dns-domain-list'), fullName).getByRole('link').click()
      await unitPage.waitForURL(/\/unit\/dns\/\d+/)
      const dns = unitPage.getByTestId('dns-form')
      await dns.getByLabel('主机记录').fill('www')
      await dns.getByLabel(/^记录值/).fill('202.96.134.133')
      await dns.getByRole('button', { name: '添加解析' }).click()
      await rowWith(unitPage.getByTestId('dns-records'), '202.96.134.133').waitFor()
      await shot(unitPage, '16-unit-dns')
    },
  )
})
