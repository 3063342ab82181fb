// The portal's confirmation dialog (web/components/ui/ConfirmDialog.tsx) as a person answers it: by pressing one of
// its buttons. The portal asks before every action that cannot be taken back, so a test that presses such an action
// answers the question next, as a clerk would.
import type { Locator, Page } from 'playwright-core'

/** The open confirmation dialog (an alertdialog; the portal's other dialogs are plain dialogs). */
export function confirmDialog(page: Page): Locator {
  return page.getByRole('alertdialog')
}

async function answer(page: Page, button: Locator): Promise<string> {
  const dialog = confirmDialog(page)
  await dialog.waitFor()
  const message = (await dialog.getByTestId('confirm-dialog-message').textContent()) ?? ''
  await button.click()
  await dialog.waitFor({ state: 'hidden' })
  return message
}

/**
 * Presses the confirming button of the dialog that the last click opened (checking that it says `label`, e.g. 注销,
 * when given) and waits for the dialog to close; returns the question it asked.
 */
export function confirmInDialog(page: Page, label?: string): Promise<string> {
  const dialog = confirmDialog(page)
  return answer(
    page,
    label ? dialog.getByRole('button', { name: label, exact: true }) : dialog.getByTestId('confirm-dialog-confirm'),
  )
}

/** Presses 取消 in the open confirmation dialog; returns the question it asked. */
export function cancelInDialog(page: Page): Promise<string> {
  return answer(page, confirmDialog(page).getByRole('button', { name: '取消', exact: true }))
}
