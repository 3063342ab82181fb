// The main menu as people use it: grouped by the work (域名管理, 网站管理, 财务管理, …) per role, the page being
// shown marked with its group, drop-downs that open and close by mouse and keyboard, and on a phone one 菜单 button
// so the page itself starts on the first screen.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { screenshotPath } from '../testkit/browser.ts'
import { mainMenu, menuLinks, openFromMenu } from '../testkit/menu.ts'
import { DESKTOP, PHONE, peopleOfThisFile } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

/** A page logged in as `username`, on its home page `home`. */
async function loggedIn(username: string, home: string, viewport = DESKTOP): Promise<Page> {
  const page = await people().loggedIn(username, { viewport })
  await page.waitForURL(`${webUrl}${home}`)
  return page
}

const groupsOf = (page: Page) => mainMenu(page).locator('.navbar-group-button').allInnerTexts()

describe('main menu', () => {
  it('groups each role’s pages by the work, leaving out what the role may not use', async () => {
    const cases = [
      {
        username: 'conac',
        home: '/conac',
        groups: ['域名管理', '网站管理', '财务管理', '用户管理', '统计', '系统'],
        has: ['认款', '定时任务', '编办管理员', '本中心用户'],
        lacks: ['缴费方式设置', '单位信息变更审核'],
      },
      {
        username: 'henan',
        home: '/office',
        groups: ['域名管理', '网站管理', '财务管理', '用户管理', '统计', '系统'],
        has: ['两代一统', '统计分析', '单位信息变更审核', '本办用户', '单位账号管理', '单位收费'],
        lacks: ['认款'],
      },
      {
        username: 'qingfeng',
        home: '/office',
        groups: ['域名管理', '网站管理', '财务管理', '用户管理', '统计', '系统'],
        has: ['统计分析', '单位信息变更审核'],
        lacks: ['两代一统'],
      },
      {
        username: 'qfzf',
        home: '/unit',
        groups: ['域名管理', '网站管理', '财务管理', '用户管理'],
        has: ['单位信息', '变更联系人', '我的域名'],
        lacks: ['操作日志', '单位信息变更审核'],
      },
    ]
    for (const { username, home, groups, has, lacks } of cases) {
      const page = await loggedIn(username, home)
      try {
        expect(await groupsOf(page), username).toEqual(groups)
        for (const label of has) expect(await menuLinks(page, label).count(), `${username} has ${label}`).toBe(1)
        for (const label of lacks) expect(await menuLinks(page, label).count(), `${username} lacks ${label}`).toBe(0)
      } finally {
        await page.context().close()
      }
    }
  }, 240_000)

  it('opens a group, marks the page and its group, and closes on Escape and on a click elsewhere', async () => {
    const page = await loggedIn('puyang', '/office')
    try {
      const home = menuLinks(page, '首页')
      expect(await home.getAttribute('aria-current')).toBe('page')
      await openFromMenu(page, '汇款单')
      await page.waitForURL(`${webUrl}/office/remittances`)
      await expect.poll(() => menuLinks(page, '汇款单').getAttribute('aria-current')).toBe('page')
      expect(await home.getAttribute('aria-current')).toBeNull()
      const finance = mainMenu(page).getByRole('button', { name: '财务管理' })
      expect(await finance.getAttribute('data-current')).toBe('true')
      // Navigating closed the group; the keyboard opens it again, Escape closes it.
      expect(await finance.getAttribute('aria-expanded')).toBe('false')
      await finance.focus()
      await page.keyboard.press('Enter')
      expect(await menuLinks(page, '发票开具').isVisible()).toBe(true)
      await page.screenshot({ path: screenshotPath('menu-open-puyang') })
      await page.keyboard.press('Escape')
      expect(await menuLinks(page, '发票开具').isVisible()).toBe(false)
      await finance.click()
      expect(await menuLinks(page, '发票开具').isVisible()).toBe(true)
      await page.locator('main').click({ position: { x: 5, y: 5 } })
      expect(await menuLinks(page, '发票开具').isVisible()).toBe(false)
      // A page below a menu entry (a detail page) belongs to that entry.
      await page.goto(`${webUrl}/office/domains/review`)
      await expect.poll(() => menuLinks(page, '待审核域名').getAttribute('aria-current')).toBe('page')
      expect(await menuLinks(page, '域名查询').getAttribute('aria-current')).toBeNull()
    } finally {
      await page.context().close()
    }
  }, 180_000)

  it('on a phone the menu is one line until 菜单 is tapped, and the page starts on the first screen', async () => {
    const page = await loggedIn('conac', '/conac', PHONE)
    try {
      const toggle = mainMenu(page).getByRole('button', { name: /^菜单/ })
      expect(await toggle.textContent()).toBe('菜单：首页')
      const menuBox = (await mainMenu(page).boundingBox())!
      expect(menuBox.height).toBeLessThan(60)
      expect((await page.locator('main').boundingBox())!.y).toBeLessThan(844 / 2)
      await page.screenshot({ path: screenshotPath('menu-phone-closed') })
      await openFromMenu(page, '定时任务')
      await page.waitForURL(`${webUrl}/conac/jobs`)
      await expect.poll(() => toggle.textContent()).toBe('菜单：定时任务')
      expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    } finally {
      await page.context().close()
    }
  }, 180_000)
})
