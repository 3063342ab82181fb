// The guarded outbound fetch (server/src/lib/outbound): every request the server makes to an address a user
// controls reaches public addresses on ports 80/443 only, connects to exactly the address it checked (a changing
// DNS answer cannot move it), checks every redirect the same way, and stops at its redirect, byte and time bounds.
// Names are answered by a stub resolver; the dial is a spy that connects public test addresses to local servers,
// so "refused without connecting" is asserted as: no dial at all. An operator-configured destination (the SMS
// gateway) may be internal, but nothing else is reached from it and its redirects are not followed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { classifyAddress } from '../../server/src/lib/outbound/addresses.ts'
import {
  guardedFetch,
  OutboundError,
  PUBLIC,
  type OutboundRequest,
} from '../../server/src/lib/outbound/guardedFetch.ts'
import { DeliveryError } from '../../server/src/modules/notifications/delivery.ts'
import { HttpSmsProvider } from '../../server/src/modules/notifications/sms.ts'
import {
  fakeNetwork,
  INTERNAL_TEST_ADDRESSES,
  OTHER_PUBLIC_TEST_ADDRESS,
  PUBLIC_TEST_ADDRESS,
  PUBLIC_TEST_ADDRESS_V6,
} from '../testkit/network.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const network = fakeNetwork()
/** One local server for every name, routing by the Host header. */
const routes = new Map<string, Handler>()
const seen: {
  host: string | undefined
  url: string | undefined
  authorization: string | undefined
  method: string | undefined
}[] = []
let server: Server
let port: number

const listen = (s: Server) =>
  new Promise<number>((done) => s.listen(0, '127.0.0.1', () => done((s.address() as AddressInfo).port)))
const ok =
  (text: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(text)
  }
const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location })
    res.end()
  }

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ host: req.headers.host, url: req.url, authorization: req.headers.authorization, method: req.method })
    const handler = routes.get(req.headers.host ?? '')
    if (!handler) {
      res.writeHead(404)
      return res.end()
    }
    handler(req, res)
  })
  port = await listen(server)
  for (const address of [PUBLIC_TEST_ADDRESS, OTHER_PUBLIC_TEST_ADDRESS, PUBLIC_TEST_ADDRESS_V6])
    network.servers.set(`${address}:80`, port)
  // Port 443 reaches the same plain-HTTP server: a request that gets there fails the TLS handshake, which is
  // enough to show that the redirect was followed and where the connection went.
  network.servers.set(`${OTHER_PUBLIC_TEST_ADDRESS}:443`, port)
  network.names.set('site.test', [PUBLIC_TEST_ADDRESS])
  network.names.set('other.test', [OTHER_PUBLIC_TEST_ADDRESS])
})

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((done) => (server ? server.close(done) : done(undefined)))
})

beforeEach(() => {
  network.reset()
  seen.length = 0
})

const get = (url: string, extra: Partial<OutboundRequest> = {}) =>
  guardedFetch({ url, destination: PUBLIC, timeoutMs: 10_000, outbound: network.options, ...extra })

/** The OutboundError a request ends with (fails the test if it succeeds). */
async function refusal(url: string, extra: Partial<OutboundRequest> = {}): Promise<OutboundError> {
  const error = await get(url, extra).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OutboundError)
  return error as OutboundError
}

