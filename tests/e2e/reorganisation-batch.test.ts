// 批量机构改革 in a real browser: the 河南省 office (henan) opens 批量机构改革 from the menu, uploads a CSV with a bad
// date and reads the report (行号, 列, reason); uploads the corrected XLSX (a rename and a merge of three units of
// its own, registered for this test), sees it clean and submits it in the confirmation dialog; CONAC (conac) opens
// the batch, approves it, and the progress on the page reaches 100% (polled while the job runs).
// Screenshots at 1366 px go to tests/.artifacts/screenshots/reorganisation-batch-*.png.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ITEM_COLUMNS as C } from '../../server/src/modules/reorganisationBatches/columns.ts'
import { buildCsv, buildWorkbook, type ItemRow } from '../../server/src/modules/reorganisationBatches/template.ts'
import { launchBrowser, logInAs, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { registerFreshUnit } from '../testkit/freshUnit.ts'
import { openFromMenu } from '../testkit/menu.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const run = `${Date.now() % 100_000}`

let browser: Browser
const pages: Page[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const page of pages) await page.context().close()
  await browser?.close()
})

async function loggedIn(username: string, home: string) {
  const page = await logInAs(browser, webUrl, username, home)
  pages.push(page)
  return page
}

describe('批量机构改革: upload, dry run, submit, approve, progress to 100%', () => {
  let items: ItemRow[]
  let fileName: string

  it('the province office uploads, reads the report, fixes the file and submits it', { timeout: 300_000 }, async () => {
    const page = await loggedIn('henan', '/office')
    const units = []
    for (let i = 0; i < 3; i++) units.push(await registerFreshUnit(page, webUrl, apiUrl))
    items = [
      {
        [C.sequence]: 1,
        [C.kind]: '更名',
        [C.effectiveDate]: '2024年3月1日',
        [C.sources]: units[0]!.creditCode,
        [C.newName]: `清丰县批量更名单位${run}`,
        [C.note]: '豫编〔2024〕1号',
      },
      {
        [C.sequence]: 2,
        [C.kind]: '合并',
        [C.effectiveDate]: '2024-03-01',
        [C.sources]: units[2]!.creditCode,
        [C.absorbingCode]: units[1]!.creditCode,
        [C.note]: '豫编〔2024〕2号',
      },
    ]
    fileName = `河南省机构改革${run}.xlsx`

    await openFromMenu(page, '批量机构改革')
    await page.waitForURL(`${webUrl}/office/reorganisation-batches`)
    await page.getByRole('heading', { name: '批量机构改革', level: 1 }).waitFor()

    // A CSV with a date that is no day: the report names the row and the column.
    const bad = buildCsv([{ ...items[0]!, [C.effectiveDate]: '2024年13月1日' }, items[1]!])
    await page.getByTestId('batch-file').setInputFiles({
      name: `有误${run}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(bad, 'utf8'),
    })
    await page.getByTestId('batch-dry-run').click()
    const problems = page.getByTestId('batch-problems')
    await problems.waitFor({ timeout: 60_000 })
    const problemText = (await problems.textContent()) ?? ''
    expect(problemText).toContain('生效日期')
    expect(problemText).toContain('不是有效日期')
    expect(await page.getByTestId('batch-submit').isDisabled()).toBe(true)
    await page.screenshot({ path: screenshotPath('reorganisation-batch-01-report'), fullPage: true })

    // The corrected file, as Excel.
    await page.getByTestId('batch-file').setInputFiles({
      name: fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await buildWorkbook(items)),
    })
    await page.getByTestId('batch-dry-run').click()
    const summary = page.getByTestId('batch-report-summary')
    await expect.poll(async () => (await summary.textContent()) ?? '', { timeout: 60_000 }).toContain('全部通过检查')
    expect(await page.getByTestId('batch-rows').textContent()).toContain(`清丰县批量更名单位${run}`)
    await page.screenshot({ path: screenshotPath('reorganisation-batch-02-clean'), fullPage: true })

    await page.getByTestId('batch-submit').click()
    const question = await confirmInDialog(page, '提交')
    expect(question).toContain('共 2 项机构改革')
    const result = page.getByTestId('batch-result')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.textContent()).toContain('等待中央编办')
    const list = page.getByTestId('batch-list')
    await expect.poll(async () => (await list.textContent()) ?? '', { timeout: 30_000 }).toContain(fileName)
  })

  it('CONAC approves it and the page shows the progress up to 100%', { timeout: 300_000 }, async () => {
    const page = await loggedIn('conac', '/conac')
    await openFromMenu(page, '批量机构改革')
    await page.waitForURL(`${webUrl}/conac/reorganisation-batches`)
    const row = page.getByTestId('batch-list').getByRole('row').filter({ hasText: fileName })
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('link', { name: '审核' }).click()
    await page.getByTestId('batch-review').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: screenshotPath('reorganisation-batch-03-review'), fullPage: true })
    await page.getByRole('button', { name: '审核通过' }).click()
    await confirmInDialog(page, '通过')

    const progress = page.getByTestId('batch-progress-text')
    await expect
      .poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 120_000, interval: 1000 })
      .toContain('已处理 2 / 2 项（100%）')
    expect(await progress.textContent()).toContain('已执行 2 项，失败 0 项')
    await expect
      .poll(async () => (await page.getByTestId('batch-status').textContent()) ?? '', { timeout: 30_000 })
      .toBe('已完成')
    await page.screenshot({ path: screenshotPath('reorganisation-batch-04-done'), fullPage: true })
  })
})
