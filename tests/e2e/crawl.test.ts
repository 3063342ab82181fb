// The portal as each role sees it: log in, open every entry of the role's menu (read from the page, so a new page
// is covered without editing this test) and the detail pages linked from them (one per kind of link), and require
// of each what a person would notice: no console error, uncaught exception or failed request, no error notice or
// raw technical text, every control reachable at 1366 px without scrolling a table sideways, and no sideways
// scrolling of the page at 390 px, and no axe-core violation of serious or critical impact and a level-one heading
// (axe.ts). Public pages are crawled the same way without a login. All problems of a role
// are collected and reported together, so one run lists everything.
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import { screenshotPath } from '../testkit/browser.ts'
import { horizontalScrollAt, settle, textProblems, unreachableControls, watchPage } from '../testkit/pageChecks.ts'
import { PHONE, peopleOfThisFile } from '../testkit/portal.ts'
import { describeViolations, portalViolations } from './axe.ts'

const webUrl = inject('webUrl')
/** Detail pages opened per role, besides its menu: enough for one of each kind of link. */
const MAX_DETAIL_PAGES = 30

/** Links that download or print rather than show a page, or end the session. */
const NOT_A_PAGE = /^\/(exports|graphql|badge)\/|\.(pdf|csv|xlsx|js|png|svg)(\?|$)|\/logout/

const people = peopleOfThisFile(webUrl)

/** One link per kind: ids become ":id", the query keeps only its keys. */
function kindOf(href: string): string {
  const url = new URL(href, webUrl)
  const keys = [...url.searchParams.keys()].sort().join('&')
  return `${url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/[A-Z0-9]{12,}(?=\/|$)/g, '/:code')}?${keys}`
}

async function sameOriginLinks(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page
    .locator(selector)
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))
  return [
    ...new Set(hrefs.filter((href) => href.startsWith(webUrl)).map((href) => href.slice(webUrl.length).split('#')[0]!)),
  ].filter((path) => path && !NOT_A_PAGE.test(path))
}

/** Opens every page from the start pages on, checking each; returns the problems by page and the pages opened. */
async function crawl(
  page: Page,
  startPages: string[],
  label: string,
): Promise<{ problems: string[]; opened: string[] }> {
  const watch = watchPage(page, webUrl)
  const problems: string[] = []
  const opened: string[] = []
  const seenKinds = new Set(startPages.map(kindOf))
  const queue = [...startPages]
  let details = 0
  while (queue.length) {
    const path = queue.shift()!
    opened.push(path)
    const response = await page
      .goto(`${webUrl}${path}`, { waitUntil: 'load', timeout: 60_000 })
      .catch((error: Error) => error)
    if (response instanceof Error) {
      problems.push(
        `${path}: did not load: ${response.message.split('\n')[0]}`,
        ...watch.take().map((problem) => `${path}: ${problem}`),
      )
      continue
    }
    const found = [...(await settle(page))]
    if (response && response.status() >= 400) found.push(`HTTP ${response.status()}`)
    found.push(...(await textProblems(page)), ...(await unreachableControls(page)))
    const violations = await portalViolations(page)
    if (violations.length) found.push(`axe: ${describeViolations(violations)}`)
    found.push(...(await horizontalScrollAt(page, PHONE.width)))
    found.push(...watch.take())
    if (found.length) {
      problems.push(...found.map((problem) => `${path}: ${problem}`))
      await page.screenshot({
        path: screenshotPath(`crawl-${label}-${path.replace(/[^a-z0-9]+/gi, '-')}`),
        fullPage: true,
      })
    }
    for (const link of await sameOriginLinks(page, 'main a[href]')) {
      const kind = kindOf(link)
      if (seenKinds.has(kind) || details >= MAX_DETAIL_PAGES) continue
      seenKinds.add(kind)
      queue.push(link)
      details++
    }
  }
  return { problems, opened }
}

const ROLES = [
  { username: 'conac', home: '/conac' },
  { username: 'henan', home: '/office' },
  { username: 'puyang', home: '/office' },
  { username: 'qingfeng', home: '/office' },
  // 濮阳市's one-role clerks (编办内角色): their menus hold only their role's pages.
  { username: 'py-admin', home: '/office' },
  { username: 'py-shenhe', home: '/office' },
  { username: 'py-caiwu', home: '/office' },
  { username: 'qfzf', home: '/unit' },
  { username: 'qfyy', home: '/unit' },
]

describe('every page of every role', () => {
  it.each(ROLES)(
    '$username: every menu page and the detail pages they link to work at 1366 px and fit at 390 px',
    async ({ username, home }) => {
      const page = await people().loggedIn(username)
      try {
        await page.waitForURL(`${webUrl}${home}`)
        const menu = await sameOriginLinks(page, 'nav[aria-label="主菜单"] a[href]')
        expect(menu.length, 'the menu lists the role’s pages').toBeGreaterThan(3)
        const { problems, opened } = await crawl(page, menu, username)
        console.log(`[crawl] ${username}: ${opened.length} pages (${menu.length} in the menu): ${opened.join(' ')}`)
        expect(opened.length).toBeGreaterThanOrEqual(menu.length)
        expect(problems).toEqual([])
      } finally {
        await page.context().close()
      }
    },
    15 * 60_000,
  )

  it(
    'the public pages (no login: login, registration, a badge’s verification and the micro-site it links to) work and fit',
    async () => {
      const page = await people().anonymous()
      try {
        const { problems } = await crawl(page, ['/login', '/register', `/verify/${DEMO_BADGE_NUMBER}`], 'public')
        expect(problems).toEqual([])
      } finally {
        await page.context().close()
      }
    },
    10 * 60_000,
  )
})
