// A rejected domain application edited and resubmitted, in a real browser (issue 15, defect 8): the unit applies, the
// county office rejects it with a reason, the unit renames it and changes the term and resubmits; the office and then
// CONAC see that it is a resubmission, the earlier decisions with the reason, and old → new for each changed field; the
// unit's notices read cleanly; 域名历史查询 shows the rejection against the old name and the approval against the new
// one. Screenshots at 1366 and 390 px go to tests/.artifacts/screenshots/resubmission-*.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { logIn as logInAt, newPerson as openPerson } from '../testkit/people.ts'

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

const WIDE = { width: 1366, height: 900 }
const NARROW = { width: 390, height: 844 }
const newPerson = () => openPerson(browser, { viewport: WIDE, contexts })
const logIn = (page: Page, username: string, home: string) => logInAt(page, webUrl, username, home)

/** The page at 1366 px and at 390 px, whole length; the viewport is wide again afterwards. */
async function shots(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`resubmission-${name}-1366`), fullPage: true })
  await page.setViewportSize(NARROW)
  await page.screenshot({ path: screenshotPath(`resubmission-${name}-390`), fullPage: true })
  await page.setViewportSize(WIDE)
}

function rowWith(table: Locator, text: string): Locator {
  return table.getByRole('row').filter({ hasText: text })
}

/** The resubmission panel below a queue row, by the domain's current full name. */
function resubmissionOf(page: Page, fullName: string): Locator {
  return page.locator('[data-testid^="resubmission-"]').filter({ hasText: fullName })
}

/** A table's body rows as arrays of cell texts, once the table is there. */
async function cellTexts(table: Locator): Promise<string[][]> {
  await table.locator('tbody tr').first().waitFor()
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    )
}

const run = `${Date.now() % 1_000_000}`.padStart(6, '0')
const oldName = `清丰重提旧${run}`
const newName = `清丰重提新${run}`
const oldFull = `${oldName}.政务`
const newFull = `${newName}.政务`
const reason = '名称与单位职能不符，请重新申请。'
const officeName = '河南省濮阳市清丰县机构编制委员会办公室'

