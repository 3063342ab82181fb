// Security headers on the portal (issue 14, item 5), on the real portal the suite started: every route class (a page
// under each role's prefix, login and registration, the public verification page and micro-site, /graphql,
// /exports, /badge, a print page and its PDF, a static file, a redirect and a 404) carries the policy of
// web/security/headers.ts, with a fresh nonce that is on every script the page has. In Chromium the pages render with
// that policy on (every e2e test fails on a violation: e2e/setup.ts), a script or style attribute injected into a page
// is refused, the portal cannot be framed, and another site can still embed the badge script and image.
// HSTS is sent only over HTTPS: with SECURE_COOKIES=true or, in production, an https PUBLIC_PORTAL_URL (a portal is
// started for each); the session cookie is Secure because the API runs with NODE_ENV=production (Chromium accepts
// Secure cookies from http://127.0.0.1).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { flushCspReports, launchBrowser, screenshotPath, takeCspViolations } from '../testkit/browser.ts'
import { documentHash, mustPost, sessionCookie } from '../testkit/http.ts'
import { directives, expectCommonHeaders, nonceOf } from '../testkit/securityHeaders.ts'
import { freePort, PORTAL_READY, portalProcess, startProcess } from '../testkit/processes.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
const BADGE = '202541092200001'

const Setup = graphql(`
  query SecurityHeadersSetup {
    me {
      unit {
        id
      }
    }
    siteApplications(first: 20) {
      edges {
        node {
          id
          serialNumber
        }
      }
    }
  }
`)
const PublicBadge = graphql(`
  query SecurityHeadersBadge($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      badgeNumber
    }
  }
`)
const Login = graphql(`
  mutation SecurityHeadersLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`)

const cookies: Record<string, string> = {}
let hospitalUnitId = ''
let printableId = ''
let browser: Browser

