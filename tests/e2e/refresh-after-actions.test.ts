// Issue 15, defect 4: every action refreshes what it changed, without a reload. After an action the lists the person
// saw before (left by a link in the portal, came back to with the browser's 后退) never show the old status again,
// not even for a moment: 收费 (the office's 域名查询 list said CONAC审核通过), an office's 通过 (it said 待审核), and
// 取消发布 of a micro-site (a server-rendered page, which came back as 已发布 with a live 取消发布 button).
// 认款 is checked the same way in same-day-registration.test.ts. Screenshots: tests/.artifacts/screenshots/refresh-*.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { approvedDomain } from '../testkit/feePath.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { clientNavigate, watchForText } from '../testkit/pageWatch.ts'
import { portalPeople } from '../testkit/portalPeople.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = portalPeople(webUrl)
const person = people.logIn

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`refresh-${name}`), fullPage: true })
const run = `${Date.now() % 1_000_000}`

const Apply = graphql(`
  mutation RefreshApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      fullName
    }
  }
`)

/** The row of the office's 域名查询 list (newest first) for a domain, once it shows `status`. */
async function domainRowShows(page: Page, fullName: string, status: string) {
  await page
    .getByTestId('domain-search-results')
    .getByRole('row')
    .filter({ hasText: fullName })
    .filter({ hasText: status })
    .waitFor()
}

describe('refresh after actions (issue 15, defect 4)', () => {
  it('收费: back on 域名查询 the domain is 待缴费 at once, never CONAC审核通过', { timeout: 240_000 }, async () => {
    const domain = await approvedDomain(apiUrl, { unitLogin: 'qfzf', officeLogin: 'qingfeng', name: `刷新收费${run}` })
    const office = await person('qingfeng', '/office')
    await office.goto(`${webUrl}/office/domains`)
    await domainRowShows(office, domain.fullName, 'CONAC审核通过')

    await clientNavigate(office, webUrl, '/office/fees')
    const payRow = office.getByTestId('units-awaiting-payment').getByRole('row').filter({ hasText: domain.fullName })
    await payRow.getByRole('button', { name: '收费' }).click()
    const dialog = office.getByTestId('collect-fee-dialog')
    await dialog
      .getByLabel('实收金额（元）')
      .fill((await dialog.getByTestId('expected-total').textContent())!.replaceAll(',', ''))
    await dialog.getByLabel('开具发票数量').fill('0')
    await dialog.getByRole('button', { name: '下一步' }).click()
    await dialog.getByRole('button', { name: '确认收费' }).click()
    await office.getByText(/已向 .+ 收费 [\d,.]+ 元/).waitFor()
    // The same page: no 收费 button for it any more.
    await payRow.waitFor({ state: 'detached' })

    const stale = await watchForText(office, { row: domain.fullName, text: 'CONAC审核通过' })
    await office.goBack()
    await office.waitForURL(`${webUrl}/office/domains`)
    await domainRowShows(office, domain.fullName, '待缴费')
    expect(await stale.seen(), 'the list showed the old status after 收费').toEqual([])
    await shot(office, '01-after-collect')
  })

  it('通过: back on 域名查询 the domain is 编办审核通过 at once, never 待审核', { timeout: 240_000 }, async () => {
    const unit = await sessionCookie(apiUrl, 'qfyy')
    const applied = await mustPost(
      apiUrl,
      Apply,
      { input: { name: `刷新审核${run}`, suffix: 'GONGYI', years: 1 } },
      unit,
    )
    const fullName = applied.applyForDomain.fullName
    const office = await person('qingfeng', '/office')
    await office.goto(`${webUrl}/office/domains`)
    await domainRowShows(office, fullName, '待审核')

    await clientNavigate(office, webUrl, '/office/domains/review')
    const row = office.getByTestId('review-queue').getByRole('row').filter({ hasText: fullName })
    await row.getByRole('button', { name: '通过', exact: true }).click()
    await confirmInDialog(office, '通过')
    await office.getByText(`${fullName} 编办审核通过，已通知申请单位。`).waitFor()
    await row.waitFor({ state: 'detached' })

    const stale = await watchForText(office, { row: fullName, text: '待审核' })
    await office.goBack()
    await office.waitForURL(`${webUrl}/office/domains`)
    await domainRowShows(office, fullName, '编办审核通过')
    expect(await stale.seen(), 'the list showed the old status after 通过').toEqual([])
    await shot(office, '02-after-approve')
  })

  it(
    '取消发布 of the micro-site (a server-rendered page): back on it, it is 未发布 with 发布网络红页, never 已发布',
    { timeout: 240_000 },
    async () => {
      const unit = await person('qfyy', '/unit')
      await clientNavigate(unit, webUrl, '/unit/micro-site')
      const status = unit.getByTestId('micro-site-status')
      const toggle = unit.getByTestId('micro-site-toggle')
      // The seed publishes it; publish it first if an earlier run left it unpublished.
      if ((await toggle.textContent()) !== '取消发布') {
        await toggle.click()
        await confirmInDialog(unit, '发布')
        await unit.getByText('网络红页已发布。').waitFor()
      }
      await toggle.click()
      await confirmInDialog(unit, '取消发布')
      await unit.getByText('已取消发布，公众无法再访问本页面。').waitFor()
      expect(await status.textContent()).toContain('未发布')

      await clientNavigate(unit, webUrl, '/unit')
      const stale = await watchForText(unit, { selector: '[data-testid="micro-site-status"]', text: '已发布' })
      await unit.goBack()
      await unit.waitForURL(`${webUrl}/unit/micro-site`)
      await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toContain('未发布')
      expect(await toggle.textContent()).toBe('发布网络红页')
      expect(await stale.seen(), 'the page came back as it was before 取消发布').toEqual([])
      await shot(unit, '03-micro-site-back')

      // Leave it as the seed has it.
      await toggle.click()
      await confirmInDialog(unit, '发布')
      await unit.getByText('网络红页已发布。').waitFor()
    },
  )
})
