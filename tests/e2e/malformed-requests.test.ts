// Requests the portal cannot serve are refused by its own server (web/server.mjs, web/security/refusals.ts) with a
// short Chinese sentence and the same security headers as every other answer, and the portal goes on serving (red
// team L2 and L3: broken percent-encoding in a path was a 500 without headers, TRACE a 500 with a stack in the log).
// - Broken percent-encoding in the path of every route class: 400.
// - Methods other than GET, HEAD and POST on every route class (also CONNECT, methods no HTTP client would send,
//   and tokens node's parser does not know): 405 with Allow.
// - What node's parser refuses (bytes that may not be in a request line), a target that is not a path, a missing Host: 400.
// A portal of its own is started, so that its log can be read afterwards: no stack, no error line.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePort, PORTAL_READY, portalProcess, startProcess, type Started } from '../testkit/processes.ts'
import { rawRequest, rawSocketExchange, type RawResponse } from '../testkit/rawHttp.ts'
import { expectCommonHeaders } from '../testkit/securityHeaders.ts'

const apiUrl = inject('apiUrl')
const BADGE = '202541092200001'
let portal: Started
let portalUrl = ''

beforeAll(async () => {
  const port = await freePort()
  portalUrl = `http://127.0.0.1:${port}`
  portal = await startProcess({
    name: 'portal (malformed requests)',
    ...portalProcess(port, { API_URL: apiUrl, PUBLIC_PORTAL_URL: portalUrl }),
    ready: PORTAL_READY,
  })
})
afterAll(() => portal?.stop())

/** One path of every kind of route: pages of each area, public pages, route handlers, the PDF, static files, a 404. */
const ROUTE_CLASSES = [
  '/login',
  '/unit',
  '/office/sites',
  '/conac/jobs',
  `/verify/${BADGE}`,
  '/m/1',
  `/badge/${BADGE}.js`,
  '/graphql',
  '/exports/unit-payments.csv',
  '/print/site-application/1/letter',
  '/print/site-application/1/letter.pdf',
  '/_next/static/chunks/main.js',
  '/no-such-page',
]

/** Paths whose percent-encoding does not decode (a lone "%", "%ff", an overlong "/", a truncated sequence). */
const MALFORMED_PATHS = [
  '/verify/%',
  '/m/%ff',
  '/badge/%.js',
  '/badge/%ff.svg',
  '/verify/%c0%af',
  '/print/site-application/%/letter.pdf',
  '/print/site-application/1/%e4%b8',
  '/unit/sites/%',
  '/office/sites/%zz',
  '/conac/%',
  '/exports/%',
  '/graphql/%',
  '/login/%ff',
  '/_next/static/%',
  '/%',
]

/** A refusal of the portal's own server: the status, the security headers, no caching, a short Chinese sentence. */
function expectRefusal(label: string, response: RawResponse, status: number, { body = true } = {}) {
  expect(response.status, label).toBe(status)
  expectCommonHeaders(label, response.headers)
  expect(response.headers['content-type'], label).toBe('text/plain; charset=utf-8')
  expect(response.headers['cache-control'], label).toBe('no-store')
  if (status === 405) expect(response.headers.allow, label).toBe('GET, HEAD, POST')
  if (body) {
    expect(response.body, label).toMatch(/^[\u4e00-\u9fff][^<>]{1,40}\n$/)
  } else {
    expect(response.body, label).toBe('')
  }
}

const socketRequest = (requestLine: string, headers = `Host: 127.0.0.1\r\n`) =>
  rawSocketExchange(portalUrl, Buffer.from(`${requestLine}\r\n${headers}Connection: close\r\n\r\n`, 'latin1'))

describe('broken percent-encoding in a path', () => {
  it('400 with the security headers on every route class, for GET, HEAD and POST', { timeout: 120_000 }, async () => {
    for (const path of MALFORMED_PATHS) {
      expectRefusal(`GET ${path}`, await rawRequest(`${portalUrl}${path}`), 400)
      expectRefusal(`HEAD ${path}`, await rawRequest(`${portalUrl}${path}`, { method: 'HEAD' }), 400, { body: false })
      expectRefusal(
        `POST ${path}`,
        await rawRequest(`${portalUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
        400,
      )
    }
    // A broken query string is Next's to read (it decodes leniently): the page is served.
    expect((await rawRequest(`${portalUrl}/login?next=%`)).status).toBe(200)
  })

  it('bytes a request line may not hold, a target that is not a path, a missing Host: 400 with the headers', async () => {
    expectRefusal('raw bytes', await socketRequest('GET /verify/\xff\xfe HTTP/1.1'), 400)
    expectRefusal('a space in the target', await socketRequest('GET /verify/a b HTTP/1.1'), 400)
    expectRefusal('absolute-form', await socketRequest('GET http://other.example/login HTTP/1.1'), 400)
    expectRefusal('asterisk-form', await socketRequest('GET * HTTP/1.1'), 400)
    expectRefusal('no Host', await socketRequest('GET /login HTTP/1.1', ''), 400)
  })
})

describe('methods other than GET, HEAD and POST', () => {
  it('405 with Allow and the security headers on every route class', { timeout: 120_000 }, async () => {
    for (const path of ROUTE_CLASSES) {
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'PURGE', 'MKCOL', 'BREW']) {
        expectRefusal(
          `${method} ${path}`,
          await rawRequest(`${portalUrl}${path}`, { method, headers: { host: '127.0.0.1' } }),
          405,
        )
      }
      // CONNECT has its own event in node, and no HTTP client sends these.
      expectRefusal(`CONNECT ${path}`, await socketRequest(`CONNECT ${path} HTTP/1.1`), 405)
      expectRefusal(`G@T ${path}`, await socketRequest(`G@T ${path} HTTP/1.1`), 405)
      expectRefusal(`get ${path}`, await socketRequest(`get ${path} HTTP/1.1`), 405)
    }
    expectRefusal('CONNECT host:port', await socketRequest('CONNECT 127.0.0.1:22 HTTP/1.1'), 405)
  })

  it('TRACE does not echo the request', async () => {
    const response = await rawRequest(`${portalUrl}/login`, {
      method: 'TRACE',
      headers: { host: '127.0.0.1', cookie: 'conac_session=secret-value' },
    })
    expect(response.status).toBe(405)
    expect(response.body).not.toContain('secret-value')
  })
})

describe('afterwards', () => {
  it('the portal still serves pages, the PDF route and /graphql, and its log has no error and no stack', async () => {
    expect((await rawRequest(`${portalUrl}/login`)).status).toBe(200)
    expect((await rawRequest(`${portalUrl}/verify/${BADGE}`)).status).toBe(200)
    expect((await rawRequest(`${portalUrl}/print/site-application/1/letter.pdf`)).status).toBe(401)
    expect(
      (
        await rawRequest(`${portalUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBeLessThan(500)
    const log = portal.output()
    expect(log, log).not.toMatch(/\n\s+at |Error|TypeError|URIError|request failed/)
  })
})
