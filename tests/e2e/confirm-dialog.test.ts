// Issue 15, the UI kit: the portal asks before an action that cannot be taken back in its own dialog
// (web/components/ui/ConfirmDialog.tsx), not with the browser's window.confirm. A unit's 撤销 of a domain application:
// the dialog names the action and says what follows; 取消 and Esc change nothing (checked through the API, not only on
// the page) and hand the focus back to the 撤销 button; 撤销 in the dialog withdraws the application. A question that is
// not destructive (每日扣费 → 立即执行) puts the focus on its primary button instead. Screenshots:
// tests/.artifacts/screenshots/confirm-dialog-*.png (1366 and 390 px).
import type { Locator } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { screenshotPath } from '../testkit/browser.ts'
import { cancelInDialog, confirmDialog, confirmInDialog } from '../testkit/confirmDialog.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { DESKTOP, PHONE } from '../testkit/portal.ts'
import { portalPeople } from '../testkit/portalPeople.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const people = portalPeople(webUrl)
const run = `${Date.now() % 1_000_000}`

const Apply = graphql(`
  mutation ConfirmDialogApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      fullName
    }
  }
`)
const DomainStatus = graphql(`
  query ConfirmDialogDomainStatus($id: ID!) {
    domain(id: $id) {
      id
      status
    }
  }
`)

/** Whether the page's focus is on this element. */
const isFocused = (element: Locator) => element.evaluate((node) => node === document.activeElement)

describe('the confirmation dialog (issue 15, UI kit)', () => {
  it(
    '撤销 asks in the portal’s dialog: 取消 and Esc change nothing and give the focus back, 撤销 withdraws',
    { timeout: 240_000 },
    async () => {
      const unitCookie = await sessionCookie(apiUrl, 'qfyy')
      const { applyForDomain: domain } = await mustPost(
        apiUrl,
        Apply,
        { input: { name: `确认对话框${run}`, suffix: 'GONGYI', years: 1 } },
        unitCookie,
      )
      const statusNow = async () => (await mustPost(apiUrl, DomainStatus, { id: domain.id }, unitCookie)).domain.status

      const page = await people.logIn('qfyy', '/unit')
      // Playwright dismisses a native dialog nobody listens to; listen, so one would fail this test instead.
      const nativeDialogs: string[] = []
      page.on('dialog', (native) => {
        nativeDialogs.push(native.message())
        void native.dismiss().catch(() => {})
      })
      await page.goto(`${webUrl}/unit/domains`)
      const row = page.getByTestId('my-domains').getByRole('row').filter({ hasText: domain.fullName })
      const withdraw = row.getByRole('button', { name: '撤销', exact: true })
      const dialog = confirmDialog(page)
      const question = `确定撤销域名申请 ${domain.fullName} 吗？撤销后不能恢复。`

      // 1. The dialog: named by its heading, described by its message, modal, 取消 in focus (a destructive action).
      await withdraw.click()
      await page.getByRole('alertdialog', { name: '撤销域名申请' }).waitFor()
      const described = await dialog.evaluate(
        (element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent,
      )
      expect(described).toBe(question)
      expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true)
      expect(await isFocused(dialog.getByRole('button', { name: '取消', exact: true }))).toBe(true)
      expect(await dialog.getByRole('button', { name: '撤销', exact: true }).getAttribute('class')).toMatch(/danger/)
      await page.screenshot({ path: screenshotPath('confirm-dialog-1366') })
      await page.setViewportSize(PHONE)
      const box = (await dialog.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
      for (const button of await dialog.getByRole('button').all()) {
        const at = (await button.boundingBox())!
        expect(at.x + at.width, 'a dialog button outside the phone’s window').toBeLessThanOrEqual(PHONE.width)
      }
      await page.screenshot({ path: screenshotPath('confirm-dialog-390') })
      await page.setViewportSize(DESKTOP)

      // 2. 取消: nothing changed, and the focus is back on 撤销.
      expect(await cancelInDialog(page)).toBe(question)
      await expect.poll(() => isFocused(withdraw)).toBe(true)
      expect(await statusNow()).toBe('PENDING_OFFICE_REVIEW')
      expect(await row.getByTestId('domain-status').textContent()).toBe('待审核')

      // 3. Esc: the same.
      await withdraw.click()
      await dialog.waitFor()
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      await expect.poll(() => isFocused(withdraw)).toBe(true)
      expect(await statusNow()).toBe('PENDING_OFFICE_REVIEW')
      expect(await row.getByTestId('domain-status').textContent()).toBe('待审核')

      // 4. 撤销 in the dialog: the application is withdrawn.
      await withdraw.click()
      expect(await confirmInDialog(page, '撤销')).toBe(question)
      await page.getByText(`已撤销 ${domain.fullName} 的申请。`).waitFor()
      await expect.poll(statusNow).toBe('CANCELLED')
      expect(nativeDialogs, 'the browser’s own confirm appeared').toEqual([])
    },
  )

  it(
    'a question that is not destructive: the confirming button is the primary one and has the focus',
    { timeout: 180_000 },
    async () => {
      const page = await people.logIn('conac', '/conac')
      await page.goto(`${webUrl}/conac/charge-runs`)
      await page.getByTestId('charge-today').waitFor()
      const runNow = page.getByRole('button', { name: '立即执行', exact: true })
      await runNow.click()
      const dialog = page.getByRole('alertdialog', { name: '立即执行每日扣费' })
      await dialog.waitFor()
      const confirmButton = dialog.getByRole('button', { name: '立即执行', exact: true })
      expect(await isFocused(confirmButton)).toBe(true)
      expect(await confirmButton.getAttribute('class')).toContain('button-primary')
      await page.screenshot({ path: screenshotPath('confirm-dialog-primary-1366') })
      await page.setViewportSize(PHONE)
      await page.screenshot({ path: screenshotPath('confirm-dialog-primary-390') })
      await page.setViewportSize(DESKTOP)
      await cancelInDialog(page)
      await expect.poll(() => isFocused(runNow)).toBe(true)
      expect(await page.getByTestId('charge-message').count(), '取消 ran the daily charge').toBe(0)
    },
  )
})
