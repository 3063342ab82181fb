// Issue 7 in a real browser: the 濮阳市 office creates a read-only API token in the portal (API 令牌), sees the secret
// once and copies it, an integrator calls the API with it (as the page's example shows), the list then shows when it
// was last used, the office revokes it after a confirmation, and the same call is refused with INVALID_TOKEN. A unit
// user has no API 令牌 entry. Screenshots go to tests/.artifacts/screenshots/api-tokens-*.png.
import { print } from 'graphql'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { cancelInDialog, confirmInDialog } from '../testkit/confirmDialog.ts'
import type { HttpResult } from '../testkit/http.ts'
import { mainMenu, menuLinks, openFromMenu } from '../testkit/menu.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
})

// What the page's example asks for: the integrator sends the query text with the token.
const UnitCount = graphql(`
  query E2eTokenUnitCount {
    units(first: 5) {
      totalCount
    }
  }
`)

/** An integrator's call: POST /graphql on the API with Authorization: Bearer. */
async function callWithToken(token: string) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(UnitCount) }),
  })
  return { status: response.status, body: (await response.json()) as HttpResult<{ units: { totalCount: number } }> }
}

/** A logged-in person in a fresh context that may use the clipboard. Dialogs are answered by each step. */
async function person(username: string, home: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webUrl })
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  await page.goto(`${webUrl}/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${webUrl}${home}`)
  return page
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: screenshotPath(`api-tokens-${name}`), fullPage: true })
const tokenName = `数据对接测试${Date.now() % 100_000}`

describe('API tokens in the portal (issue 7)', () => {
  it('creates a read-only token shown once, which works until it is revoked', { timeout: 120_000 }, async () => {
    const page = await person('puyang', '/office')
    await openFromMenu(page, 'API 令牌')
    await page.waitForURL(`${webUrl}/office/api-tokens`)
    // The page says what the token covers: the office's own region and below.
    await expect
      .poll(() => page.getByTestId('api-token-scope').textContent())
      .toContain('河南省濮阳市机构编制委员会办公室')
    expect(await page.getByTestId('api-token-scope').textContent()).toContain('河南省 / 濮阳市')

    // The name rule is checked before anything is sent.
    await page.getByLabel('名称').fill(' 测 ')
    await page.getByRole('button', { name: '创建令牌' }).click()
    await page.getByText('名称应为 2-64 个字符').waitFor()
    expect(await page.getByTestId('api-token-secret').count()).toBe(0)

    await page.getByLabel('名称').fill(tokenName)
    await page.getByLabel('权限').selectOption('READ_ONLY')
    await page.getByLabel('有效期').selectOption('30')
    await page.getByRole('button', { name: '创建令牌' }).click()

    // Shown once: the secret, the warning, and an example call against the API with it.
    const secretBox = page.getByTestId('api-token-secret')
    await secretBox.waitFor()
    const secret = (await secretBox.textContent())!.trim()
    expect(secret).toMatch(/^conac_\S{20,}$/)
    expect(await page.getByTestId('api-token-created').textContent()).toContain(
      '此令牌只显示一次，请立即复制并妥善保存',
    )
    const example = (await page.getByTestId('api-token-example').textContent())!
    expect(example).toContain(`Authorization: Bearer ${secret}`)
    expect(example).toContain(`${apiUrl}/graphql`)
    await page.getByRole('button', { name: '复制令牌' }).click()
    await page.getByText('已复制到剪贴板').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    expect(page.url()).not.toContain(secret)
    await shot(page, '01-created')

    // The list shows the new token by its prefix only.
    const table = page.getByTestId('api-tokens')
    const row = table.getByRole('row').filter({ hasText: tokenName })
    await row.waitFor()
    expect(await row.textContent()).toContain(`${secret.slice(0, 12)}…`)
    expect(await row.textContent()).toContain('只读')
    expect(await row.getByTestId('api-token-last-used').textContent()).toBe('从未使用')
    expect(await row.getByTestId('api-token-state').textContent()).toBe('有效')

    // Closed: the secret is gone from the page.
    await page.getByRole('button', { name: '我已保存，关闭' }).click()
    expect(await page.getByTestId('api-token-secret').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)

    // An integrator calls the API with it.
    const used = await callWithToken(secret)
    expect(used.body.errors).toBeUndefined()
    expect(used.status).toBe(200)
    expect(used.body.data!.units.totalCount).toBeGreaterThan(0)

    // After a reload the list says when it was last used; the secret is not shown again.
    await page.reload()
    const reloadedRow = page.getByTestId('api-tokens').getByRole('row').filter({ hasText: tokenName })
    await reloadedRow.waitFor()
    await expect.poll(() => reloadedRow.getByTestId('api-token-last-used').textContent()).not.toBe('从未使用')
    expect(await page.content()).not.toContain(secret)

    // 撤销 asks first: cancelling changes nothing.
    await reloadedRow.getByRole('button', { name: '撤销' }).click()
    expect(await cancelInDialog(page)).toContain(tokenName)
    expect(await reloadedRow.getByTestId('api-token-state').textContent()).toBe('有效')
    expect((await callWithToken(secret)).status).toBe(200)

    await reloadedRow.getByRole('button', { name: '撤销' }).click()
    expect(await confirmInDialog(page, '撤销')).toContain('撤销')
    await expect.poll(() => reloadedRow.getByTestId('api-token-state').textContent()).toBe('已撤销')
    expect(await reloadedRow.getByRole('button', { name: '撤销' }).count()).toBe(0)
    await shot(page, '02-revoked')

    const refused = await callWithToken(secret)
    expect(refused.status).toBe(401)
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_TOKEN'])
  })

  it('a unit user has no API 令牌 entry and cannot open the page', async () => {
    const page = await person('qfzf', '/unit')
    await mainMenu(page).waitFor()
    expect(await menuLinks(page, 'API 令牌').count()).toBe(0)
    await page.goto(`${webUrl}/office/api-tokens`)
    await page.waitForURL(`${webUrl}/unit`)
    expect(await page.getByTestId('api-token-secret').count()).toBe(0)
  })
})
