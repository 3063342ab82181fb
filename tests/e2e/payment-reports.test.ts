// 用户缴费查询 in a real browser (issue 15): /office/reports/payments for the county, city and province offices,
// /conac/reports/payments for CONAC, and the unit's 缴费记录 on /unit/invoices list a fee the 清丰县 office collected
// (set up through the API: 清丰县人民政府办公室 applies for a domain, both levels approve, the office collects
// 300 元). And when the API answers these lists with an error, the person reads Chinese, never the API's English
// detail or a raw GraphQL message. Screenshots go to tests/.artifacts/screenshots/payments-*.png.
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { UnitInvoicesReportDocument, UnitPaymentsReportDocument } from '../../web/graphql/generated/graphql.ts'
import { graphql } from '../graphql/generated/index.ts'
import { documentHash, mustPost, sessionCookie } from '../testkit/http.ts'
import { peopleOfThisFile, rowWith, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)

const Apply = graphql(`
  mutation PaymentReportsApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
      unit {
        id
      }
    }
  }
`)
const Review = graphql(`
  mutation PaymentReportsReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      version
      status
    }
  }
`)
const Prices = graphql(`
  query PaymentReportsPrices {
    priceList {
      suffix
      feePerYearFen
    }
  }
`)
const Collect = graphql(`
  mutation PaymentReportsCollect($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
    }
  }
`)

const UNIT = '清丰县人民政府办公室'
let collection: { id: string; amountText: string }

/** 清丰县人民政府办公室 applies for a .政务 domain for 1 year, both levels approve, the county office collects the fee. */
beforeAll(async () => {
  const [unit, county, conac] = await Promise.all([
    sessionCookie(apiUrl, 'qfzf'),
    sessionCookie(apiUrl, 'qingfeng'),
    sessionCookie(apiUrl, 'conac'),
  ])
  const name = `清丰缴费查询${String(Date.now() % 1_000_000).padStart(6, '0')}`
  const applied = (await mustPost(apiUrl, Apply, { input: { name, suffix: 'ZHENGWU', years: 1 } }, unit)).applyForDomain
  const byOffice = (
    await mustPost(apiUrl, Review, { input: { id: applied.id, version: applied.version, decision: 'APPROVE' } }, county)
  ).reviewDomain
  const byConac = (
    await mustPost(apiUrl, Review, { input: { id: applied.id, version: byOffice.version, decision: 'APPROVE' } }, conac)
  ).reviewDomain
  expect(byConac.status).toBe('CONAC_APPROVED')
  const fee = (await mustPost(apiUrl, Prices, {}, county)).priceList.find((entry) => entry.suffix === 'ZHENGWU')!
    .feePerYearFen as number
  const collected = (
    await mustPost(
      apiUrl,
      Collect,
      {
        input: {
          unitId: applied.unit.id,
          domainIds: [applied.id],
          amountFen: fee,
          invoiceCount: 0,
          idempotencyKey: `payment-reports-${name}`,
        },
      },
      county,
    )
  ).collectFee
  collection = {
    id: collected.id,
    amountText: `${(fee / 100).toLocaleString('zh-CN')}.${String(fee % 100).padStart(2, '0')}`,
  }
}, 180_000)

/** The report panels' error notices (Next's route announcer is an alert of its own, outside them). */
const reportAlerts = (page: Page) => page.locator('section.panel').getByRole('alert')

/** The list has loaded: its totals line is there, and no error. */
async function paymentsLoaded(page: Page) {
  await page.getByTestId('unit-payments-totals').waitFor()
  expect(await reportAlerts(page).count()).toBe(0)
}

async function expectCollectionListed(page: Page) {
  await paymentsLoaded(page)
  const row = rowWith(page.getByTestId('unit-payments'), `#${collection.id}`)
  await row.waitFor()
  expect(await row.textContent()).toContain(collection.amountText)
}

const OFFICE_STAFF = ['qingfeng', 'puyang', 'henan']

describe('用户缴费查询 lists real payments', () => {
  it.each(OFFICE_STAFF)(
    '%s sees the collection on /office/reports/payments',
    { timeout: 180_000 },
    async (username) => {
      const page = await people().loggedIn(username)
      await page.goto(`${webUrl}/office/reports/payments`)
      await expectCollectionListed(page)
      expect(await rowWith(page.getByTestId('unit-payments'), `#${collection.id}`).textContent()).toContain(UNIT)
      await screenshotBothWidths(page, `payments-office-${username}`)
    },
  )

  it('CONAC sees it on /conac/reports/payments', { timeout: 180_000 }, async () => {
    const page = await people().loggedIn('conac')
    await page.goto(`${webUrl}/conac/reports/payments`)
    await expectCollectionListed(page)
    await screenshotBothWidths(page, 'payments-conac')
  })

  it('the unit sees it in 缴费记录 on /unit/invoices, and another unit does not', { timeout: 180_000 }, async () => {
    const page = await people().loggedIn('qfzf')
    await page.goto(`${webUrl}/unit/invoices`)
    await expectCollectionListed(page)
    await page.getByTestId('unit-invoices-totals').waitFor()
    await screenshotBothWidths(page, 'payments-unit-qfzf')

    const other = await people().loggedIn('qfyy')
    await other.goto(`${webUrl}/unit/invoices`)
    await paymentsLoaded(other)
    expect(await rowWith(other.getByTestId('unit-payments'), `#${collection.id}`).count()).toBe(0)
  })
})

/** Answers from an API that refuses the lists in the ways people must never read raw. */
const REFUSALS = [
  // What the portal showed before issue 15: the API's Chinese with graphql-js's English detail.
  {
    message: 'filter.kinds 不是该输入类型的字段（Field "kinds" is not defined by type "UnitPaymentFilter".）',
    extensions: { code: 'BAD_USER_INPUT', fields: { kinds: '不是该输入类型的字段' } },
  },
  {
    message: 'Cannot query field "totalSheets" on type "UnitInvoicesConnection".',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
]

async function refuseReportsWith(page: Page, error: (typeof REFUSALS)[number]) {
  const hashes = [UnitPaymentsReportDocument, UnitInvoicesReportDocument].map((document) =>
    documentHash(document).replace(/^sha256:/, ''),
  )
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? ''
    if (hashes.some((hash) => body.includes(hash)))
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [error] }) })
    else await route.continue()
  })
}

describe('an error on these pages reads in Chinese', () => {
  it.each(REFUSALS.map((error) => [error.extensions.code, error] as const))(
    '%s',
    { timeout: 180_000 },
    async (_code, error) => {
      const page = await people().loggedIn('qfzf')
      await refuseReportsWith(page, error)
      await page.goto(`${webUrl}/unit/invoices`)
      const alerts = reportAlerts(page)
      // The payments and the invoices list each say it.
      await expect.poll(() => alerts.count(), { timeout: 60_000 }).toBe(2)
      for (const text of await alerts.allTextContents()) {
        expect(text).toMatch(/[\u4e00-\u9fff]/)
        expect(text, 'no English or GraphQL text').not.toMatch(/[A-Za-z]{2,}/)
      }
      // A failed query is not an empty result.
      expect(await page.getByText('没有符合条件').count()).toBe(0)
      if (error.extensions.code === 'BAD_USER_INPUT') await screenshotBothWidths(page, 'payments-unit-error')
    },
  )
})
