// The portal's main menu (web/components/layout/NavMenu.tsx) as a person uses it: entries sit in drop-down groups
// (and on a phone behind the 菜单 button), so a test opens what is closed before it clicks.
import type { Locator, Page } from 'playwright-core'

export const mainMenu = (page: Page): Locator => page.getByRole('navigation', { name: '主菜单' })

/** The menu's links named `label`, whether or not their group is open: count() says whether the role has it. */
export const menuLinks = (page: Page, label: string): Locator =>
  mainMenu(page).getByRole('link', { name: label, exact: true, includeHidden: true })

/** Clicks the menu entry `label`, opening the phone menu and the entry's group first when they are closed. */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  const menu = mainMenu(page)
  const link = menuLinks(page, label)
  if (!(await link.isVisible())) {
    const toggle = menu.locator('.navbar-toggle')
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
    // `has` is matched inside each group, so it names the link without the menu around it.
    const inGroup = page.getByRole('link', { name: label, exact: true, includeHidden: true })
    await menu.locator('.navbar-group').filter({ has: inGroup }).locator('.navbar-group-button').click()
  }
  await link.click()
}