describe('the address classifier', () => {
  it.each([
    // IPv4: public neighbours of each refused range, and the ranges' edges.
    ['93.184.216.34', true],
    ['8.8.8.8', true],
    ['100.63.255.255', true],
    ['100.64.0.0', false],
    ['100.127.255.255', false],
    ['100.128.0.0', true],
    ['172.15.255.255', true],
    ['172.16.0.0', false],
    ['172.31.255.255', false],
    ['172.32.0.0', true],
    ['9.255.255.255', true],
    ['10.0.0.0', false],
    ['11.0.0.0', true],
    ['192.167.255.255', true],
    ['192.168.0.1', false],
    ['126.255.255.255', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['128.0.0.0', true],
    ['0.0.0.0', false],
    ['0.255.255.255', false],
    ['169.254.169.254', false],
    ['169.253.255.255', true],
    ['224.0.0.1', false],
    ['239.255.255.255', false],
    ['223.255.255.255', true],
    ['240.0.0.1', false], // reserved for future use
    ['255.255.255.255', false],
    ['192.0.0.8', false], // IETF protocol assignments
    ['192.0.2.1', false], // TEST-NET-1
    ['198.51.100.7', false], // TEST-NET-2
    ['203.0.113.80', false], // TEST-NET-3
    ['198.18.0.1', false], // benchmarking
    ['198.19.255.255', false],
    ['198.20.0.0', true],
    ['192.88.99.1', false], // 6to4 relay anycast
    // IPv6
    [PUBLIC_TEST_ADDRESS_V6, true],
    ['2400:cb00::1', true],
    ['::1', false],
    ['::', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.5', false],
    ['::ffff:93.184.216.34', true], // IPv4-mapped: the IPv4 address decides
    ['::7f00:1', false], // IPv4-compatible (deprecated): refused outright
    ['::5db8:d822', false],
    ['::ffff:0:7f00:1', false], // SIIT
    ['64:ff9b::7f00:1', false], // NAT64 of 127.0.0.1
    ['64:ff9b::a00:5', false], // NAT64 of 10.0.0.5
    ['64:ff9b::5db8:d822', true], // NAT64 of 93.184.216.34
    ['64:ff9b:1::1', false], // local-use NAT64
    ['fc00::1', false],
    ['fdff:ffff::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fec0::1', false], // site-local (deprecated)
    ['ff02::1', false],
    ['2002:7f00:1::', false], // 6to4
    ['2002:5db8:d822::1', false], // 6to4 of a public address: refused outright
    ['2001::1', false], // Teredo
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false],
    ['2001:db8::1', false], // documentation
    ['3fff::1', false], // documentation (RFC 9637)
    ['2001:2::1', false], // benchmarking
    ['100::1', false], // discard
    ['4000::1', false], // outside 2000::/3
    ['1fff:ffff::1', false],
    ['3fff:1000::1', true],
    // Not addresses at all.
    ['localhost', false],
    ['2130706433', false],
    ['0x7f.1', false],
    ['', false],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address).public).toBe(expected)
  })
})

describe('a destination a user controls', () => {
  it('connects to the checked public address with the name in the Host header', async () => {
    routes.set('site.test', ok('hello'))
    const response = await get('http://site.test/')
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe('hello')
    expect(network.lookups).toEqual(['site.test'])
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS, port: 80 }])
    expect(seen[0]!.host).toBe('site.test')
  })

  it('connects over IPv6 when a name has only public AAAA answers', async () => {
    network.names.set('v6.test', [PUBLIC_TEST_ADDRESS_V6])
    routes.set('v6.test', ok('v6'))
    expect((await get('http://v6.test/')).body.toString()).toBe('v6')
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS_V6, port: 80 }])
  })

  it.each(INTERNAL_TEST_ADDRESSES)('refuses a name that resolves to %s, without connecting', async (address) => {
    network.names.set('internal.test', [address])
    const error = await refusal('http://internal.test/')
    expect(error).toMatchObject({ reason: 'NON_PUBLIC_ADDRESS', redirected: false, status: undefined })
    expect(network.dials).toEqual([])
  })

  it.each([
    ['a public and a private answer', [PUBLIC_TEST_ADDRESS, '10.0.0.5']],
    ['a private answer before a public one', ['192.168.1.1', PUBLIC_TEST_ADDRESS]],
    ['a public IPv4 and a loopback IPv6 answer', [PUBLIC_TEST_ADDRESS, '::1']],
  ])('refuses %s (every answer is checked), without connecting', async (_label, answers) => {
    network.names.set('mixed.test', answers)
    expect((await refusal('http://mixed.test/')).reason).toBe('NON_PUBLIC_ADDRESS')
    expect(network.dials).toEqual([])
  })

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/',
  ])('refuses the IP literal %s without a lookup or a connection', async (url) => {
    expect((await refusal(url)).reason).toBe('NON_PUBLIC_ADDRESS')
    expect(network.lookups).toEqual([])
    expect(network.dials).toEqual([])
  })

  it('reaches a public IP literal directly (checked like an answer)', async () => {
    routes.set(PUBLIC_TEST_ADDRESS, ok('literal'))
    expect((await get(`http://${PUBLIC_TEST_ADDRESS}/`)).body.toString()).toBe('literal')
    expect(network.lookups).toEqual([])
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS, port: 80 }])
  })

  it.each([
    'http://site.test:8080/',
    'http://site.test:22/',
    'https://site.test:8443/',
    `http://${PUBLIC_TEST_ADDRESS}:4000/`,
  ])('refuses port %s before any lookup or connection', async (url) => {
    expect((await refusal(url)).reason).toBe('PORT_NOT_ALLOWED')
    expect(network.lookups).toEqual([])
    expect(network.dials).toEqual([])
  })

  it.each(['file:///etc/passwd', 'ftp://site.test/', 'gopher://site.test:70/', 'not a url'])(
    'refuses %s',
    async (url) => {
      expect(['SCHEME_NOT_ALLOWED', 'INVALID_URL']).toContain((await refusal(url)).reason)
      expect(network.dials).toEqual([])
    },
  )

  it('tells a name that does not resolve apart from a refusal', async () => {
    expect((await refusal('http://nowhere.test/')).reason).toBe('DNS_FAILED')
    expect(network.dials).toEqual([])
  })
})