beforeAll(async () => {
  for (const name of ['qfzf', 'qfyy', 'qingfeng', 'conac']) cookies[name] = await sessionCookie(apiUrl, name)
  const setup = await mustPost(apiUrl, Setup, {}, cookies.qfyy)
  hospitalUnitId = setup.me!.unit!.id
  printableId = setup.siteApplications.edges.find((edge) => edge.node.serialNumber === 'WZ-2025-000001')!.node.id
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

/** The policy of the portal's own pages and routes: nonce-only scripts, nothing from elsewhere. */
function expectPortalPolicy(label: string, headers: Headers): string {
  expectCommonHeaders(label, headers)
  const header = headers.get('content-security-policy')!
  const policy = directives(header)
  expect(policy.get('default-src'), label).toEqual(["'self'"])
  const nonce = nonceOf(header)
  expect(nonce, `${label}: a nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  expect(policy.get('script-src'), label).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"])
  expect(policy.get('style-src'), label).toEqual(["'self'", `'nonce-${nonce}'`])
  expect(policy.get('style-src-attr'), label).toEqual(["'none'"])
  expect(policy.get('object-src'), label).toEqual(["'none'"])
  expect(policy.get('base-uri'), label).toEqual(["'self'"])
  expect(policy.get('form-action'), label).toEqual(["'self'"])
  expect(policy.has('upgrade-insecure-requests'), label).toBe(false)
  expect(headers.get('cross-origin-resource-policy'), label).toBe('same-origin')
  return nonce!
}

/** An HTML page: every script and style element carries this response's nonce, and no element has a style attribute. */
function expectNoncedDocument(label: string, html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? []
  expect(scripts.length, `${label}: scripts`).toBeGreaterThan(0)
  for (const tag of [...scripts, ...(html.match(/<style\b[^>]*>/g) ?? [])])
    expect(tag, label).toContain(`nonce="${nonce}"`)
  expect(html, label).not.toMatch(/<[a-z][^>]*\sstyle="/i)
}

async function get(route: string, who?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (who) headers.set('cookie', cookies[who]!)
  return fetch(`${webUrl}${route}`, { ...init, headers, redirect: 'manual' })
}

describe('headers on every route class', () => {
  it(
    'pages of every role, the public pages, login, registration, a print page, a redirect and a 404',
    { timeout: 120_000 },
    async () => {
      const pages: [string, string | undefined, number][] = [
        ['/unit', 'qfzf', 200],
        ['/unit/badges', 'qfyy', 200],
        ['/office', 'qingfeng', 200],
        ['/office/statistics', 'qingfeng', 200],
        ['/conac', 'conac', 200],
        ['/conac/jobs', 'conac', 200],
        ['/notifications', 'qfzf', 200],
        ['/login', undefined, 200],
        ['/register', undefined, 200],
        [`/verify/${BADGE}`, undefined, 200],
        [`/m/${hospitalUnitId}`, undefined, 200],
        [`/print/site-application/${printableId}/letter`, 'qfyy', 200],
        [`/print/site-application/${printableId}/form`, 'qfyy', 200],
        ['/no-such-page', undefined, 404],
      ]
      for (const [route, who, status] of pages) {
        const response = await get(route, who)
        expect(response.status, route).toBe(status)
        const nonce = expectPortalPolicy(route, response.headers)
        expectNoncedDocument(route, await response.text(), nonce)
      }
      // A redirect (anonymous to the login page) carries them too.
      const redirect = await get('/unit')
      expect([303, 307, 308]).toContain(redirect.status)
      expectPortalPolicy('redirect', redirect.headers)
      // Next's own path normalisation (a trailing slash, a doubled one) answers before proxy.ts runs: server.mjs's
      // headers are on it.
      for (const route of ['/login/', '//login', `/badge/${BADGE}.js/`]) {
        const normalised = await get(route)
        expect(normalised.status, route).toBe(308)
        expectCommonHeaders(route, normalised.headers)
      }
    },
  )

  it('a fresh nonce for every response', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 5; i++) nonces.add(nonceOf((await get('/login')).headers.get('content-security-policy')!)!)
    expect(nonces.size).toBe(5)
  })

  it('/graphql, /exports, the PDF and a static file', { timeout: 120_000 }, async () => {
    const graphqlAnswer = await get('/graphql', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: documentHash(PublicBadge), variables: { badgeNumber: BADGE } }),
    })
    expect(graphqlAnswer.status).toBe(200)
    expectPortalPolicy('/graphql', graphqlAnswer.headers)

    const csv = await get('/exports/unit-payments.csv', 'conac')
    expect(csv.status).toBe(200)
    expectPortalPolicy('/exports', csv.headers)

    const pdf = await get(`/print/site-application/${printableId}/letter.pdf`, 'qfyy')
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expectPortalPolicy('letter.pdf', pdf.headers)

    const html = await (await get('/login')).text()
    const asset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!
    const script = await get(asset)
    expect(script.status).toBe(200)
    expectCommonHeaders(asset, script.headers)
  })

  it('/badge script and image: embeddable by any site (no same-origin resource policy), the SVG runs nothing', async () => {
    for (const file of [`${BADGE}.js`, `${BADGE}.svg`]) {
      const response = await get(`/badge/${file}`)
      expect(response.status, file).toBe(200)
      expectCommonHeaders(file, response.headers)
      expect(response.headers.get('cross-origin-resource-policy'), file).not.toBe('same-origin')
      expect(directives(response.headers.get('content-security-policy')!).get('default-src'), file).toEqual(["'none'"])
      expect(response.headers.get('cache-control'), file).toContain('public')
    }
  })

  it('the session cookie is Secure, HttpOnly and SameSite=Lax (the API runs in production)', async () => {
    const response = await get('/graphql', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        documentId: documentHash(Login),
        variables: { input: { username: 'qfzf', password: DEMO_PASSWORD } },
      }),
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('conac_session='))!
    expect(cookie).toMatch(/;\s*Secure(;|$)/)
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/)
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/)
  })
})

// ---------------------------------------------------------------------------------------------------------------

async function signedInPage(who: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  const [name, value] = cookies[who]!.split(';')[0]!.split('=') as [string, string]
  await context.addCookies([{ name, value, url: webUrl }])
  return context.newPage()
}

describe('in Chromium, with the policy on', () => {
  it('pages render without a violation (screenshots)', { timeout: 180_000 }, async () => {
    const visits: [string, string | undefined, string][] = [
      ['/login', undefined, 'login'],
      [`/verify/${BADGE}`, undefined, 'verify'],
      [`/m/${hospitalUnitId}`, undefined, 'micro-site'],
      ['/unit/badges', 'qfyy', 'unit-badges'],
      ['/office/statistics', 'qingfeng', 'office-statistics'],
      ['/conac/audit', 'conac', 'conac-audit'],
      [`/print/site-application/${printableId}/letter`, 'qfyy', 'print-letter'],
    ]
    for (const [route, who, name] of visits) {
      const page = who
        ? await signedInPage(who)
        : await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage()
      const response = await page.goto(`${webUrl}${route}`, { waitUntil: 'networkidle' })
      expect(response?.status(), route).toBe(200)
      // Hydrated: React ran (its scripts were allowed), so client-side handlers are attached.
      await page.waitForFunction(() => Boolean((window as unknown as { next?: unknown }).next), null, {
        timeout: 30_000,
      })
      await page.screenshot({ path: screenshotPath(`csp-${name}`), fullPage: true })
      await page.context().close()
    }
  })

  it('markup injected into a page (a stored XSS) runs no script and applies no style', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    // The portal's real answer, with the policy it sent, plus what an attacker would have smuggled into the HTML
    // (React then hydrates the page and drops the foreign nodes; the browser has refused them before that).
    await page.route(`${webUrl}/login`, async (route) => {
      const response = await route.fetch()
      const injected =
        '<script>window.__injected = "inline"</script><img src="/no-such-image" onerror="window.__injected = \'handler\'"><h2 id="injected" style="color: rgb(255, 0, 0)">注入</h2>'
      await route.fulfill({
        response,
        body: (await response.text()).replace('<main class="page">', `<main class="page">${injected}`),
      })
    })
    await page.goto(`${webUrl}/login`, { waitUntil: 'networkidle' })
    await page.locator('#login-title').waitFor()
    await flushCspReports()
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined()
    const seen = takeCspViolations()
    expect(seen.map((violation) => violation.directive)).toEqual(
      expect.arrayContaining(['script-src-elem', 'script-src-attr', 'style-src-attr']),
    )
    await page.context().close()
  })

  it('another site embeds the badge script and image, but cannot frame the portal', { timeout: 60_000 }, async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>外部网站</title></head><body>
      <p>某单位网站</p>
      <img id="image" src="${webUrl}/badge/${BADGE}.svg" alt="标识">
      <iframe id="frame" src="${webUrl}/login" width="400" height="200"></iframe>
      <script src="${webUrl}/badge/${BADGE}.js" charset="utf-8"></script>
    </body></html>`
    const site: Server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    )
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`, { waitUntil: 'networkidle' })
      // The script drew the badge, linked to the verification page, and both images loaded.
      const badge = page.locator('.conac-badge a img')
      await badge.waitFor()
      expect(await page.locator('.conac-badge a').getAttribute('href')).toBe(`${webUrl}/verify/${BADGE}`)
      for (const image of [badge, page.locator('#image')])
        expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
      // The frame stays empty: frame-ancestors 'none' (and X-Frame-Options) refuse it.
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!
      expect(await frame.locator('#login-title').count()).toBe(0)
      await page.screenshot({ path: screenshotPath('csp-embedding-site') })
      await flushCspReports()
      // The refusal shows up as a frame-ancestors violation: expected here, so taken before setup.ts sees it.
      const seen = takeCspViolations()
      expect(
        seen.every((violation) => /frame-ancestors|X-Frame-Options/.test(`${violation.directive} ${violation.sample}`)),
        JSON.stringify(seen),
      ).toBe(true)
      await page.context().close()
    } finally {
      site.close()
    }
  })
})

describe('over HTTPS', () => {
  // HSTS comes with SECURE_COOKIES=true, and, in production, with an https PUBLIC_PORTAL_URL alone (red team L8: a
  // default production deployment on https sent none). Also on what server.mjs answers itself (a 405).
  it.each([
    ['an https PUBLIC_PORTAL_URL', { PUBLIC_PORTAL_URL: 'https://portal.example.cn' }],
    ['SECURE_COOKIES=true', { PUBLIC_PORTAL_URL: 'http://portal.example.cn', SECURE_COOKIES: 'true' }],
  ])('HSTS is sent with %s', { timeout: 120_000 }, async (_label, env) => {
    const port = await freePort()
    const portal = await startProcess({
      name: 'portal (https settings)',
      ...portalProcess(port, { API_URL: apiUrl, ...env }),
      ready: PORTAL_READY,
    })
    try {
      const response = await fetch(`http://127.0.0.1:${port}/login`)
      expect(response.status).toBe(200)
      expectCommonHeaders('/login', response.headers, { https: true })
      // Not upgrade-insecure-requests: it would upgrade the PDF renderer's http requests (web/security/headers.ts).
      expect(directives(response.headers.get('content-security-policy')!).has('upgrade-insecure-requests')).toBe(false)
      const refused = await fetch(`http://127.0.0.1:${port}/login`, { method: 'PUT' })
      expect(refused.status).toBe(405)
      expectCommonHeaders('PUT /login', refused.headers, { https: true })
    } finally {
      await portal.stop()
    }
  })

  it("no HSTS from a portal whose PUBLIC_PORTAL_URL is http (this suite's portal)", async () => {
    expect(webUrl.startsWith('http://')).toBe(true)
    expect((await get('/login')).headers.get('strict-transport-security')).toBeNull()
  })
})
