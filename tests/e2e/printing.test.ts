// Printing the letter (申请函) and the form (申请表) of an approved 网站开办申请 in a real browser, and their PDFs.
// The applications are set up through the API the suite started (a draft, and one approved by the county office and
// CONAC, now waiting for its paper materials), for a demo domain of 清丰县人民政府办公室 that no other browser test
// uses. Screenshots go to tests/.artifacts/screenshots/print-*.png.
import { domainToASCII } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser
const contexts: BrowserContext[] = []

/** The applications the tests print. */
let awaitingPaper: { id: string; serialNumber: string }
/** The application's Chinese domain as both documents print it: its name, then its A-label. */
const CHINESE_DOMAIN = `清丰政务服务.政务（${domainToASCII('清丰政务服务.政务')}）`
let draft: { id: string; serialNumber: string }

const Domains = graphql(`
  query PrintSetupDomains {
    domains(first: 100) {
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
  mutation PrintSetupDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      serialNumber
      version
    }
  }
`)
const SendCode = graphql(`
  mutation PrintSetupSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)
const Outbox = graphql(`
  query PrintSetupOutbox {
    developmentOutbox(first: 100) {
      channel
      address
      body
    }
  }
`)
const Submit = graphql(`
  mutation PrintSetupSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      version
    }
  }
`)
const Review = graphql(`
  mutation PrintSetupReview($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      version
      status
    }
  }
`)

/** 清丰县人民政府办公室 applies for 清丰政务服务.政务 and both levels approve: AWAITING_PAPER. */
async function approvedApplication() {
  const unit = await sessionCookie(apiUrl, 'qfzf')
  const domains = await mustPost(apiUrl, Domains, {}, unit)
  const domain = domains.domains.edges
    .map((e) => e.node)
    .find((d) => d.fullName === '清丰政务服务.政务' && d.status === 'REGISTERED')
  if (!domain) throw new Error('the demo domain 清丰政务服务.政务 is missing')
  const idFirst17 = `41092219900101${String(Date.now() % 1000).padStart(3, '0')}`
  const mobile = `136${String(Date.now() % 100_000_000).padStart(8, '0')}`
  const { saveSiteApplicationDraft: saved } = await mustPost(
    apiUrl,
    SaveDraft,
    {
      input: {
        kind: 'NEW_SITE',
        siteName: '清丰县人民政府网',
        siteIntro: '清丰县人民政府门户网站，发布政务信息。',
        chineseDomainId: domain.id,
        englishDomain: 'www.qingfeng-print.gov.cn',
        ipAddress: '203.0.113.20',
        principalName: '打印负责人',
        principalMobile: '13912345670',
        principalEmail: 'print-principal@example.com',
        handlerName: '打印经办人',
        handlerMobile: mobile,
        handlerEmail: 'print-handler@example.com',
        handlerIdNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
      },
    },
    unit,
  )
  await mustPost(apiUrl, SendCode, { input: { mobile, purpose: 'SITE_APPLICATION' } }, unit)
  const outbox = await mustPost(apiUrl, Outbox, {})
  const code = /\b(\d{6})\b/.exec(
    outbox.developmentOutbox.find((m) => m.channel === 'SMS' && m.address === mobile)?.body ?? '',
  )?.[1]
  if (!code) throw new Error('no SMS code in the development outbox')
  let { version } = (
    await mustPost(apiUrl, Submit, { input: { id: saved.id, version: saved.version, verificationCode: code } }, unit)
  ).submitSiteApplication
  for (const reviewer of ['qingfeng', 'conac']) {
    const reviewed = await mustPost(
      apiUrl,
      Review,
      { input: { id: saved.id, version, decision: 'APPROVE' } },
      await sessionCookie(apiUrl, reviewer),
    )
    version = reviewed.reviewSiteApplication.version
  }
  return { id: saved.id, serialNumber: saved.serialNumber }
}

beforeAll(async () => {
  awaitingPaper = await approvedApplication()
  const qfzf = await sessionCookie(apiUrl, 'qfzf')
  const idFirst17 = '41092219900202123'
  draft = (
    await mustPost(
      apiUrl,
      SaveDraft,
      {
        input: {
          siteName: '尚未提交的网站',
          principalMobile: '13912345671',
          handlerMobile: '13912345672',
          handlerIdNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
        },
      },
      qfzf,
    )
  ).saveSiteApplicationDraft
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

/** A person logged in through the portal's login page (anonymous when no username is given). */
async function person(username?: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  if (username) {
    await logInThroughPortal(page, webUrl, username)
  }
  return page
}

/** The page's cookies as a Cookie header, to fetch like the logged-in browser would. */
async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies(webUrl)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
}

const letterPath = (id: string) => `/print/site-application/${id}/letter`
const formPath = (id: string) => `/print/site-application/${id}/form`

async function fetchPdf(pathname: string, cookie?: string) {
  const response = await fetch(`${webUrl}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
  return { response, body: Buffer.from(await response.arrayBuffer()) }
}

