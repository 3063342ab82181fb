// axe-core on the portal (issue 15, item 12). Every page of each demo role's menu and the public pages are checked by
// the crawl (crawl.test.ts: no serious or critical violation, a level-one heading); here what the crawl cannot reach:
// the 消息 count in the top bar with unread messages, named by the text it shows (label-content-name-mismatch), and an
// unknown badge number on /verify.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser } from '../testkit/browser.ts'
import { freshName } from '../testkit/domains.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { settle } from '../testkit/pageChecks.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { axeViolations, describeViolations, portalViolations } from './axe.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
let browser: Browser

const Apply = graphql(`
  mutation AxeApplyForDomain($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
    }
  }
`)
const Reject = graphql(`
  mutation AxeRejectDomain($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
    }
  }
`)
beforeAll(async () => {
  // Unread messages for qfyy and the 清丰县 office: the hospital applies for a domain (its office is told) and the
  // office rejects it (the hospital is told).
  const hospital = await sessionCookie(apiUrl, 'qfyy')
  const office = await sessionCookie(apiUrl, 'qingfeng')
  const applied = await mustPost(
    apiUrl,
    Apply,
    { input: { name: freshName('无障碍检查'), suffix: 'GONGYI', years: 1 } },
    hospital,
  )
  await mustPost(
    apiUrl,
    Reject,
    {
      input: {
        id: applied.applyForDomain.id,
        version: applied.applyForDomain.version,
        decision: 'REJECT',
        reason: '无障碍检查用的申请',
      },
    },
    office,
  )
  browser = await launchBrowser()
})

afterAll(() => browser?.close())

async function personPage(username?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  page.once('close', () => void context.close().catch(() => {}))
  if (username) await logInThroughPortal(page, webUrl, username)
  return page
}

/** Opens each path, lets it settle and collects its findings, by path. */
async function checkPages(page: Page, paths: string[]): Promise<string> {
  const report: string[] = []
  for (const path of paths) {
    const response = await page.goto(`${webUrl}${path}`, { timeout: 60_000 })
    expect(response?.status(), path).toBeLessThan(400)
    expect(await settle(page), path).toEqual([])
    const found = await portalViolations(page)
    if (found.length) report.push(describeViolations(found, path))
  }
  return report.join('\n')
}

describe('axe: no serious or critical violation, a level-one heading on every page', () => {
  it.each(['qfyy', 'qingfeng'])(
    '%s: the 消息 count with unread messages is named by what it shows',
    async (username) => {
      const page = await personPage(username)
      try {
        const messages = page.getByTestId('topbar-messages')
        await messages.locator('.topbar-messages-count').waitFor()
        const found = (await axeViolations(page)).filter((violation) => violation.id === 'label-content-name-mismatch')
        expect(describeViolations(found)).toBe('')
        // The visible text is the start of its accessible name, and the name says what the number counts.
        const visible = (await messages.innerText()).replace(/\s+/g, '')
        const name = await messages.evaluate((link) => link.textContent ?? '')
        expect(name.replace(/\s+/g, '')).toMatch(new RegExp(`^${visible}`))
        expect(name).toMatch(/条未读/)
      } finally {
        await page.close()
      }
    },
  )

  it('an unknown badge number on /verify', { timeout: 300_000 }, async () => {
    const page = await personPage()
    try {
      expect(await checkPages(page, ['/verify/209941092299999'])).toBe('')
    } finally {
      await page.close()
    }
  })
})
