// Public output never reflects request headers (issue 14, item 3). Every public route of the real portal, and the
// API's fields that hold public addresses (Badge.snippet, Badge.verificationUrl, the micro-site's), are requested
// with a forged Host, X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port, Forwarded and the other host headers
// proxies use: the forged values appear nowhere in the answer (body or headers, Location included), and the
// addresses that are written are PUBLIC_PORTAL_URL's. /badge/<n>.js is publicly cacheable, which is why this
// matters: one forged request would otherwise hand every visitor of every embedding site links to another host.
// Then the start-up rule: in production neither the portal nor the API starts without PUBLIC_PORTAL_URL.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { documentHash, mustPost, sessionCookie } from '../testkit/http.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import { API_BUNDLE, freePort, portalProcess, startExpectingRefusal } from '../testkit/processes.ts'
import { rawRequest, type RawResponse } from '../testkit/rawHttp.ts'
import { TEST_PII_ENCRYPTION_KEYS } from '../testkit/piiKeys.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')
/** The portal's configured public address (global-setup gives both processes PUBLIC_PORTAL_URL = the portal's URL). */
const publicUrl = webUrl

/** The demo badge and micro-site of 清丰县人民医院 (server/src/seed/demoSites.ts). */
const BADGE = '202541092200001'

/** Every header a client or a proxy could use to claim a host, scheme or port. */
const FORGED: Record<string, string> = {
  host: 'host.evil.example',
  'x-forwarded-host': 'xfh.evil.example',
  'x-forwarded-proto': 'evilproto',
  'x-forwarded-port': '6666',
  'x-forwarded-server': 'xfs.evil.example',
  'x-original-host': 'xoh.evil.example',
  'x-host': 'xh.evil.example',
  forwarded: 'for=198.51.100.7;host=fwd.evil.example;proto=evilproto',
}

/** Whatever the forged headers could have put into an answer. */
const REFLECTED = /evil|:6666\b/i

