// 域名过户 in a real browser (issue 19): 清丰县人民政府办公室 (qfzf) gives its demo domain 清丰县信息公开.政务 to a unit
// of 清丰县 registered for this test: at 我的域名 → 过户 it types the receiving unit's credit code, reads the unit's
// name back, gives a reason and confirms; the receiving unit sees the incoming request (read-only); 清丰县编办
// (qingfeng, the only office in a same-county chain) approves it at 域名过户审批 in the confirmation dialog; the
// domain then appears in the receiving unit's 我的域名. The receiving unit gives it back the same way, so the demo
// data stays as the other browser tests expect it. Screenshots at 1366 and 390 px: domain-transfer-*.png.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, logInAs } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { newPerson } from '../testkit/people.ts'
import { rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const DOMAIN = '清丰县信息公开.政务'
const LONG = { timeout: 120_000 }

let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

async function demoPerson(username: string, home: string) {
  const page = await logInAs(browser, webUrl, username, home)
  contexts.push(page.context())
  return page
}

/** At 我的域名: 过户 on the domain's row, the credit code looked up, a reason, confirmed. Returns the dialog's text. */
async function fileTransfer(page: Page, creditCode: string, receiverName: string) {
  await page.goto(`${webUrl}/unit/domains`)
  const row = rowWith(page.getByTestId('my-domains'), DOMAIN)
  await row.getByRole('button', { name: '过户' }).click(LONG)
  const form = page.getByTestId('domain-transfer-form')
  await form.getByLabel('接收单位统一社会信用代码').fill(creditCode)
  await form.getByRole('button', { name: '查询接收单位' }).click()
  await expect
    .poll(
      async () =>
        (await form
          .getByTestId('domain-transfer-recipient')
          .textContent()
          .catch(() => '')) ?? '',
      LONG,
    )
    .toContain(receiverName)
  await form.getByLabel('过户原因').fill('职能划转，信息公开工作移交接收单位')
  await form.getByRole('button', { name: '提交过户申请' }).click()
  const question = await confirmInDialog(page, '提交申请')
  // The pending request, or what the form says instead (so a refusal names itself rather than timing out blind).
  await expect
    .poll(async () => {
      if (await page.getByTestId('domain-transfer-pending').isVisible()) return 'pending'
      const alerts = await form.getByRole('alert').allTextContents()
      return alerts.join(' ') || 'waiting'
    }, LONG)
    .toBe('pending')
  return question
}

/** 清丰县编办 approves the pending transfer of the domain at 域名过户审批. */
async function approveAsCounty(page: Page, screenshot?: string) {
  await page.goto(`${webUrl}/office/domain-transfers`)
  const card = page.getByTestId('domain-transfer-queue').getByRole('listitem').filter({ hasText: DOMAIN }).first()
  await card.waitFor(LONG)
  if (screenshot) await screenshotBothWidths(page, screenshot)
  await card.getByRole('button', { name: '通过', exact: true }).click()
  const question = await confirmInDialog(page, '通过')
  expect(question).toContain('最后一个审批')
  await expect
    .poll(async () => (await page.getByTestId('domain-transfer-queue-result').textContent()) ?? '', LONG)
    .toContain('已完成过户')
}

describe('域名过户: the unit asks, its county office approves, the domain moves', () => {
  it('moves 清丰县信息公开.政务 to a new unit and back', { timeout: 600_000 }, async () => {
    // The receiving unit: registered for this test (a 党政机关 of 清丰县, so it may hold .政务).
    const receiver = await newPerson(browser, { contexts })
    const input = await registerFreshUnit(receiver, webUrl, apiUrl)
    await logInThroughPortal(receiver, webUrl, input.username, '/unit', input.password)

    const giver = await demoPerson('qfzf', '/unit')
    await openFromMenu(giver, '我的域名')
    await giver.waitForURL(`${webUrl}/unit/domains`)
    await rowWith(giver.getByTestId('my-domains'), DOMAIN).waitFor(LONG)
    await rowWith(giver.getByTestId('my-domains'), DOMAIN).getByRole('button', { name: '过户' }).click()
    await giver.getByTestId('domain-transfer-form').waitFor()
    await giver.getByTestId('domain-transfer-form').getByLabel('接收单位统一社会信用代码').fill(input.creditCode)
    await giver.getByRole('button', { name: '查询接收单位' }).click()
    await giver.getByTestId('domain-transfer-recipient').waitFor(LONG)
    await screenshotBothWidths(giver, 'domain-transfer-01-form')
    await giver.getByRole('button', { name: '取消' }).click()

    const question = await fileTransfer(giver, input.creditCode, input.name)
    expect(question).toContain(input.name)
    const card = giver.getByTestId('domain-transfers').getByRole('listitem').filter({ hasText: DOMAIN }).first()
    await card.getByText('审批进度：已同意 0 / 1').waitFor(LONG)
    await screenshotBothWidths(giver, 'domain-transfer-02-pending')

    // The receiving unit sees it coming, without actions.
    await receiver.goto(`${webUrl}/unit/domains`)
    const incoming = receiver.getByTestId('domain-transfers').getByRole('listitem').filter({ hasText: DOMAIN })
    await incoming.waitFor(LONG)
    expect(await incoming.getByRole('button').count()).toBe(0)

    const county = await demoPerson('qingfeng', '/office')
    await openFromMenu(county, '域名过户审批')
    await county.waitForURL(`${webUrl}/office/domain-transfers`)
    await approveAsCounty(county, 'domain-transfer-03-queue')

    // The domain is the receiving unit's now, and no longer the giver's.
    await receiver.goto(`${webUrl}/unit/domains`)
    await rowWith(receiver.getByTestId('my-domains'), DOMAIN).waitFor(LONG)
    await screenshotBothWidths(receiver, 'domain-transfer-04-received')
    await giver.goto(`${webUrl}/unit/domains`)
    await giver.getByTestId('domain-transfers').waitFor(LONG)
    expect(await rowWith(giver.getByTestId('my-domains'), DOMAIN).count()).toBe(0)
    await giver
      .getByTestId('domain-transfers')
      .getByRole('listitem')
      .filter({ hasText: DOMAIN })
      .first()
      .getByText('已过户')
      .waitFor(LONG)

    // And back, so the demo data stays as it was.
    const qfzfCreditCode = await (async () => {
      await giver.goto(`${webUrl}/unit/profile`)
      const facts = giver.getByTestId('unit-facts')
      await facts.waitFor(LONG)
      return ((await facts.textContent()) ?? '').match(/[0-9A-HJ-NPQRTUWXY]{18}/)![0]
    })()
    await fileTransfer(receiver, qfzfCreditCode, '清丰县人民政府办公室')
    await approveAsCounty(county)
    await giver.goto(`${webUrl}/unit/domains`)
    await rowWith(giver.getByTestId('my-domains'), DOMAIN).waitFor(LONG)
  })
})
