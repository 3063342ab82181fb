// The journey of issue 4 in a real browser: 清丰县人民政府办公室 (党政机关) fills in the 网站开办申请 for one of its
// registered demo domains and submits it with the SMS code from the development outbox; the county office approves
// (初审), CONAC approves (复审); the unit reads both results in its 消息中心, prints the letter and downloads the
// form as a PDF; the office records and confirms the paper materials, which issues the badge; the unit finds the
// badge and its code under 标识管理; a page carrying the code shows the badge, which links to the public
// verification page — with no personal data on it.
// Screenshots go to tests/.artifacts/screenshots/site-*.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'

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

async function logIn(page: Page, username: string, home: string) {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}${home}`)
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`site-${name}`), fullPage: true })

function rowWith(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('row').filter({ hasText: text })
}

const run = `${Date.now() % 100_000_000}`.padStart(8, '0')
const idFirst17 = `41092219880808${run.slice(-3)}`
const handler = {
  name: '旅程经办人',
  mobile: `137${run}`,
  idNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
  email: 'site-journey@example.com',
}
const principal = { name: '旅程负责人', mobile: '13912340000', email: 'site-principal@example.com' }
const siteName = `清丰县人民政府门户网站${run.slice(-4)}`
const englishDomain = `www.qf${run}.gov.cn`
/** A demo domain registered for 清丰县人民政府办公室 (server/src/seed/demoSites.ts), not used by the other browser tests. */
const chineseDomain = '清丰县政府门户.政务'

describe('site application journey (issue 4)', () => {
  it(
    'applies, passes both reviews, prints, sends paper, gets the badge and is verifiable',
    { timeout: 240_000 },
    async () => {
      // 1. The unit fills in the form and submits it with the SMS code.
      const unitPage = await newPerson()
      await logIn(unitPage, 'qfzf', '/unit')
      await unitPage.getByRole('link', { name: '网站开办申请' }).first().click()
      await unitPage.waitForURL(`${webUrl}/unit/sites`)
      await unitPage.getByRole('link', { name: '新建申请' }).click()
      await unitPage.waitForURL(`${webUrl}/unit/sites/new`)
      const form = unitPage.locator('form').filter({ has: unitPage.getByLabel('网站名称') })
      await form.getByLabel('网站名称').fill(siteName)
      await form.getByLabel('网站简介').fill('清丰县人民政府门户网站，发布政务信息、提供在线办事服务。')
      await form.getByLabel('中文域名').selectOption({ label: chineseDomain })
      await form.getByLabel('英文域名').fill(englishDomain)
      await form.getByLabel('网站 IP 地址').fill('2001:db8::10')
      await form.getByLabel('负责人姓名').fill(principal.name)
      await form.getByLabel('负责人手机').fill(principal.mobile)
      await form.getByLabel('负责人电子邮箱').fill(principal.email)
      await form.getByLabel('经办人姓名').fill(handler.name)
      await form.getByLabel('经办人手机').fill(handler.mobile)
      await form.getByLabel('经办人电子邮箱').fill(handler.email)
      await form.getByLabel('经办人身份证号').fill(handler.idNumber)
      // An introduction over 500 characters is refused in the form, before anything is sent.
      await form.getByLabel('网站简介').fill('政'.repeat(501))
      await expect.poll(() => form.getByTestId('site-intro-count').textContent()).toContain('501 / 500')
      await form.getByLabel('网站简介').fill('清丰县人民政府门户网站，发布政务信息、提供在线办事服务。')

      await form.getByRole('button', { name: '获取验证码' }).click()
      await expect.poll(() => form.getByRole('button', { name: /秒后重新获取/ }).count()).toBe(1)
      const outbox = await unitPage.context().newPage()
      await outbox.goto(`${webUrl}/dev/outbox`)
      const sms = rowWith(outbox.getByTestId('outbox-table'), handler.mobile).first()
      const code = /\b(\d{6})\b/.exec((await sms.textContent()) ?? '')?.[1]
      expect(code, 'a 6-digit code in the outbox').toMatch(/^\d{6}$/)
      await outbox.close()
      await form.getByLabel('短信验证码').fill(code!)
      await shot(unitPage, '01-form')
      await form.getByRole('button', { name: '提交申请' }).click()
      await unitPage.getByText('申请已提交，等待同级编办初审。').waitFor()
      await unitPage.goto(`${webUrl}/unit/sites`)
      const myRow = rowWith(unitPage, siteName)
      await myRow.waitFor()
      expect(await myRow.textContent()).toContain('初审中')
      const serialNumber = /WZ-\d{4}-\d{6}/.exec((await myRow.textContent()) ?? '')?.[0]
      expect(serialNumber).toBeTruthy()

      // 2. 初审 by the county office.
      const office = await newPerson()
      await logIn(office, 'qingfeng', '/office')
      await office.goto(`${webUrl}/office/sites/review`)
      await rowWith(office, siteName).getByRole('link', { name: '查看并审核' }).click()
      await office.getByText(englishDomain).first().waitFor()
      await office.getByRole('button', { name: '审核通过', exact: true }).click()
      await confirmInDialog(office, '通过')
      await office.getByText('初审通过，已提交 CONAC 复审。').waitFor()

      // 3. 复审 by CONAC.
      const conac = await newPerson()
      await logIn(conac, 'conac', '/conac')
      await conac.goto(`${webUrl}/conac/sites/review`)
      await rowWith(conac, siteName).getByRole('link', { name: '查看并审核' }).click()
      await conac.getByRole('button', { name: '审核通过', exact: true }).click()
      await confirmInDialog(conac, '通过')
      await conac.getByText('复审通过，已通知申请单位向同级编办报送书面材料。').waitFor()

      // 4. The unit finds both review results in its 消息中心 (unread count in the top bar); opening one leads to the application.
      await unitPage.goto(`${webUrl}/unit`)
      const badge = unitPage.getByTestId('topbar-messages')
      await expect
        .poll(async () => Number(/\d+/.exec((await badge.textContent()) ?? '')?.[0] ?? 0))
        .toBeGreaterThanOrEqual(2)
      await badge.click()
      await unitPage.waitForURL(`${webUrl}/notifications`)
      const notices = unitPage.getByTestId('notification-item').filter({ hasText: siteName })
      await notices.first().waitFor()
      expect(await notices.count()).toBeGreaterThanOrEqual(2) // 初审通过 and 复审通过
      await notices.first().getByRole('link').click()
      await unitPage.waitForURL(/\/unit\/sites\/\d+$/)
      await shot(unitPage, '03a-notice-opened')

      // 5. The unit prints the letter and downloads the form as a PDF.
      await unitPage.goto(`${webUrl}/unit/sites`)
      await rowWith(unitPage, siteName).getByRole('link', { name: '查看' }).click()
      await unitPage.getByRole('link', { name: '打印申请函' }).waitFor()
      const letterHref = await unitPage.getByRole('link', { name: '打印申请函' }).getAttribute('href')
      const letter = await unitPage.context().newPage()
      await letter.goto(`${webUrl}${letterHref}`)
      await letter.getByText(serialNumber!).first().waitFor()
      await letter.getByText(siteName).first().waitFor()
      await shot(letter, '02-letter')
      await letter.close()
      const pdfHref = await unitPage.getByRole('link', { name: '下载申请表 PDF' }).getAttribute('href')
      const pdf = await unitPage.context().request.get(`${webUrl}${pdfHref}`)
      expect(pdf.status()).toBe(200)
      expect(pdf.headers()['content-type']).toContain('application/pdf')
      const pdfBytes = await pdf.body()
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(pdfBytes.includes('/FontFile')).toBe(true) // the Chinese font travels with the file

      // 6. The office records the paper materials and confirms them: the badge is issued.
      await office.goto(`${webUrl}/office/sites/review`)
      await rowWith(office, siteName).getByRole('link', { name: '登记书面材料' }).click()
      await office.getByLabel('收到加盖公章的函').check()
      await office.getByLabel('收到申请表份数').fill('4')
      await office.getByLabel('收到经办人身份证复印件').check()
      await office.getByRole('button', { name: '保存登记' }).click()
      await office.getByRole('button', { name: '确认书面材料' }).click()
      await confirmInDialog(office, '确认无误')
      const issued = office.getByText(/书面材料已确认，网站标识已发放（编号 \d+）/)
      await issued.waitFor()
      const badgeNumber = /编号 (\d+)/.exec((await issued.textContent()) ?? '')![1]
      await shot(office, '03-paper-confirmed')

      // 7. 标识管理: the badge and its code.
      await unitPage.goto(`${webUrl}/unit/badges`)
      const panel = unitPage.getByTestId('badge-panel').filter({ hasText: badgeNumber })
      await panel.waitFor()
      expect(await panel.textContent()).toContain(siteName)
      const snippet = (await panel.getByTestId('badge-snippet').textContent()) ?? ''
      expect(snippet).toContain(`${webUrl}/badge/${badgeNumber}.js`)
      await shot(unitPage, '04-badges')

      // 8. A site elsewhere (here a blank page) carrying the code shows the badge, which links to the verification page.
      const visitor = await newPerson()
      await visitor.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><title>${siteName}</title></head><body><h1>${siteName}</h1>${snippet}</body></html>`,
      )
      const badgeLink = visitor.locator(`a[href$="/verify/${badgeNumber}"]`)
      await badgeLink.locator('img').waitFor()
      // The badge opens the verification page in a new tab.
      const [verification] = await Promise.all([visitor.context().waitForEvent('page'), badgeLink.click()])
      await verification.waitForURL(`${webUrl}/verify/${badgeNumber}`)
      const facts = verification.getByTestId('badge-facts')
      await facts.waitFor()
      expect(await facts.textContent()).toContain('清丰县人民政府办公室')
      expect(await facts.textContent()).toContain(siteName)
      expect(await facts.textContent()).toContain(englishDomain)
      expect(await facts.textContent()).toContain(chineseDomain)
      await verification.getByTestId('badge-active').waitFor()
      const publicText = (await verification.locator('body').textContent()) ?? ''
      for (const personal of [
        handler.name,
        handler.mobile,
        handler.idNumber,
        handler.email,
        principal.name,
        principal.mobile,
        principal.email,
        '2001:db8::10',
      ]) {
        expect(publicText, `the verification page shows no ${personal}`).not.toContain(personal)
      }
      await shot(verification, '05-verification')
    },
  )
})