describe('DNS rebinding', () => {
  it('connects to the address it checked: one lookup per request, never a second one', async () => {
    let calls = 0
    network.names.set('rebind.test', () => (calls++ === 0 ? [PUBLIC_TEST_ADDRESS] : ['127.0.0.1']))
    routes.set('rebind.test', ok('first answer'))
    expect((await get('http://rebind.test/')).body.toString()).toBe('first answer')
    expect(calls).toBe(1)
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS, port: 80 }])
  })

  it('checks the answer again on a redirect to the same name, and refuses it when it turned private', async () => {
    let calls = 0
    network.names.set('rebind2.test', () => (calls++ === 0 ? [PUBLIC_TEST_ADDRESS] : ['169.254.169.254']))
    routes.set('rebind2.test', (req, res) =>
      req.url === '/' ? redirect('/latest/meta-data/')(req, res) : ok('metadata')(req, res),
    )
    const error = await refusal('http://rebind2.test/')
    expect(error).toMatchObject({
      reason: 'NON_PUBLIC_ADDRESS',
      redirected: true,
      status: 302,
      url: 'http://rebind2.test/',
    })
    expect(calls).toBe(2)
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS, port: 80 }])
  })
})

describe('redirects', () => {
  it('follows a redirect to another public name on port 80', async () => {
    routes.set('site.test', redirect('http://other.test/landing'))
    routes.set('other.test', ok('landed'))
    const response = await get('http://site.test/')
    expect(response).toMatchObject({ status: 200 })
    expect(response.url.href).toBe('http://other.test/landing')
    expect(response.body.toString()).toBe('landed')
    expect(network.dials).toEqual([
      { address: PUBLIC_TEST_ADDRESS, port: 80 },
      { address: OTHER_PUBLIC_TEST_ADDRESS, port: 80 },
    ])
  })

  it('follows a redirect to https on 443 (connecting to the checked address; the TLS handshake then fails here)', async () => {
    routes.set('site.test', redirect('https://other.test/'))
    const error = await refusal('http://site.test/')
    expect(error).toMatchObject({ reason: 'TLS_FAILED', redirected: true, url: 'https://other.test/' })
    expect(network.dials).toEqual([
      { address: PUBLIC_TEST_ADDRESS, port: 80 },
      { address: OTHER_PUBLIC_TEST_ADDRESS, port: 443 },
    ])
  })

  it.each([
    ['a private IP literal', 'http://10.0.0.5/', 'NON_PUBLIC_ADDRESS'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', 'NON_PUBLIC_ADDRESS'],
    ['a decimal loopback', 'http://2130706433/', 'NON_PUBLIC_ADDRESS'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/', 'NON_PUBLIC_ADDRESS'],
    ['a name that resolves to loopback', 'http://localhost.test/', 'NON_PUBLIC_ADDRESS'],
    ['another port on a public name', 'http://other.test:8080/', 'PORT_NOT_ALLOWED'],
    ['the API port on loopback', 'http://127.0.0.1:4000/graphql', 'PORT_NOT_ALLOWED'],
    ['another scheme', 'file:///etc/passwd', 'BAD_REDIRECT'],
  ])('refuses a redirect to %s without connecting to it', async (_label, location, reason) => {
    network.names.set('localhost.test', ['127.0.0.1'])
    routes.set('site.test', redirect(location))
    const error = await refusal('http://site.test/')
    expect(error).toMatchObject({ reason, redirected: true, status: 302, url: 'http://site.test/' })
    expect(network.dials).toEqual([{ address: PUBLIC_TEST_ADDRESS, port: 80 }])
  })

  it('stops after the redirect bound', async () => {
    routes.set('site.test', (req, res) => redirect(`/step${Number(req.url?.replace(/\D/g, '') || 0) + 1}`)(req, res))
    const error = await refusal('http://site.test/', { maxRedirects: 3 })
    expect(error).toMatchObject({ reason: 'TOO_MANY_REDIRECTS', status: 302 })
    expect(network.dials).toHaveLength(4)
  })

  it('lets the caller keep a redirect (returned, not followed)', async () => {
    routes.set('site.test', redirect('http://other.test/'))
    const response = await get('http://site.test/', { followRedirect: (next) => next.hostname === 'site.test' })
    expect(response.status).toBe(302)
    expect(response.location?.href).toBe('http://other.test/')
    expect(network.dials).toHaveLength(1)
  })

  it('does not carry credentials to another origin', async () => {
    routes.set('site.test', redirect('http://other.test/', 307))
    routes.set('other.test', ok('x'))
    await get('http://site.test/', { headers: { authorization: 'Bearer secret' } })
    expect(seen.map((s) => [s.host, s.authorization])).toEqual([
      ['site.test', 'Bearer secret'],
      ['other.test', undefined],
    ])
  })
})

describe('bounds', () => {
  it('cuts the body at the byte bound', async () => {
    routes.set('site.test', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(Buffer.alloc(3 * 1024 * 1024, 'a'))
    })
    const response = await get('http://site.test/', { maxBytes: 1000 })
    expect(response.truncated).toBe(true)
    expect(response.body.length).toBe(1000)
  })

  it('ends a request that never answers at the time bound', async () => {
    routes.set('site.test', () => {
      /* never answers */
    })
    const started = Date.now()
    expect((await refusal('http://site.test/', { timeoutMs: 300 })).reason).toBe('TIMEOUT')
    // Generous: only shows that the bound, not some default, ended it.
    expect(Date.now() - started).toBeLessThan(8_000)
  })

  it('ends a body that keeps trickling in at the time bound (the whole request, not each read)', async () => {
    const timers: NodeJS.Timeout[] = []
    routes.set('site.test', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      timers.push(setInterval(() => res.write('.'), 20))
    })
    try {
      expect((await refusal('http://site.test/', { timeoutMs: 500 })).reason).toBe('TIMEOUT')
    } finally {
      for (const timer of timers) clearInterval(timer)
    }
  })

  it('ends a lookup that never answers at the time bound, without connecting', async () => {
    const error = await refusal('http://slow-dns.test/', {
      timeoutMs: 300,
      outbound: { ...network.options, resolve: () => new Promise(() => {}) },
    })
    expect(error.reason).toBe('TIMEOUT')
    expect(network.dials).toEqual([])
  })
})

