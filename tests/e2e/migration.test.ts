// 数据迁移 in a real browser: CONAC (conac) opens 数据迁移 from the menu, starts an import, uploads the units and
// domains files plus a file of no known kind (named and refused) and one with a bad row, validates (the report names
// the bad row: file, 行号, 列, 原因), downloads the XLSX report, commits after the confirmation dialog and sees the
// counts per kind; the imported domains are then found in 域名查询.
// Screenshots at 1366 and 390 px go to tests/.artifacts/screenshots/migration-*.png.
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, logInAs, screenshotPath } from '../testkit/browser.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { badCheckCharacter, templateCsv, unitsAndDomains } from '../testkit/migrationFiles.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'

const webUrl = inject('webUrl')

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await page?.context().close()
  await browser?.close()
})

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })

async function shots(name: string) {
  await page.screenshot({ path: screenshotPath(`migration-${name}-1366`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: screenshotPath(`migration-${name}-390`), fullPage: true })
  await page.setViewportSize({ width: 1366, height: 900 })
}

describe('数据迁移: upload, validate, report, commit', () => {
  it(
    'CONAC imports units and domains, reads the refused row, commits and finds the domains',
    { timeout: 400_000 },
    async () => {
      const data = unitsAndDomains(3)
      const badUnit = { ...unitsAndDomains(1).units[0]!, 统一社会信用代码: badCheckCharacter(makeCreditCode('410922')) }
      page = await logInAs(browser, webUrl, 'conac', '/conac')

      await openFromMenu(page, '数据迁移')
      await page.waitForURL(`${webUrl}/conac/migration`)
      await page.getByRole('heading', { name: '数据迁移', level: 1 }).waitFor()
      await page.getByTestId('migration-new').click()
      const panel = page.getByTestId('migration-run')
      await panel.waitFor()
      await page.getByTestId('migration-files-empty').waitFor()

      await page
        .getByTestId('migration-file-input')
        .setInputFiles([
          csv('注册单位.csv', templateCsv('units', [...data.units, badUnit])),
          csv('域名.csv', templateCsv('domains', data.domains)),
          csv('说明.csv', '说明,备注\n这不是模板,\n'),
        ])
      const files = page.getByTestId('migration-files')
      await files.getByRole('row').filter({ hasText: '注册单位.csv' }).filter({ hasText: '注册单位' }).waitFor()
      await files.getByRole('row').filter({ hasText: '域名.csv' }).waitFor()
      // The file of no known kind is named and was not stored.
      await expect
        .poll(async () => (await page.getByTestId('migration-upload-errors').textContent()) ?? '', { timeout: 60_000 })
        .toContain('说明.csv')
      expect(await files.getByRole('row').filter({ hasText: '说明.csv' }).count()).toBe(0)

      await page.getByTestId('migration-validate').click()
      const summary = page.getByTestId('migration-summary')
      await summary.filter({ hasText: '1 行被拒绝' }).waitFor({ timeout: 120_000 })
      const problems = page.getByTestId('migration-problems')
      const problemRow = problems.getByRole('row').filter({ hasText: '注册单位.csv' })
      await problemRow.first().waitFor()
      const problemText = (await problemRow.first().textContent()) ?? ''
      expect(problemText).toContain('统一社会信用代码')
      expect(problemText).toContain('5') // 行号: the bad unit is the fourth data row, sheet row 5
      const counts = page.getByTestId('migration-counts')
      expect(await counts.getByRole('row').filter({ hasText: '注册单位' }).textContent()).toMatch(/4\s*3\s*1/)
      await shots('validated')

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('migration-report-download').click(),
      ])
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile((await download.path())!)
      expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toContain('注册单位.csv')

      await page.getByTestId('migration-commit').click()
      const question = await confirmInDialog(page, '提交导入')
      expect(question).toContain('注册单位')
      expect(question).toContain('1 行被拒绝')
      await page.getByTestId('migration-status').filter({ hasText: '已导入' }).first().waitFor({ timeout: 180_000 })
      await page.getByTestId('migration-summary').filter({ hasText: '新增' }).waitFor()
      const unitsResult = (await counts.getByRole('row').filter({ hasText: '注册单位' }).textContent()) ?? ''
      expect(unitsResult).toMatch(/4\s*3\s*0\s*0\s*1/) // 行数 4: 新增 3, 更新 0, 未变 0, 拒绝 1
      await shots('committed')

      // The imported domains are in 域名查询.
      await openFromMenu(page, '域名查询')
      await page.waitForURL(`${webUrl}/conac/domains`)
      await page.getByLabel('域名或单位名称').fill(data.domainNames[0]!)
      await page.getByRole('button', { name: '查询' }).click()
      await page
        .getByTestId('domain-search-results')
        .getByRole('row')
        .filter({ hasText: data.domainNames[0]! })
        .waitFor({ timeout: 60_000 })
    },
  )
})
