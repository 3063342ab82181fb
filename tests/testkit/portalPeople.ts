// The people of a browser test file who click through actions: each logged in (testkit/portal.ts, one login path for
// every browser test) at a desktop width, on their home page. The portal's confirmations are part of the clicks being
// tested: a test answers them with testkit/confirmDialog.ts.
import type { Page } from 'playwright-core'
import { peopleOfThisFile } from './portal.ts'

export function portalPeople(webUrl: string) {
  const people = peopleOfThisFile(webUrl)
  return {
    /** `username` (demo password) logged in and on its home page `home`. */
    async logIn(username: string, home: string): Promise<Page> {
      const page = await people().loggedIn(username)
      await page.waitForURL(`${webUrl}${home}`)
      return page
    },
  }
}
