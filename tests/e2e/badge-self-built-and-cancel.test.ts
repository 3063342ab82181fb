// Issue 15, defects 6 and 7, in a real browser, as 清丰县人民医院 (事业单位, qfyy) and its county office (qingfeng):
// 6. the hospital moves its badge from the micro-site to its self-built site on www.qfyy.cn (not under .gov.cn,
//    which seed 001 asks of 党政机关 only); the form refuses a URL at once with the API's words; the office approves;
//    the badge and the Chinese domain's forward follow.
// 7. the hospital adds a URL转发 of its own, asks for 注销, the office approves: the DNS page shows no forward any
//    more, and its history (解析变更记录) says which records went and why, for the unit and for the office.
// The badge is a fresh one for the demo domain 清丰医院预约.公益 (set up through the API: application, 初审, 复审), so the
// seeded badge 202541092200001 that other browser tests read stays as it is.
// Screenshots at 1366 and 390 px go to tests/.artifacts/screenshots/badge-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, logInAs, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')

const CHINESE_DOMAIN = '清丰医院预约.公益'
const run = `${Date.now() % 100_000_000}`.padStart(8, '0')
const handlerMobile = `136${run}`
const idFirst17 = `41092219850505${run.slice(-3)}`
const siteName = `清丰县人民医院预约网${run.slice(-4)}`

const Domains = graphql(`
  query BadgeE2eDomains {
    domains(first: 50) {
      edges {
        node {
          id
          fullName
          status
        }
      }
    }
  }
`)
const SaveDraft = graphql(`
  mutation BadgeE2eSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
    }
  }
`)
const SendCode = graphql(`
  mutation BadgeE2eSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)
const Outbox = graphql(`
  query BadgeE2eOutbox {
    developmentOutbox(first: 100) {
      address
      body
      template
    }
  }
`)
const Submit = graphql(`
  mutation BadgeE2eSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      version
    }
  }
`)
const Review = graphql(`
  mutation BadgeE2eReview($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      version
      status
      badge {
        badgeNumber
      }
    }
  }