/** A PDF that carries an embedded font program (the Chinese glyphs), not a PDF that relies on the reader's fonts. */
function expectPdfWithEmbeddedFont(body: Buffer) {
  const text = body.toString('latin1')
  expect(text.startsWith('%PDF-')).toBe(true)
  expect(/\/FontFile[23]?\b/.test(text), 'an embedded font program').toBe(true)
}

describe('printing the letter and the form (网站开办审核)', () => {
  it('qfzf opens the letter of its approved application: serial number, unit, site, addressee; no portal chrome', async () => {
    const page = await person('qfzf')
    const response = await page.goto(`${webUrl}${letterPath(awaitingPaper.id)}`)
    expect(response?.status()).toBe(200)
    const letter = page.getByTestId('print-letter')
    await letter.waitFor()
    expect(await page.getByTestId('print-serial').textContent()).toBe(awaitingPaper.serialNumber)
    expect(await page.getByTestId('print-unit-name').textContent()).toBe('清丰县人民政府办公室')
    expect(await page.getByTestId('print-addressee').textContent()).toBe('清丰县机构编制委员会办公室：')
    const text = (await letter.textContent()) ?? ''
    expect(text).toContain('关于申请对我单位开办的网站')
    expect(text).toContain('进行开办审核的函')
    expect(text).toContain('清丰县人民政府网')
    expect(text).toContain('（盖章）')
    // The Chinese domain with the A-label DNS carries (issue 18: exports show both).
    expect(await letter.getByTestId('print-chinese-domain').textContent()).toBe(CHINESE_DOMAIN)
    // Only the document and its toolbar: no top bar, menu or footer of the portal.
    expect(await page.locator('.topbar, .navbar, .footer').count()).toBe(0)
    const toolbar = page.getByTestId('print-toolbar')
    for (const name of ['打印', '返回']) expect(await toolbar.getByRole('button', { name }).count()).toBe(1)
    expect(await toolbar.getByRole('link', { name: '下载 PDF' }).getAttribute('href')).toBe(
      `${letterPath(awaitingPaper.id)}.pdf`,
    )
    // The toolbar is not printed.
    await page.emulateMedia({ media: 'print' })
    expect(await toolbar.isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
    await page.screenshot({ path: screenshotPath('print-letter'), fullPage: true })

    // 下载 PDF saves the file under its Chinese name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      toolbar.getByRole('link', { name: '下载 PDF' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`申请函-${awaitingPaper.serialNumber}.pdf`)
  })

  it('qfzf opens the form: four copies, each on its own page, marked 第 n 份 / 共 4 份', async () => {
    const page = await person('qfzf')
    await page.goto(`${webUrl}${formPath(awaitingPaper.id)}`)
    const copies = page.getByTestId('print-form-copy')
    await copies.first().waitFor()
    expect(await copies.count()).toBe(4)
    expect(await page.getByTestId('print-copy-mark').allTextContents()).toEqual([
      '第 1 份 / 共 4 份',
      '第 2 份 / 共 4 份',
      '第 3 份 / 共 4 份',
      '第 4 份 / 共 4 份',
    ])
    const last = (await copies.last().textContent()) ?? ''
    expect(last).toContain(awaitingPaper.serialNumber)
    expect(last).toContain('清丰县人民政府办公室')
    expect(await copies.last().getByTestId('print-chinese-domain').textContent()).toBe(CHINESE_DOMAIN)
    for (const label of [
      '开办主体基本情况',
      '网站基本情况',
      '网站主要负责人',
      '网站申请经办人',
      '网站申请经办人身份证号',
      '申请单位意见',
      '省级编制部门意见',
    ]) {
      expect(last).toContain(label)
    }
    // Every copy after the first starts a new printed page.
    await page.emulateMedia({ media: 'print' })
    const breaks = await copies.evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).breakBefore))
    expect(breaks.slice(1)).toEqual(['page', 'page', 'page'])
    await page.emulateMedia({ media: 'screen' })
    await page.screenshot({ path: screenshotPath('print-form') })
  })

  it('serves both PDFs to qfzf with the Chinese font embedded', async () => {
    const page = await person('qfzf')
    const cookie = await cookieHeader(page)
    for (const [document, name] of [
      ['letter', '申请函'],
      ['form', '申请表'],
    ] as const) {
      const { response, body } = await fetchPdf(`/print/site-application/${awaitingPaper.id}/${document}.pdf`, cookie)
      expect(response.status, `${document}.pdf`).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/pdf')
      expect(response.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${name}-${awaitingPaper.serialNumber}.pdf`)}`,
      )
      expectPdfWithEmbeddedFont(body)
      if (document === 'form') {
        // Four copies: at least four pages.
        expect((body.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(4)
      }
    }
  })

  it('qingfeng (the county office) prints the form too', async () => {
    const page = await person('qingfeng')
    const response = await page.goto(`${webUrl}${formPath(awaitingPaper.id)}`)
    expect(response?.status()).toBe(200)
    await page.getByTestId('print-form-copy').first().waitFor()
    expect(await page.getByTestId('print-form-copy').count()).toBe(4)
    const { response: pdf, body } = await fetchPdf(`${formPath(awaitingPaper.id)}.pdf`, await cookieHeader(page))
    expect(pdf.status).toBe(200)
    expectPdfWithEmbeddedFont(body)
  })

  it('another unit (pyjy) gets 404 for the page and the PDF', async () => {
    const page = await person('pyjy')
    const response = await page.goto(`${webUrl}${letterPath(awaitingPaper.id)}`)
    expect(response?.status()).toBe(404)
    expect(await page.getByTestId('print-letter').count()).toBe(0)
    const { response: pdf, body } = await fetchPdf(`${letterPath(awaitingPaper.id)}.pdf`, await cookieHeader(page))
    expect(pdf.status).toBe(404)
    expect(pdf.headers.get('content-type')).not.toContain('pdf')
    expect(body.toString('latin1').startsWith('%PDF-')).toBe(false)
  })

  it('nobody logged in: the page leads to the login page and no PDF is made', async () => {
    const page = await person()
    await page.goto(`${webUrl}${formPath(awaitingPaper.id)}`)
    await page.waitForURL(/\/login/)
    for (const document of ['letter', 'form']) {
      const { response, body } = await fetchPdf(`/print/site-application/${awaitingPaper.id}/${document}.pdf`)
      expect(response.status).toBe(401)
      expect(response.headers.get('content-type')).not.toContain('pdf')
      expect(body.toString('latin1').startsWith('%PDF-')).toBe(false)
    }
  })

  it('a draft shows 申请审核通过后方可打印 and has no PDF', async () => {
    const page = await person('qfzf')
    await page.goto(`${webUrl}${letterPath(draft.id)}`)
    const message = page.getByTestId('print-not-ready')
    await message.waitFor()
    expect(await message.textContent()).toContain('申请审核通过后方可打印')
    expect(await page.getByTestId('print-letter').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('print-not-ready') })
    await page.goto(`${webUrl}${formPath(draft.id)}`)
    await page.getByTestId('print-not-ready').waitFor()
    expect(await page.getByTestId('print-form-copy').count()).toBe(0)
    const { response, body } = await fetchPdf(`${formPath(draft.id)}.pdf`, await cookieHeader(page))
    expect(response.status).toBe(409)
    expect(body.toString('latin1').startsWith('%PDF-')).toBe(false)
  })
})
