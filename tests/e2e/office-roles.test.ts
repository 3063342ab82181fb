// 编办内角色 in the portal (issue 17): 濮阳市's three one-role clerks see only the menu entries of their role, the
// address of a page outside it shows 无权限 (not an error, not the page's buttons), the home page lists only work
// they can do, 帐户余额 shows in the top bar of the 财务 only, and on API 令牌 a read-write token offers only the
// creator's roles and 撤销 of another person's token only to the office's 管理员. Screenshots:
// tests/.artifacts/screenshots/office-roles-*-{1366,390}.png.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { mainMenu, menuLinks } from '../testkit/menu.ts'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

const REVIEW_PAGES = ['待审核域名', '网站开办审核', '标识变更审核']
const FINANCE_PAGES = ['单位收费', '汇款单', '发票开具', '缴费方式设置', '续费']
const EVERY_ROLE = ['域名查询', '网站申请查询', '操作日志', 'API 令牌']

const CLERKS = [
  {
    username: 'py-admin',
    role: '管理员',
    has: [...EVERY_ROLE],
    lacks: [...REVIEW_PAGES, ...FINANCE_PAGES, '代单位申请'],
  },
  {
    username: 'py-shenhe',
    role: '审核员',
    has: [...EVERY_ROLE, ...REVIEW_PAGES, '代单位申请'],
    lacks: FINANCE_PAGES,
  },
  {
    username: 'py-caiwu',
    role: '财务',
    has: [...EVERY_ROLE, ...FINANCE_PAGES, '代单位申请'],
    lacks: REVIEW_PAGES,
  },
]

async function menuHas(page: Page, label: string): Promise<boolean> {
  return (await menuLinks(page, label).count()) > 0
}

async function noPermission(page: Page, path: string) {
  await page.goto(`${webUrl}${path}`)
  await page.getByRole('heading', { level: 1 }).filter({ hasText: '权限' }).waitFor()
  return (await page.locator('main').textContent()) ?? ''
}

describe('the portal by office role (濮阳市)', () => {
  it.each(CLERKS)(
    '$username ($role): the menu shows only the role’s pages and the home page its work',
    { timeout: 300_000 },
    async ({ username, role, has, lacks }) => {
      const page = await people().loggedIn(username)
      try {
        await page.waitForURL(`${webUrl}/office`)
        await mainMenu(page).waitFor()
        for (const label of has) expect(await menuHas(page, label), `${username} has ${label}`).toBe(true)
        for (const label of lacks) expect(await menuHas(page, label), `${username} lacks ${label}`).toBe(false)
        // The home page says who is who, and lists no work of another role.
        await expect.poll(() => page.getByTestId('office-role').allTextContents()).toEqual([role])
        const work = (await page.locator('main').textContent()) ?? ''
        if (role !== '审核员') expect(work).not.toContain('待审核域名')
        if (role !== '财务') expect(work).not.toContain('待收费单位')
        // 帐户余额 is money: in the top bar of the 财务 only (the API refuses it to the others).
        await page.getByTestId('topbar-user').waitFor()
        expect(await page.getByTestId('topbar-balance').count(), `${username} 帐户余额`).toBe(role === '财务' ? 1 : 0)
        await screenshotBothWidths(page, `office-roles-${username}-home`)
      } finally {
        await page.context().close()
      }
    },
  )

  it(
    'shows 无权限 on the address of a page outside the person’s roles, without its buttons',
    { timeout: 300_000 },
    async () => {
      const finance = await people().loggedIn('py-caiwu')
      try {
        const text = await noPermission(finance, '/office/domains/review')
        expect(text).toContain('您没有「待审核域名」的权限')
        expect(text).toContain('此页面需要「审核员」角色，您的角色：财务')
        expect(await finance.getByRole('button', { name: /通过|退回|审核/ }).count()).toBe(0)
        await screenshotBothWidths(finance, 'office-roles-py-caiwu-no-review')
        // Its own pages open as usual.
        await finance.goto(`${webUrl}/office/fees`)
        await finance.getByRole('heading', { level: 1 }).first().waitFor()
        expect(await finance.locator('main').textContent()).not.toContain('无权限')
      } finally {
        await finance.context().close()
      }

      const reviewer = await people().loggedIn('py-shenhe')
      try {
        const text = await noPermission(reviewer, '/office/fees')
        expect(text).toContain('此页面需要「财务」角色，您的角色：审核员')
        expect(await reviewer.getByRole('button', { name: /收费/ }).count()).toBe(0)
        await noPermission(reviewer, '/office/invoices/requests')
        await screenshotBothWidths(reviewer, 'office-roles-py-shenhe-no-finance')
      } finally {
        await reviewer.context().close()
      }
    },
  )

  it(
    'offers a read-write token only the creator’s roles, and 撤销 of another’s token only to 管理员',
    { timeout: 300_000 },
    async () => {
      const name = `角色令牌${Date.now() % 100_000}`
      const reviewer = await people().loggedIn('py-shenhe')
      try {
        await reviewer.goto(`${webUrl}/office/api-tokens`)
        await reviewer.getByLabel('名称').fill(name)
        await reviewer.getByLabel('权限').selectOption('READ_WRITE')
        const roles = reviewer.getByTestId('api-token-role-choices')
        await roles.waitFor()
        expect(await roles.getByRole('checkbox').count()).toBe(1)
        expect(await roles.getByRole('checkbox', { name: '审核员' }).isChecked()).toBe(true)
        await screenshotBothWidths(reviewer, 'office-roles-token-form')
        await reviewer.getByRole('button', { name: '创建令牌' }).click()
        await reviewer.getByTestId('api-token-secret').waitFor()
        await reviewer.getByRole('button', { name: '我已保存，关闭' }).click()
        const row = reviewer.getByTestId('api-tokens').getByRole('row').filter({ hasText: name })
        await row.waitFor()
        expect(await row.getByTestId('api-token-roles').textContent()).toBe('审核员')
        expect(await row.getByRole('button', { name: '撤销' }).count()).toBe(1)
        await screenshotBothWidths(reviewer, 'office-roles-token-list')
      } finally {
        await reviewer.context().close()
      }

      const finance = await people().loggedIn('py-caiwu')
      try {
        await finance.goto(`${webUrl}/office/api-tokens`)
        const row = finance.getByTestId('api-tokens').getByRole('row').filter({ hasText: name })
        await row.waitFor()
        expect(await row.getByRole('button', { name: '撤销' }).count()).toBe(0)
      } finally {
        await finance.context().close()
      }

      const admin = await people().loggedIn('py-admin')
      try {
        await admin.goto(`${webUrl}/office/api-tokens`)
        const row = admin.getByTestId('api-tokens').getByRole('row').filter({ hasText: name })
        await row.waitFor()
        expect(await row.getByRole('button', { name: '撤销' }).count()).toBe(1)
        // 管理员 alone has no role to give a token.
        await admin.getByLabel('权限').selectOption('READ_WRITE')
        expect(await admin.getByTestId('api-token-role-choices').textContent()).toContain('您没有可授予令牌的角色')
      } finally {
        await admin.context().close()
      }
    },
  )
})
