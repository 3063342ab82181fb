// A real browser logs in as each role through the portal, sees its home page with its unit or office and
// region path, and logs out.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'

const webUrl = inject('webUrl')
let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

const ROLES = [
  {
    username: 'qfzf',
    path: '/unit',
    org: '清丰县人民政府办公室',
    role: '单位用户',
    region: '河南省 / 濮阳市 / 清丰县',
  },
  { username: 'qfyy', path: '/unit', org: '清丰县人民医院', role: '单位用户', region: '河南省 / 濮阳市 / 清丰县' },
  {
    username: 'qingfeng',
    path: '/office',
    org: '河南省濮阳市清丰县机构编制委员会办公室',
    role: '编办工作人员',
    region: '河南省 / 濮阳市 / 清丰县',
  },
  {
    username: 'puyang',
    path: '/office',
    org: '河南省濮阳市机构编制委员会办公室',
    role: '编办工作人员',
    region: '河南省 / 濮阳市',
  },
  { username: 'henan', path: '/office', org: '河南省机构编制委员会办公室', role: '编办工作人员', region: '河南省' },
  {
    username: 'conac',
    path: '/conac',
    org: '中央编办政务和公益机构域名注册管理中心（CONAC）',
    role: 'CONAC 工作人员',
    region: '中华人民共和国',
  },
]

describe('portal login', () => {
  it.each(ROLES)('$username logs in and sees its home page', async (expected) => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      await logIn(page, expected.username)
      await page.waitForURL(`${webUrl}${expected.path}`)
      expect(await page.getByTestId('org-name').textContent()).toBe(expected.org)
      expect(await page.getByTestId('role-label').textContent()).toBe(expected.role)
      expect(await page.getByTestId('region-path').textContent()).toBe(expected.region)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
      // The session cookie is httpOnly: page scripts cannot read it.
      expect(await page.evaluate(() => document.cookie)).not.toContain('conac_session')
      await page.screenshot({ path: screenshotPath(`home-${expected.username}`), fullPage: true })

      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      await page.goto(`${webUrl}${expected.path}`)
      await page.waitForURL(/\/login/)
    } finally {
      await context.close()
    }
  })

  it("shows the API's message for a wrong password and stays on the login page", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      await logIn(page, 'nanle', 'not-the-password')
      const error = page.getByTestId('login-error')
      await error.waitFor()
      expect(await error.textContent()).toContain('用户名或密码错误')
      expect(await error.getAttribute('data-code')).toBe('INVALID_CREDENTIALS')
      expect(new URL(page.url()).pathname).toBe('/login')
      await page.screenshot({ path: screenshotPath('login-wrong-password') })
    } finally {
      await context.close()
    }
  })

  it('sends a visitor without a session to the login page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      await page.goto(`${webUrl}/office`)
      await page.waitForURL(/\/login/)
      expect(await page.getByRole('button', { name: '登录' }).count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})
