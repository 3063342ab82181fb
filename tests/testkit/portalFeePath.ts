// The fee path clicked through the portal, as the people do it (testkit/feePath.ts is the same path through the API,
// for tests that only need its end): the unit applies for a domain, its same-level office and CONAC approve it in
// their review queues, the office collects the fee and remits the week, and CONAC confirms the remittance (认款),
// which charges the office's recharged balance at once, so the domain is registered the same day (seed 003).
// Each step waits for what the portal says when it is done; a test adds its own checks and screenshots through the
// `inspect` callbacks, at the moment the step shows what it is about to act on.
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { confirmInDialog } from './confirmDialog.ts'
import { rowWith } from './portal.ts'

type Inspect = (row: Locator) => Promise<void>

/** 申请域名 on /unit/domains (the unit's own suffix, .政务 for 党政机关); returns its row in 我的域名, 待审核. */
export async function applyForDomainInPortal(
  unit: Page,
  webUrl: string,
  { name, years }: { name: string; years: number },
): Promise<{ fullName: string; row: Locator }> {
  const fullName = `${name}.政务`
  await unit.goto(`${webUrl}/unit/domains`)
  const apply = unit.getByTestId('apply-domain-form')
  await apply.getByLabel('域名').fill(name)
  await apply.getByLabel('注册年限').selectOption(String(years))
  await expect
    .poll(() => apply.getByTestId('domain-availability').textContent(), { timeout: 30_000 })
    .toContain('可以申请')
  await apply.getByRole('button', { name: '提交申请' }).click()
  await apply.getByText(`已提交域名申请 ${fullName}`).waitFor()
  const row = rowWith(unit.getByTestId('my-domains'), fullName)
  await expect.poll(() => row.textContent()).toContain('待审核')
  return { fullName, row }
}

const REVIEW = {
  office: { path: '/office/domains/review', done: '编办审核通过，已通知申请单位。' },
  conac: { path: '/conac/domains/review', done: 'CONAC审核通过，已通知申请单位。' },
}

/** 通过 on the review queue of the same-level office (编办审核) or of CONAC (CONAC审核); the row leaves the queue. */
export async function approveDomainInPortal(
  reviewer: Page,
  webUrl: string,
  { by, fullName, inspect }: { by: 'office' | 'conac'; fullName: string; inspect?: Inspect },
): Promise<void> {
  await reviewer.goto(`${webUrl}${REVIEW[by].path}`)
  const row = rowWith(reviewer.getByTestId('review-queue'), fullName)
  await row.waitFor()
  await inspect?.(row)
  await row.getByRole('button', { name: '通过', exact: true }).click()
  await confirmInDialog(reviewer, '通过')
  await reviewer.getByText(`${fullName} ${REVIEW[by].done}`).waitFor()
  await row.waitFor({ state: 'detached' })
}

/**
 * 收费 on /office/fees: the unit's row, the dialog's expected total (`amount`, e.g. "600.00"), the amount received,
 * 下一步, 确认收费; the domain then waits among 待缴费域名. `inspect` sees the unit's row, `beforeConfirming` the
 * dialog's confirmation step.
 */
export async function collectFeeInPortal(
  office: Page,
  webUrl: string,
  options: {
    unitName: string
    fullName: string
    amount: string
    invoiceCount?: number
    inspect?: Inspect
    beforeConfirming?: () => Promise<void>
  },
): Promise<void> {
  const { unitName, fullName, amount } = options
  await office.goto(`${webUrl}/office/fees`)
  const row = rowWith(office.getByTestId('units-awaiting-payment'), unitName)
  expect(await row.textContent()).toContain(fullName)
  expect(await row.textContent()).toContain(amount)
  await options.inspect?.(row)
  await row.getByRole('button', { name: '收费' }).click()
  const dialog = office.getByTestId('collect-fee-dialog')
  expect(await dialog.getByTestId('expected-total').textContent()).toBe(amount)
  await dialog.getByLabel('实收金额（元）').fill(amount)
  await dialog.getByLabel('开具发票数量').fill(String(options.invoiceCount ?? 1))
  await dialog.getByRole('button', { name: '下一步' }).click()
  await options.beforeConfirming?.()
  await dialog.getByRole('button', { name: '确认收费' }).click()
  await office.getByText(`已向 ${unitName} 收费 ${amount} 元`).waitFor()
  await row.waitFor({ state: 'detached' })
  await rowWith(office.getByTestId('fee-collected-domains'), fullName).waitFor()
}

/**
 * 提交汇款单 on /office/remittances: this week's collections of the office, to CONAC. `inspect` sees the row of
 * `unitName` among the collections not yet remitted, before it is submitted.
 */
export async function remitThisWeekInPortal(
  office: Page,
  webUrl: string,
  { unitName, inspect }: { unitName: string; inspect?: Inspect },
): Promise<void> {
  await office.goto(`${webUrl}/office/remittances`)
  const unremitted = rowWith(office.getByTestId('unremitted-collections'), unitName)
  await unremitted.waitFor()
  await inspect?.(unremitted)
  await office.getByRole('button', { name: '提交汇款单' }).click()
  await confirmInDialog(office, '提交')
  await office.getByText(/汇款单已提交：[\d,.]+ 元，等待 CONAC 认款。/).waitFor()
  await rowWith(office.getByTestId('office-remittances'), '已汇款，待认款').first().waitFor()
}

/**
 * 认款 on /conac/remittances of the office's waiting remittance: it recharges the office's balance and charges every
 * item of it at once, so its domains are registered today; the remittance leaves 待认款.
 */
export async function confirmRemittanceInPortal(
  conac: Page,
  webUrl: string,
  { officeName, inspect }: { officeName: string; inspect?: Inspect },
): Promise<void> {
  await conac.goto(`${webUrl}/conac/remittances`)
  const row = rowWith(conac.getByTestId('conac-remittances'), officeName)
  await row.waitFor()
  await inspect?.(row)
  await row.getByRole('button', { name: '认款' }).click()
  await confirmInDialog(conac, '认款')
  await conac.getByText(new RegExp(`已认款：${officeName} [\\d,.]+ 元。本单 \\d+ 项已全部扣费`)).waitFor()
  await row.waitFor({ state: 'detached' })
}
