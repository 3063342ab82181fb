// 域名注销 in the portal: 清丰县人民医院 (qfyy) asks at 我的域名 to give up 清丰县人民医院.公益, whose site carries the demo
// badge; the page shows the badge before anything is sent, refuses without 一并注销, and asks for confirmation; the
// row then says 注销申请审核中. Its county office (qingfeng) approves at 域名注销审核 in the confirmation dialog; the
// unit's 我的域名 shows 已删除 and /verify says the badge is cancelled. On a stack of its own (PostgreSQL): cancelling
// the demo badge's domain would change what the other browser files on the shared stack read.
// Screenshots: tests/.artifacts/screenshots/domain-cancellation-*.png (1366 and 390 px).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { startOwnPostgresStack, type OwnStack } from '../testkit/ownStack.ts'

const DOMAIN = '清丰县人民医院.公益'

const unavailable = process.env.TEST_DATABASE_URL ? null : 'needs a PostgreSQL server (set TEST_DATABASE_URL)'
if (unavailable) console.warn(`[domain-cancellation] skipped: ${unavailable}`)

let own: OwnStack | undefined

beforeAll(async () => {
  if (unavailable) return
  own = await startOwnPostgresStack('cancellation', { timeoutMs: 400_000 })
}, 1_300_000)

afterAll(() => own?.stop(), 120_000)

describe.skipIf(unavailable !== null)('注销 a domain with a dependent badge, in the browser', () => {
  it(
    'the unit sees the badge in the impact, agrees to cancel it together and confirms',
    { timeout: 600_000 },
    async () => {
      const { webUrl } = own!.stack
      const unit = await own!.people.loggedIn('qfyy')
      await unit.goto(`${webUrl}/unit/domains`)
      const table = unit.getByTestId('my-domains')
      await table.waitFor()
      const row = rowWith(table, DOMAIN)
      await row.getByRole('link', { name: '申请注销' }).click()
      await unit.waitForURL(/\/unit\/domains\/\d+\/cancel$/)
      const impact = unit.getByTestId('domain-cancel-impact')
      await impact.waitFor()
      expect(await impact.innerText()).toContain(DEMO_BADGE_NUMBER)
      expect(await impact.innerText()).toContain('将一并注销')
      await screenshotBothWidths(unit, 'domain-cancellation-01-impact')

      await unit.getByLabel('注销原因').fill('医院网站已并入县卫健委门户，不再使用该域名')
      // Without 一并注销 the form says so and sends nothing.
      await unit.getByRole('button', { name: '提交注销申请' }).click()
      expect(await unit.getByTestId('domain-cancel-error').innerText()).toContain('一并注销')

      await unit.getByTestId('domain-cancel-together').check()
      await unit.getByRole('button', { name: '提交注销申请' }).click()
      const question = await confirmInDialog(unit, '申请注销')
      expect(question).toContain(DOMAIN)
      expect(question).toContain('网站标识 1 个')
      const result = unit.getByTestId('domain-cancel-result')
      await result.waitFor()
      expect(await result.innerText()).toContain('待同级编办审核')

      await unit.goto(`${webUrl}/unit/domains`)
      await table.waitFor()
      expect(await row.getByTestId('domain-cancellation-pending').innerText()).toBe('注销申请审核中')
      expect(await row.getByRole('button', { name: '撤回注销' }).count()).toBe(1)
      expect(await row.getByRole('link', { name: '申请注销' }).count()).toBe(0)
      await screenshotBothWidths(unit, 'domain-cancellation-02-pending')
    },
  )

  it(
    'the county office approves at 域名注销审核; the domain is 已删除 and the badge cancelled',
    { timeout: 600_000 },
    async () => {
      const { webUrl } = own!.stack
      const office = await own!.people.loggedIn('qingfeng')
      await openFromMenu(office, '域名注销审核')
      await office.waitForURL(`${webUrl}/office/domain-cancellations`)
      const queue = office.getByTestId('domain-cancel-review-queue')
      await queue.waitFor()
      const card = queue.locator(':scope > li').filter({ hasText: DOMAIN })
      expect(await card.count()).toBe(1)
      expect(await card.innerText()).toContain('清丰县人民医院')
      expect(await card.innerText()).toContain(DEMO_BADGE_NUMBER)
      expect(await card.innerText()).toContain('单位已同意一并注销')
      await screenshotBothWidths(office, 'domain-cancellation-03-queue')

      await card.getByRole('button', { name: '通过', exact: true }).click()
      const question = await confirmInDialog(office, '通过')
      expect(question).toContain(DOMAIN)
      const result = office.getByTestId('domain-cancel-review-result')
      await result.waitFor()
      expect(await result.innerText()).toContain('审核通过，域名已删除')
      await expect.poll(() => card.innerText(), { timeout: 60_000 }).toContain('审核通过（已注销）')
      await screenshotBothWidths(office, 'domain-cancellation-04-approved')

      const unit = await own!.people.loggedIn('qfyy')
      await unit.goto(`${webUrl}/unit/domains`)
      const table = unit.getByTestId('my-domains')
      await table.waitFor()
      const row = rowWith(table, DOMAIN)
      expect(await row.getByTestId('domain-status').innerText()).toBe('已删除')
      expect(await row.getByRole('link', { name: '申请注销' }).count()).toBe(0)
      expect(await unit.locator('body').innerText()).not.toMatch(/DELETED|PENDING|undefined/)
      await screenshotBothWidths(unit, 'domain-cancellation-05-deleted')

      await unit.goto(`${webUrl}/verify/${DEMO_BADGE_NUMBER}`)
      await unit.getByTestId('badge-cancelled').waitFor()
    },
  )
})