describe('domain resubmission (issue 15, defect 8)', () => {
  it(
    'the office and CONAC see the earlier reason and old → new; history keeps both names',
    { timeout: 300_000 },
    async () => {
      // 1. 清丰县人民政府办公室 applies for 2 years.
      const unit = await newPerson()
      await logIn(unit, 'qfzf', '/unit')
      await unit.goto(`${webUrl}/unit/domains`)
      const apply = unit.getByTestId('apply-domain-form')
      await apply.getByLabel('域名').fill(oldName)
      await apply.getByLabel('注册年限').selectOption('2')
      await expect
        .poll(() => apply.getByTestId('domain-availability').textContent(), { timeout: 20_000 })
        .toContain('可以申请')
      await apply.getByRole('button', { name: '提交申请' }).click()
      await apply.getByText(`已提交域名申请 ${oldFull}`).waitFor()

      // 2. The county office rejects it with a reason that ends in a full stop.
      const office = await newPerson()
      await logIn(office, 'qingfeng', '/office')
      await office.goto(`${webUrl}/office/domains/review`)
      const first = rowWith(office.getByTestId('review-queue'), oldFull)
      expect(await first.locator('.review-resubmitted-tag').count()).toBe(0) // a first application is not a resubmission
      await first.getByRole('button', { name: '不通过' }).click()
      await first.getByLabel('不通过原因').fill(reason)
      await first.getByRole('button', { name: '提交不通过' }).click()
      await confirmInDialog(office, '不通过')
      await office.getByText(`${oldFull} 编办审核不通过，已通知申请单位。`).waitFor()

      // 3. The unit reads the reason, renames the domain, takes 3 years and resubmits.
      await unit.goto(`${webUrl}/unit/domains`)
      const mine = rowWith(unit.getByTestId('my-domains'), oldFull)
      expect(await mine.getByTestId('rejection-reason').textContent()).toBe(`不通过原因：${reason}`)
      await mine.getByRole('button', { name: '修改并重新提交' }).click()
      await mine.getByLabel('域名', { exact: true }).fill(newName)
      await mine.getByLabel('注册年限').selectOption('3')
      await shots(unit, '01-unit-editing')
      await mine.getByRole('button', { name: '重新提交' }).click()
      await unit.getByText(`已重新提交 ${newFull}（原 ${oldFull}），等待同级编办审核。`).waitFor()
      await expect
        .poll(() => rowWith(unit.getByTestId('my-domains'), newFull).getByTestId('domain-status').textContent())
        .toBe('待审核')
      await shots(unit, '02-unit-resubmitted')

      // The unit's notice of the rejection: the domain as it was named, one full stop after the reason.
      await unit.goto(`${webUrl}/notifications`)
      const rejectionNotice = unit.getByTestId('notification-item').filter({ hasText: `${oldFull} 编办审核未通过` })
      expect(await rejectionNotice.first().textContent()).toContain(`原因：${reason}请修改后重新提交。`)
      expect(await unit.getByTestId('notifications').textContent()).not.toContain('。。')
      await shots(unit, '03-unit-notifications')

      // 4. The office sees a resubmission: the tag, the earlier decision with its reason, and old → new.
      await office.goto(`${webUrl}/office/domains/review`)
      const again = rowWith(office.getByTestId('review-queue'), newFull).first()
      expect(await again.locator('.review-resubmitted-tag').textContent()).toBe('重新提交')
      const panel = resubmissionOf(office, newFull)
      expect(await panel.locator('.review-resubmission-summary').textContent()).toContain(
        `此前编办审核不通过（${officeName}，`,
      )
      expect(await panel.locator('.review-resubmission-summary').textContent()).toContain(`原因：${reason}`)
      expect(await cellTexts(panel.locator('[data-testid^="changes-"]'))).toEqual([
        ['域名', oldFull, newFull],
        ['注册年限', '2 年', '3 年'],
      ])
      const decisions = await cellTexts(panel.locator('[data-testid^="decisions-"]'))
      expect(decisions).toHaveLength(1)
      expect(decisions[0]!.slice(0, 4)).toEqual(['编办审核', '不通过', reason, officeName])
      await shots(office, '04-office-review')
      // The decision buttons stay on screen at 1366 px next to the panel.
      const approveBox = await again.getByRole('button', { name: '通过', exact: true }).boundingBox()
      expect(approveBox!.x + approveBox!.width).toBeLessThanOrEqual(WIDE.width)
      await again.getByRole('button', { name: '通过', exact: true }).click()
      await confirmInDialog(office, '通过')
      await office.getByText(`${newFull} 编办审核通过，已通知申请单位。`).waitFor()

      // 5. CONAC sees the same: what changed since it was sent back, and both office decisions.
      const conac = await newPerson()
      await logIn(conac, 'conac', '/conac')
      await conac.goto(`${webUrl}/conac/domains/review`)
      const atConac = resubmissionOf(conac, newFull)
      expect(await cellTexts(atConac.locator('[data-testid^="changes-"]'))).toEqual([
        ['域名', oldFull, newFull],
        ['注册年限', '2 年', '3 年'],
      ])
      expect((await cellTexts(atConac.locator('[data-testid^="decisions-"]'))).map((row) => row.slice(0, 3))).toEqual([
        ['编办审核', '不通过', reason],
        ['编办审核', '通过', '—'],
      ])
      await shots(conac, '05-conac-review')

      // 6. 域名历史查询: the rejection against the old name (now called …), the approval against the new one.
      await office.goto(`${webUrl}/office/domains/history`)
      const rejected = rowWith(office.getByTestId('domain-history'), reason)
      expect(await rejected.getByTestId('history-domain').textContent()).toBe(`${oldFull}现名称：${newFull}`)
      await shots(office, '06-office-history-rejected')
      await office.getByLabel('审核结果').selectOption({ label: '全部' })
      await office.getByLabel('域名或单位名称').fill(newName)
      await office.getByRole('button', { name: '查询' }).click()
      // Poll the names themselves: before the search answers, the rejected-only list (other tests' rejections too) can
      // have the same number of rows.
      const names = () => office.getByTestId('domain-history').getByTestId('history-domain').allTextContents()
      await expect.poll(names, { timeout: 60_000 }).toEqual([newFull, `${oldFull}现名称：${newFull}`]) // newest first
      await shots(office, '07-office-history-all')
      await conac.goto(`${webUrl}/conac/domains/history`)
      expect(
        await rowWith(conac.getByTestId('domain-history'), reason).getByTestId('history-domain').textContent(),
      ).toBe(`${oldFull}现名称：${newFull}`)
      await shots(conac, '08-conac-history')
    },
  )
})