function expectNothingReflected(label: string, response: RawResponse) {
  const headers = Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`)
  for (const line of headers) expect(line, `${label}: header`).not.toMatch(REFLECTED)
  expect(REFLECTED.exec(response.body)?.[0], `${label}: body`).toBeUndefined()
}

const HospitalSetup = graphql(`
  query PublicUrlsHospital {
    me {
      id
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
  query PublicUrlsBadge($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      badgeNumber
      siteName
      chineseDomains
      englishDomain
    }
  }
`)
const PublicMicroSite = graphql(`
  query PublicUrlsMicroSite($unitId: ID!) {
    publicMicroSite(unitId: $unitId) {
      title
      unitName
      badge {
        badgeNumber
        verificationPath
        imagePath
      }
    }
  }
`)
const OwnBadges = graphql(`
  query PublicUrlsOwnBadges {
    badges(first: 20) {
      edges {
        node {
          badgeNumber
          snippet
          verificationUrl
        }
      }
    }
    myMicroSite {
      publicPath
      footerBadge {
        badgeNumber
        snippet
        verificationUrl
      }
    }
  }
`)

let hospitalCookie = ''
let hospitalUnitId = ''
/** The demo 网站开办申请 behind the badge (BADGE_ISSUED, so printable). */
let hospitalApplicationId = ''

beforeAll(async () => {
  hospitalCookie = await sessionCookie(apiUrl, 'qfyy')
  const me = await mustPost(apiUrl, HospitalSetup, {}, hospitalCookie)
  hospitalUnitId = me.me!.unit!.id
  hospitalApplicationId = me.siteApplications.edges.find((edge) => edge.node.serialNumber === 'WZ-2025-000001')!.node.id
})

const forgedGet = (url: string, extra: Record<string, string> = {}) =>
  rawRequest(url, { headers: { ...FORGED, ...extra } })

function forgedGraphql(url: string, document: Parameters<typeof documentHash>[0], variables: unknown, cookie?: string) {
  return rawRequest(url, {
    method: 'POST',
    headers: { ...FORGED, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ documentId: documentHash(document), variables }),
  })
}

describe('the portal’s public routes with forged host headers', () => {
  it('/badge/<n>.js links to PUBLIC_PORTAL_URL only, and is still publicly cacheable', async () => {
    const response = await forgedGet(`${webUrl}/badge/${BADGE}.js`)
    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toContain('public')
    expect(response.body).toContain(`${publicUrl}/verify/${BADGE}`)
    expect(response.body).toContain(`${publicUrl}/badge/${BADGE}.svg`)
    expectNothingReflected('badge script', response)
  })

  it('every other public route: the badge image, verification page, micro-site, login, register, redirects and 404s', async () => {
    const routes = [
      `/badge/${BADGE}.svg`,
      `/badge/NOPE.js`,
      `/verify/${BADGE}`,
      `/verify/${BADGE}/`, // a trailing slash is redirected
      `/verify/NOPE`,
      `/m/${hospitalUnitId}`,
      `/m/${hospitalUnitId}?preview=1`,
      '/m/999999999',
      '/',
      '/login',
      '/login?next=%2Funit',
      '/register',
      '/unit', // anonymous: redirected to the login page
      '/office/badges/changes',
      '/print/site-application/1/letter',
      '/print/site-application/1/letter.pdf',
      '/exports/unit-payments.csv',
      '/graphql',
      '/no-such-page',
      '/dev/outbox',
    ]
    const statuses: Record<string, number> = {}
    for (const route of routes) {
      const response = await forgedGet(`${webUrl}${route}`)
      statuses[route] = response.status
      expectNothingReflected(route, response)
      if (response.headers.location)
        expect(new URL(response.headers.location, publicUrl).origin, `${route}: Location`).toBe(publicUrl)
    }
    // The routes answered what they normally answer (not an error page about the headers).
    expect(statuses).toMatchObject({
      [`/badge/${BADGE}.svg`]: 200,
      [`/verify/${BADGE}`]: 200,
      [`/m/${hospitalUnitId}`]: 200,
      '/login': 200,
      '/register': 200,
      '/no-such-page': 404,
    })
    expect([307, 308]).toContain(statuses[`/verify/${BADGE}/`])
  })

  it('pages a signed-in unit sees with its badge code (标识管理, 网络红页 editor)', async () => {
    for (const route of ['/unit/badges', '/unit/micro-site', `/m/${hospitalUnitId}?preview=1`]) {
      const response = await forgedGet(`${webUrl}${route}`, { cookie: hospitalCookie })
      expect(response.status, route).toBe(200)
      expectNothingReflected(route, response)
    }
  })

  it(
    'the print page and its PDF: the server’s Chromium renders the portal’s own pages, whatever Host was claimed',
    { timeout: 120_000 },
    async () => {
      const page = await forgedGet(`${webUrl}/print/site-application/${hospitalApplicationId}/letter`, {
        cookie: hospitalCookie,
      })
      expect(page.status).toBe(200)
      expectNothingReflected('letter', page)
      const pdf = await forgedGet(`${webUrl}/print/site-application/${hospitalApplicationId}/letter.pdf`, {
        cookie: hospitalCookie,
      })
      expect(pdf.status, pdf.body.slice(0, 200)).toBe(200)
      expect(pdf.headers['content-type']).toBe('application/pdf')
      expectNothingReflected('letter.pdf', pdf)
    },
  )

  it('the public GraphQL answers through the portal’s /graphql proxy', async () => {
    for (const [label, response] of [
      ['badgeVerification', await forgedGraphql(`${webUrl}/graphql`, PublicBadge, { badgeNumber: BADGE })],
      ['publicMicroSite', await forgedGraphql(`${webUrl}/graphql`, PublicMicroSite, { unitId: hospitalUnitId })],
      ['own badges', await forgedGraphql(`${webUrl}/graphql`, OwnBadges, {}, hospitalCookie)],
    ] as const) {
      expect(response.status, label).toBe(200)
      expect(JSON.parse(response.body).errors, label).toBeUndefined()
      expectNothingReflected(label, response)
    }
  })
})

describe('the API’s public addresses with forged host headers', () => {
  it('Badge.snippet and verificationUrl, the micro-site’s, badgeVerification and publicMicroSite come from PUBLIC_PORTAL_URL', async () => {
    const own = await forgedGraphql(`${apiUrl}/graphql`, OwnBadges, {}, hospitalCookie)
    expect(own.status).toBe(200)
    expectNothingReflected('API: own badges', own)
    const data = JSON.parse(own.body).data as {
      badges: { edges: { node: { badgeNumber: string; snippet: string; verificationUrl: string } }[] }
      myMicroSite: { footerBadge: { snippet: string; verificationUrl: string } | null }
    }
    const badge = data.badges.edges.map((edge) => edge.node).find((node) => node.badgeNumber === BADGE)!
    expect(badge.snippet).toContain(`src="${publicUrl}/badge/${BADGE}.js"`)
    expect(badge.verificationUrl).toBe(`${publicUrl}/verify/${BADGE}`)
    expect(data.myMicroSite.footerBadge?.verificationUrl).toBe(`${publicUrl}/verify/${BADGE}`)

    for (const [label, response] of [
      ['API: badgeVerification', await forgedGraphql(`${apiUrl}/graphql`, PublicBadge, { badgeNumber: BADGE })],
      ['API: publicMicroSite', await forgedGraphql(`${apiUrl}/graphql`, PublicMicroSite, { unitId: hospitalUnitId })],
      ['API: export', await forgedGet(`${apiUrl}/exports/unit-payments.csv`, { cookie: hospitalCookie })],
      ['API: unknown path', await forgedGet(`${apiUrl}/nothing-here`)],
    ] as const) {
      expect(response.status, label).toBeLessThan(500)
      expectNothingReflected(label, response)
    }
  })
})

describe('start-up without PUBLIC_PORTAL_URL in production', () => {
  const scratch: string[] = []
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
  })

  async function portal(publicPortalUrl: string) {
    const port = await freePort()
    return startExpectingRefusal({
      ...portalProcess(port, { API_URL: apiUrl, PUBLIC_PORTAL_URL: publicPortalUrl }),
      // Next may say "Ready" before its start-up checks run: up means it answered a request.
      isUp: async () => (await fetch(`http://127.0.0.1:${port}/login`)).status > 0,
    })
  }

  async function api(publicPortalUrl: string) {
    const port = await freePort()
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-refusal-'))
    scratch.push(dataDir)
    return startExpectingRefusal({
      command: process.execPath,
      args: [API_BUNDLE],
      cwd: path.join(repositoryRoot, 'server'),
      env: {
        API_PORT: String(port),
        PGLITE_DIR: dataDir,
        DATABASE_URL: '',
        EMBEDDED_DATABASE_IN_PRODUCTION: 'true',
        NODE_ENV: 'production',
        PII_ENCRYPTION_KEYS: TEST_PII_ENCRYPTION_KEYS,
        PUBLIC_PORTAL_URL: publicPortalUrl,
        SCHEDULER: 'false',
        // Production requires the forwarding server's address (config.ts).
        URL_FORWARD_SERVER_IPV4: '127.0.0.1',
        NOTIFICATION_WORKER: 'false',
      },
      isUp: async () => (await fetch(`http://127.0.0.1:${port}/graphql`)).status > 0,
      timeoutMs: 120_000,
    })
  }

  it('the portal refuses to start, naming the variable (unset, and not an origin)', { timeout: 240_000 }, async () => {
    for (const value of ['', 'portal.example.cn', 'https://portal.example.cn/app']) {
      const result = await portal(value)
      expect(result.refused, `PUBLIC_PORTAL_URL="${value}": ${result.output}`).toBe(true)
      expect(result.code).not.toBe(0)
      expect(result.output).toContain('PUBLIC_PORTAL_URL')
    }
  })

  it('the API refuses to start, naming the variable (unset, and not an origin)', { timeout: 300_000 }, async () => {
    for (const value of ['', 'ftp://portal.example.cn']) {
      const result = await api(value)
      expect(result.refused, `PUBLIC_PORTAL_URL="${value}": ${result.output}`).toBe(true)
      expect(result.code).not.toBe(0)
      expect(result.output).toContain('PUBLIC_PORTAL_URL')
    }
  })
})