describe('an operator-configured destination', () => {
  let gateway: Server
  let gatewayUrl: string
  const received: string[] = []

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`)
      if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://169.254.169.254/' })
        return res.end()
      }
      res.writeHead(200)
      res.end('accepted')
    })
    gatewayUrl = `http://127.0.0.1:${await listen(gateway)}/sms`
  })
  afterAll(async () => {
    gateway?.closeAllConnections()
    await new Promise((done) => (gateway ? gateway.close(done) : done(undefined)))
  })

  it('reaches the configured address even on loopback and another port (the real dial)', async () => {
    const response = await guardedFetch({
      url: gatewayUrl,
      destination: { kind: 'configured', url: gatewayUrl },
      method: 'POST',
      body: '{}',
    })
    expect(response.status).toBe(200)
    expect(received.at(-1)).toBe('POST /sms')
  })

  it('reaches nothing else from it', async () => {
    const other = new URL(gatewayUrl)
    other.port = '4000'
    const error = await guardedFetch({
      url: other.href,
      destination: { kind: 'configured', url: gatewayUrl },
      outbound: network.options,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ reason: 'NOT_CONFIGURED' })
    expect(network.dials).toEqual([])
  })

  it('does not follow its redirects', async () => {
    const moved = new URL('/moved', gatewayUrl).href
    const count = received.length
    const response = await guardedFetch({ url: moved, destination: { kind: 'configured', url: gatewayUrl } })
    expect(response.status).toBe(302)
    expect(response.location?.href).toBe('http://169.254.169.254/')
    expect(received.length).toBe(count + 1)
  })

  it('is how the SMS gateway is reached: a redirect is not followed, and the message is tried again later', async () => {
    const count = received.length
    const sms = new HttpSmsProvider({ url: new URL('/moved', gatewayUrl).href, timeoutMs: 5_000 })
    const error = await sms
      .send({ mobile: '13800000000', text: '测试', idempotencyKey: 'notification-1' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect(error).toMatchObject({ permanent: false })
    expect((error as Error).message).toContain('not followed')
    expect(received.length).toBe(count + 1)
  })
})
