// 机构改革 in the browser, on a PostgreSQL stack of its own (a merge deactivates demo units the shared stack's other
// tests rely on): 清丰县编办 files a merge of 清丰县人民政府办公室 and another unit into a new unit through the wizard
// (search the sources, the new unit's facts, list the objects, 试运行, 提交 in the confirmation dialog); a second
// 审核员 of the same office approves it (four eyes) and the plan is carried out, the result table naming the new unit.
// Then a split of 清丰县人民医院 into two new units, its users to the second one, is filed and approved the same way;
// the result table shows where each object went, and the public verification page of the hospital's (demo) badge
// shows the first new unit and "原单位 清丰县人民医院，<date>".
// Screenshots: tests/.artifacts/screenshots/reorganisation-*.png (1366 and 390 px).
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'
import { screenshotBothWidths } from '../testkit/portal.ts'
import { startOwnPostgresStack, type OwnStack } from '../testkit/ownStack.ts'

const unavailable = process.env.TEST_DATABASE_URL ? null : 'needs a PostgreSQL server (set TEST_DATABASE_URL)'
if (unavailable) console.warn(`[reorganisation] skipped: ${unavailable}`)

const SECOND_REVIEWER = 'qf-shenhe2'
const PARTNER = '清丰县机构改革测试单位'
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

let own: OwnStack | undefined

beforeAll(async () => {
  if (unavailable) return
  own = await startOwnPostgresStack('reorganisation', { timeoutMs: 400_000 })
  const client = new pg.Client({ connectionString: own.databaseUrl })
  await client.connect()
  try {
    // A second 审核员 of 清丰县编办 (same password as the demo accounts) and a second 党政机关 unit to merge.
    await client.query(
      `INSERT INTO users (username, "displayName", "passwordHash", "passwordChangedAt", role, "officeRoles", demo,
                          "officeId", status, "updatedAt")
       SELECT $1, '清丰县审核员乙', "passwordHash", "passwordChangedAt", role, ARRAY['REVIEWER']::"OfficeRole"[], true,
              "officeId", 'ACTIVE', now()
         FROM users WHERE username = 'qingfeng'`,
      [SECOND_REVIEWER],
    )
    await client.query(
      `INSERT INTO units (name, type, "systemCategory", "creditCode", "regionCode", address, postcode, "handlerName",
                          "handlerMobile", "handlerEmail", "updatedAt")
       VALUES ($1, 'PARTY_GOVERNMENT', 'GOVERNMENT', $2, '410922', '河南省濮阳市清丰县测试路 2 号', '457300', '赵经办',
               '13900002222', 'partner@example.cn', now())`,
      [PARTNER, makeCreditCode('410922')],
    )
  } finally {
    await client.end()
  }
}, 1_300_000)

afterAll(() => own?.stop(), 120_000)

async function addSource(page: Page, name: string) {
  await page.getByLabel('按单位名称或统一社会信用代码查找本辖区单位').fill(name)
  await page.getByRole('button', { name: '查询' }).click()
  const results = page.getByTestId('reorg-unit-results')
  const row = results.getByRole('listitem').filter({ hasText: name }).first()
  await row.getByRole('button', { name: '加为原单位' }).click()
  await page.getByTestId('reorg-sources').getByText(name).waitFor()
}

async function fillNewUnit(page: Page, ref: string, name: string, type: '党政机关' | '事业单位') {
  const box = page.getByTestId(`reorg-target-${ref}`)
  await box.getByLabel('单位名称').fill(name)
  await box.getByLabel('统一社会信用代码').fill(makeCreditCode('410922', type === '事业单位' ? '12' : '11'))
  await box.getByLabel('单位类型').selectOption({ label: type })
  await box.getByLabel('系统类别').selectOption({ label: type === '事业单位' ? '事业单位' : '政府' })
  await box.getByLabel('省（自治区、直辖市）').selectOption({ label: '河南省' })
  await box.getByLabel('市（地区、州）').selectOption({ label: '濮阳市' })
  await box.getByLabel('县（市、区）').selectOption({ label: '清丰县' })
  await box.getByLabel('单位地址').fill('河南省濮阳市清丰县改革路 8 号')
  await box.getByLabel('邮政编码').fill('457300')
  await box.getByLabel('经办人姓名').fill('钱经办')
  await box.getByLabel('经办人手机').fill('13900003333')
  await box.getByLabel('经办人邮箱').fill('reorg-e2e@example.cn')
}

/** 列出对象, 试运行 (must pass), 提交 in the dialog: returns the new request's page. */
async function dryRunAndSubmit(page: Page, webUrl: string, screenshot: string) {
  await page.getByTestId('reorg-list-objects').click()
  await page.getByTestId('reorg-objects').waitFor()
  await page.getByTestId('reorg-dry-run').click()
  await expect
    .poll(async () => (await page.getByTestId('reorg-result').textContent()) ?? '', { timeout: 60_000 })
    .toContain('试运行通过')
  await screenshotBothWidths(page, `reorganisation-${screenshot}-wizard`)
  await page.getByTestId('reorg-submit').click()
  await confirmInDialog(page, '提交')
  await page.waitForURL(new RegExp(`${webUrl}/office/reorganisations/\\d+$`), { timeout: 60_000 })
  await page.getByTestId('reorganisation-detail').waitFor()
  expect(await page.getByTestId('reorganisation-status').textContent()).toBe('待审核')
  return page.url()
}