`)

let browser: Browser
const contexts: BrowserContext[] = []
let domainId = ''
let badgeNumber = ''

/** The hospital's application for its second demo domain on the micro-site, through both reviews: the badge is issued. */
beforeAll(async () => {
  const hospital = await sessionCookie(apiUrl, 'qfyy')
  const domain = (await mustPost(apiUrl, Domains, {}, hospital)).domains.edges.find(
    (edge) => edge.node.fullName === CHINESE_DOMAIN,
  )!.node
  domainId = domain.id
  const draft = (
    await mustPost(
      apiUrl,
      SaveDraft,
      {
        input: {
          kind: 'NEW_SITE',
          siteName,
          siteIntro: '本网站由清丰县人民医院主办，提供预约挂号服务。',
          chineseDomainId: domainId,
          useMicroSite: true,
          principalName: '王院长',
          principalMobile: '13912340001',
          principalEmail: 'qfyy-principal@example.com',
          handlerName: '赵经办',
          handlerMobile,
          handlerEmail: 'qfyy-handler@example.com',
          handlerIdNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
        },
      },
      hospital,
    )
  ).saveSiteApplicationDraft
  await mustPost(apiUrl, SendCode, { input: { mobile: handlerMobile, purpose: 'SITE_APPLICATION' } }, hospital)
  const sms = (await mustPost(apiUrl, Outbox, {}, hospital)).developmentOutbox.find(
    (message) => message.address === handlerMobile && message.template === 'verification.code',
  )
  const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1]
  expect(code, 'the SMS code in the development outbox').toMatch(/^\d{6}$/)
  let version = (
    await mustPost(
      apiUrl,
      Submit,
      { input: { id: draft.id, version: draft.version, verificationCode: code! } },
      hospital,
    )
  ).submitSiteApplication.version
  for (const reviewer of ['qingfeng', 'conac']) {
    const reviewed = (
      await mustPost(
        apiUrl,
        Review,
        { input: { id: draft.id, version, decision: 'APPROVE' } },
        await sessionCookie(apiUrl, reviewer),
      )
    ).reviewSiteApplication
    version = reviewed.version
    if (reviewed.badge) badgeNumber = reviewed.badge.badgeNumber
  }
  expect(badgeNumber, 'a 事业单位 gets its badge when CONAC approves').toMatch(/^\d+$/)
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

/** A logged-in person (testkit logInAs), whose context is closed after the file. */
async function person(username: string, home: string): Promise<Page> {
  const page = await logInAs(browser, webUrl, username, home)
  contexts.push(page.context())
  return page
}

/**
 * Screenshots at 1366 and at 390 px wide, and (for the unit's pages this change touched) no sideways scroll of the
 * page at 390. The office's pages are photographed only: their top bar is the navigation's business (issue 15's shape).
 */
async function shots(page: Page, name: string, { checkWidth = true } = {}) {
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.screenshot({ path: screenshotPath(`badge-${name}-1366`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  if (checkWidth) {
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {
        message: `${name}: no page-level horizontal scroll at 390 px`,
      })
      .toBeLessThanOrEqual(390)
  }
  await page.screenshot({ path: screenshotPath(`badge-${name}-390`), fullPage: true })
  await page.setViewportSize({ width: 1366, height: 900 })
}

/** The DNS page's URL_FORWARD records (their generated A records say URL转发 too, so the type decides). */
const forwardRows = (page: Page) => page.getByTestId('dns-records').locator('tr[data-record-type="URL_FORWARD"]')

const panelOf = (page: Page) => page.getByTestId('badge-panel').filter({ hasText: badgeNumber })

/** The county office approves the pending request of this badge on its 标识变更审核 page. */
async function officeApproves(kind: '变更' | '注销') {
  const office = await person('qingfeng', '/office')
  await office.goto(`${webUrl}/office/badges/changes`)
  const row = office.getByRole('row').filter({ hasText: badgeNumber })
  await row.waitFor()
  expect(await row.textContent()).toContain(kind)
  await shots(office, `office-${kind === '变更' ? 'change' : 'cancel'}-queue`, { checkWidth: false })
  await row.getByRole('button', { name: '通过', exact: true }).click()
  await confirmInDialog(office, '通过')
  await office.getByText(new RegExp(`${kind}申请（${badgeNumber}）已审核通过`)).waitFor()
  return office
}

describe('a 事业单位’s badge: self-built site off .gov.cn, then 注销 with the DNS history (issue 15)', () => {
  it(
    '清丰县人民医院 moves its badge to www.qfyy.cn; the office approves; the Chinese domain forwards there',
    { timeout: 240_000 },
    async () => {
      const unit = await person('qfyy', '/unit')

      // The site application form tells a 事业单位 what its English domain may be (no .gov.cn).
      await unit.goto(`${webUrl}/unit/sites/new`)
      const help = unit.locator('form').getByText('填写网站的域名，不含 http:// 和路径')
      await help.waitFor()
      expect(await unit.locator('form').textContent()).not.toContain('须以 .gov.cn 结尾')
      await shots(unit, 'site-form')

      await unit.goto(`${webUrl}/unit/badges`)
      const panel = panelOf(unit)
      await panel.waitFor()
      await panel.getByRole('button', { name: '申请变更' }).click()
      await panel.getByLabel('自建网站').check()
      // A URL is refused in the form, with the API's words, before anything is sent; nobody tells a 事业单位 to use .gov.cn.
      await panel.getByLabel('英文域名').fill('http://www.qfyy.cn/')
      await panel.getByLabel('IP 地址').fill('203.0.113.50')
      await panel.getByLabel('变更原因（选填）').fill('医院网站已建成，标识改挂自建网站')
      await panel.getByRole('button', { name: '提交变更申请' }).click()
      const fieldError = panel.locator('[id$="-newEnglishDomain-error"]')
      await fieldError.waitFor()
      expect(await fieldError.textContent()).toBe(
        '英文域名格式不正确：只填写域名，如 www.example.cn，不含 http://、路径和端口',
      )
      expect(await panel.getByLabel('英文域名').getAttribute('aria-invalid')).toBe('true')
      await shots(unit, 'change-form-refused')

      await panel.getByLabel('英文域名').fill('www.qfyy.cn')
      await panel.getByRole('button', { name: '提交变更申请' }).click()
      await panel.getByText('变更申请已提交，等待同级编办审核。').waitFor()
      await panel.getByText('本标识的变更申请正在等待同级编办审核').waitFor()

      await officeApproves('变更')

      await unit.reload()
      await panelOf(unit).waitFor()
      const facts = panelOf(unit).locator('dl.facts')
      await expect.poll(() => facts.textContent()).toContain('www.qfyy.cn')
      expect(await facts.textContent()).toContain('自建网站')
      await shots(unit, 'badges-self-built')

      await unit.goto(`${webUrl}/unit/dns/${domainId}`)
      await forwardRows(unit).filter({ hasText: 'http://www.qfyy.cn/' }).waitFor()
      const history = unit.getByTestId('dns-history')
      await history.getByText(`网站标识 ${badgeNumber} 变更审核通过：中文域名改为转发到变更后的网站`).first().waitFor()
    },
  )

  it(
    'after the approved 注销 the DNS page has no URL转发, and its history says which records went and why',
    { timeout: 240_000 },
    async () => {
      const unit = await person('qfyy', '/unit')

      // The hospital adds a forward of its own (seed 002: 添加解析, URL转发), which the history records as its own.
      await unit.goto(`${webUrl}/unit/dns/${domainId}`)
      await unit.getByLabel('记录类型').selectOption('URL_FORWARD')
      await unit.getByLabel('主机记录').fill('www')
      await unit.getByRole('textbox', { name: /目标地址/ }).fill('https://www.qfyy.cn/')
      await unit.getByRole('button', { name: '添加解析' }).click()
      await forwardRows(unit).filter({ hasText: 'https://www.qfyy.cn/' }).waitFor()
      expect(await forwardRows(unit).count()).toBe(2)

      // 注销, as the badge page asks: the confirmation promises the forwards go.
      await unit.goto(`${webUrl}/unit/badges`)
      const panel = panelOf(unit)
      await panel.getByRole('button', { name: '申请注销' }).click()
      await panel.getByLabel('注销原因').fill('医院网站迁移，停止使用该网站标识')
      await panel.getByRole('button', { name: '提交注销申请' }).click()
      await confirmInDialog(unit, '申请注销')
      await panel.getByText('注销申请已提交，等待同级编办审核。').waitFor()

      const office = await officeApproves('注销')

      // The unit's DNS page: no forward left, the A records that belonged to them gone too.
      await unit.goto(`${webUrl}/unit/dns/${domainId}`)
      await unit.getByTestId('dns-domain-name').waitFor()
      expect(await forwardRows(unit).count()).toBe(0)
      expect(await unit.getByTestId('dns-records').getByText('URL转发自动生成').count()).toBe(0)
      const removed = unit.getByTestId('dns-history').locator('li[data-cause="BADGE_CANCELLED"]')
      expect(await removed.count()).toBe(4) // two forwards (@ and www), two records each
      for (const item of await removed.all()) {
        const text = (await item.textContent()) ?? ''
        expect(text).toContain('删除解析')
        expect(text).toContain(`网站标识 ${badgeNumber} 注销审核通过：中文域名的 URL 转发随之删除`)
        expect(text).toContain('审核人：')
      }
      const removedText = (await removed.allTextContents()).join('\n')
      expect(removedText).toContain('http://www.qfyy.cn/')
      expect(removedText).toContain('https://www.qfyy.cn/')
      // Further down, the unit's own addition of that forward, with the user's name.
      const own = unit
        .getByTestId('dns-history')
        .locator('li[data-cause="UNIT"][data-action="ADDED"]')
        .filter({ hasText: 'https://www.qfyy.cn/' })
      expect(await own.count()).toBe(1)
      expect(await own.textContent()).toContain('操作人：王芳')
      await shots(unit, 'dns-history-after-cancel')
      // A history cursor the API refuses (a hand-edited address) shows the newest page, not an error.
      await unit.goto(`${webUrl}/unit/dns/${domainId}?history=not-a-cursor`)
      expect(await unit.getByTestId('dns-history').locator('li[data-cause="BADGE_CANCELLED"]').count()).toBe(4)

      // The office reads the same history on its read-only DNS page.
      await office.goto(`${webUrl}/office/dns/${domainId}`)
      expect(await office.getByTestId('dns-history').locator('li[data-cause="BADGE_CANCELLED"]').count()).toBe(4)
      await shots(office, 'office-dns-history', { checkWidth: false })

      // And the badge page says the badge is cancelled.
      await unit.goto(`${webUrl}/unit/badges`)
      await panelOf(unit).getByText('该网站标识已注销，标识代码已失效。').waitFor()
      await shots(unit, 'badges-cancelled')
    },
  )
})
