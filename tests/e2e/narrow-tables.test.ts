// Tables on a phone (390 px): a table wider than the window scrolls sideways under its sticky 操作 column, so what
// the row is about must fit in the part left of that column before any scrolling. It did not: a long domain name on
// 待审核域名 ran on under the buttons, and the DNS page's 简繁变体 table showed the A-label only after scrolling. The UI
// kit's tables (web/app/globals.css, .table at ≤ 640 px) let the row's name and long codes wrap instead.
// Screenshots: tests/.artifacts/screenshots/narrow-tables-*-{1366,390}.png.
import type { Locator } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { PHONE, peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = peopleOfThisFile(webUrl)
const run = `${Date.now() % 1_000_000}`

const Apply = graphql(`
  mutation NarrowTablesApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
      fullName
    }
  }
`)
const Withdraw = graphql(`
  mutation NarrowTablesWithdraw($id: ID!, $version: Int!) {
    withdrawDomainApplication(id: $id, version: $version) {
      id
    }
  }
`)

const applied: { id: string; version: number }[] = []
afterAll(async () => {
  const hospital = await sessionCookie(apiUrl, 'qfyy')
  for (const { id, version } of applied) await mustPost(apiUrl, Withdraw, { id, version }, hospital)
})

/** How far the element's text runs past the left edge of the row's sticky 操作 cell, in px (≤ 0: clear of it). */
async function overlapWithActions(content: Locator, row: Locator): Promise<number> {
  const [text, actions] = await Promise.all([content.boundingBox(), row.locator('td.table-actions').boundingBox()])
  return text!.x + text!.width - actions!.x
}

describe('tables at 390 px', () => {
  it('待审核域名: a long domain name wraps left of the sticky 操作 column', { timeout: 240_000 }, async () => {
    const hospital = await sessionCookie(apiUrl, 'qfyy')
    const { applyForDomain: domain } = await mustPost(
      apiUrl,
      Apply,
      { input: { name: `清丰县人民医院预约挂号平台${run}`, suffix: 'GONGYI', years: 1 } },
      hospital,
    )
    applied.push(domain)
    const page = await people().loggedIn('qingfeng', { viewport: PHONE })
    try {
      await page.goto(`${webUrl}/office/domains/review`)
      const row = page.getByTestId('review-queue').getByRole('row').filter({ hasText: domain.fullName })
      await row.waitFor()
      expect(await overlapWithActions(row.locator('td').first().locator('strong'), row)).toBeLessThanOrEqual(0)
      expect(await row.locator('td.table-actions').getByRole('button', { name: '通过', exact: true }).isVisible()).toBe(
        true,
      )
      await screenshotBothWidths(page, 'narrow-tables-review-queue')
    } finally {
      await page.context().close()
    }
  })

  it('域名及简繁变体: every name’s A-label is readable without scrolling', { timeout: 240_000 }, async () => {
    const page = await people().loggedIn('qfzf', { viewport: PHONE })
    try {
      await page.goto(`${webUrl}/unit/dns`)
      await page.getByRole('row').filter({ hasText: '清丰县政府门户' }).getByRole('link', { name: '域名解析' }).click()
      const table = page.getByTestId('domain-names-table')
      await table.waitFor()
      const rows = table.locator('tbody > tr')
      expect(await rows.count()).toBeGreaterThan(1) // the name and its 简繁 variants
      for (const row of await rows.all()) {
        const aLabel = row.getByTestId('domain-name-a-label')
        expect(await aLabel.textContent()).toMatch(/^xn--/)
        expect(await overlapWithActions(aLabel, row), (await aLabel.textContent())!).toBeLessThanOrEqual(0)
      }
      await table.scrollIntoViewIfNeeded()
      await screenshotBothWidths(page, 'narrow-tables-dns-variants')
    } finally {
      await page.context().close()
    }
  })
})