async function approveAsSecondReviewer(url: string, screenshot: string) {
  const reviewer = await own!.people.loggedIn(SECOND_REVIEWER)
  await reviewer.goto(url)
  await reviewer.getByTestId('reorganisation-review').waitFor()
  await screenshotBothWidths(reviewer, `reorganisation-${screenshot}-review`)
  await reviewer.getByTestId('reorganisation-approve').click()
  await confirmInDialog(reviewer, '通过并实施')
  await expect
    .poll(async () => (await reviewer.getByTestId('reorganisation-status').textContent()) ?? '', { timeout: 120_000 })
    .toBe('已实施')
  expect(await reviewer.getByTestId('reorganisation-result').textContent()).toContain('已审核通过并实施')
  return reviewer
}

describe.skipIf(unavailable !== null)('机构改革 in the portal', () => {
  it(
    'a merge into a new unit: filed in the wizard, approved by another reviewer, carried out',
    { timeout: 900_000 },
    async () => {
      const { webUrl } = own!.stack
      const office = await own!.people.loggedIn('qingfeng')
      await office.getByRole('button', { name: '用户管理' }).click()
      await office.getByRole('link', { name: '机构改革', exact: true }).click()
      await office.waitForURL(`${webUrl}/office/reorganisations`)
      await office.getByTestId('reorganisations-empty').waitFor()
      await office.getByTestId('reorganisation-new').click()
      await office.getByTestId('reorganisation-wizard').waitFor()

      await office.getByLabel('改革依据').fill('清编〔2026〕8 号')
      await addSource(office, '清丰县人民政府办公室')
      await addSource(office, PARTNER)
      const merged = `清丰县政务服务中心${Date.now() % 10_000}`
      await fillNewUnit(office, 'T1', merged, '党政机关')
      const url = await dryRunAndSubmit(office, webUrl, 'merge')

      // The one who filed it is not asked to approve it.
      expect(await office.getByTestId('reorganisation-review').count()).toBe(0)
      const reviewer = await approveAsSecondReviewer(url, 'merge')
      const table = reviewer.getByTestId('reorganisation-objects')
      expect(await table.innerText()).toContain(`划转到 ${merged}`)
      await screenshotBothWidths(reviewer, 'reorganisation-merge-done')
    },
  )

  it(
    'a split into two new units: the users go to the second, everything else (the badge too) to the first',
    { timeout: 900_000 },
    async () => {
      const { webUrl } = own!.stack
      const office = await own!.people.loggedIn('qingfeng')
      await office.goto(`${webUrl}/office/reorganisations/new`)
      await office.getByTestId('reorganisation-wizard').waitFor()
      await office.getByLabel('类型', { exact: true }).selectOption({ label: '拆分' })
      await office.getByLabel('改革依据').fill('清编〔2026〕9 号')
      await addSource(office, '清丰县人民医院')
      const first = `清丰县人民医院东院${Date.now() % 10_000}`
      const second = `清丰县人民医院西院${Date.now() % 10_000}`
      await fillNewUnit(office, 'T1', first, '事业单位')
      await office.getByTestId('reorg-add-target').click()
      await fillNewUnit(office, 'T2', second, '事业单位')
      await office.getByTestId('reorg-list-objects').click()
      const objects = office.getByTestId('reorg-objects')
      await objects.waitFor()
      // Every user of the hospital goes to the second new unit.
      const userRows = objects.getByRole('row').filter({ hasText: '用户' })
      for (let i = 0; i < (await userRows.count()); i++)
        await userRows
          .nth(i)
          .getByRole('combobox')
          .selectOption({ label: `划转到 T2 ${second}` })
      const url = await dryRunAndSubmit(office, webUrl, 'split')

      const reviewer = await approveAsSecondReviewer(url, 'split')
      const result = await reviewer.getByTestId('reorganisation-objects').innerText()
      expect(result).toContain(`划转到 ${first}`)
      expect(result).toContain(`划转到 ${second}`)
      expect(await reviewer.getByTestId('reorganisation-targets').innerText()).toContain(second)
      await screenshotBothWidths(reviewer, 'reorganisation-split-done')

      // The hospital's badge (the demo badge) went to the first new unit: the public page says so, with the date.
      const visitor = await own!.people.anonymous()
      await visitor.goto(`${webUrl}/verify/${DEMO_BADGE_NUMBER}`)
      await visitor.getByTestId('badge-facts').waitFor()
      expect(await visitor.getByTestId('badge-facts').innerText()).toContain(first)
      expect(await visitor.getByTestId('badge-reorganisation').textContent()).toContain(
        `原单位 清丰县人民医院，${today}`,
      )
      await screenshotBothWidths(visitor, 'reorganisation-split-verify')
    },
  )
})
