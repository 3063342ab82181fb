// 用户管理 as a newcomer first sees it with the demo data, at 1366 px: what the one-role clerks are offered, and the
// layout flaws a click-through found (the top bar breaking every item in two for a long name, three row actions
// stacked on top of each other, 查询 hanging below its field).
import type { Locator, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { cancelInDialog } from '../testkit/confirmDialog.ts'
import { openFromMenu } from '../testkit/menu.ts'
import { peopleOfThisFile, rowWith, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)
/** Generous: a login and a page render on a busy two-core machine. */
const TIMEOUT = { timeout: 180_000 }

/** How many lines the element's text takes on screen (a label broken in two takes two). */
function linesOf(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const range = document.createRange()
    range.selectNodeContents(node)
    // A new line is a box that starts below every box of the line before; boxes of one line overlap vertically
    // even when their tops differ (the unread count's pill sits higher than the text beside it). Boxes of 1 px or
    // less are visually hidden text (消息's " 条未读" for screen readers).
    const boxes = [...range.getClientRects()].filter((r) => r.width > 1).sort((a, b) => a.top - b.top)
    let lines = 0
    let lineBottom = -Infinity
    for (const box of boxes) {
      if (box.top >= lineBottom - 1) lines += 1
      lineBottom = box.top >= lineBottom - 1 ? box.bottom : Math.max(lineBottom, box.bottom)
    }
    return lines
  })
}

/** The labels of the top bar that take more than one line, e.g. ["修改密码: 2 lines"]. */
async function brokenTopBarItems(page: Page): Promise<string[]> {
  const items = [page.locator('.topbar-title'), ...(await page.locator('.topbar-user > *').all())]
  const broken: string[] = []
  for (const item of items) {
    const lines = await linesOf(item)
    if (lines > 1) broken.push(`${(await item.innerText()).replace(/\s+/g, '')}: ${lines} lines`)
  }
  return broken
}

describe('用户管理 as the demo accounts see it', () => {
  it(
    'a 审核员 (py-shenhe) is offered 协助重置密码 on 单位账号管理, which the API allows, but not 停用',
    TIMEOUT,
    async () => {
      const page = await people().loggedIn('py-shenhe')
      await openFromMenu(page, '单位账号管理')
      const row = rowWith(page.getByTestId('accounts'), 'qfyy')
      await row.waitFor()
      expect(await row.getByRole('button', { name: '协助重置密码' }).count()).toBe(1)
      await expect.poll(() => row.getByRole('button', { name: '协助重置密码' }).isEnabled()).toBe(true)
      expect(await row.getByRole('button', { name: '停用' }).count()).toBe(0)
      expect(await page.getByText('停用、启用和经办人交接由本办管理员办理').count()).toBe(1)
      expect(await row.getByRole('button', { name: '经办人交接' }).count()).toBe(0)
      await screenshotBothWidths(page, 'accounts-layout-reviewer-units')
      // The button asks first; nothing is sent when the clerk cancels (no SMS used up for other tests).
      await row.getByRole('button', { name: '协助重置密码' }).click()
      expect(await cancelInDialog(page)).toContain('王芳')
      await page.context().close()
    },
  )

  it('the top bar keeps each item on one line at 1366 px, even for a long name (py-admin)', TIMEOUT, async () => {
    const page = await people().loggedIn('py-admin')
    await page.getByTestId('topbar-user').waitFor()
    expect(await page.getByTestId('topbar-user').innerText()).toBe('濮阳市编办 用户管理员')
    expect(await brokenTopBarItems(page)).toEqual([])
    await screenshotBothWidths(page, 'accounts-layout-topbar-long-name')
    await page.context().close()
  })

  it(
    '本办用户: a row’s actions sit on one line and 查询 lines up with its field (puyang, 1366 px)',
    TIMEOUT,
    async () => {
      const page = await people().loggedIn('puyang')
      await openFromMenu(page, '本办用户')
      const row = rowWith(page.getByTestId('accounts'), 'py-caiwu')
      await row.getByRole('button', { name: '协助重置密码' }).waitFor()
      const tops = await row
        .locator('td.table-actions button')
        .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top)))
      expect(tops).toHaveLength(3) // 修改角色, 停用, 协助重置密码
      expect.soft(new Set(tops).size, `button tops ${tops.join(', ')}`).toBe(1)

      const bottomOf = (locator: Locator) => locator.evaluate((node) => node.getBoundingClientRect().bottom)
      const search = page.getByRole('search')
      const [field, button] = await Promise.all([
        bottomOf(search.getByLabel('用户名或姓名')),
        bottomOf(search.getByRole('button', { name: '查询' })),
      ])
      expect(Math.abs(field - button), `field ends at ${field}, 查询 at ${button}`).toBeLessThanOrEqual(1)
      await screenshotBothWidths(page, 'accounts-layout-office-users')
      await page.context().close()
    },
  )

  it(
    '编办管理员: the region picker’s selects are styled form controls, sized like the fields below them (conac)',
    TIMEOUT,
    async () => {
      const page = await people().loggedIn('conac')
      await openFromMenu(page, '编办管理员')
      const province = page.getByLabel('省（自治区、直辖市）')
      await province.selectOption({ label: '河南省' })
      const username = page.locator('#new-account-username')
      await username.waitFor()
      const heightOf = (locator: Locator) => locator.evaluate((node) => node.getBoundingClientRect().height)
      const [select, field] = await Promise.all([heightOf(province), heightOf(username)])
      // The registration form's selects stand 4 px shorter than its fields too; a bare native select is 19 px.
      expect(Math.abs(select - field), `select ${select} px, field ${field} px`).toBeLessThanOrEqual(6)
      await screenshotBothWidths(page, 'accounts-layout-office-admins')
      await page.context().close()
    },
  )
})
