// An attacker's pass over the URL转发 forwarding server (server/src/forwarder/) and the API's lookup behind it:
// forged and odd Host headers, absolute-form targets, paths that try to move the redirect to another host, CR/LF,
// long targets, other methods, slow and many connections, floods of made-up names, and callers of
// /url-forwarding/lookup other than the forwarding server. Nothing may redirect to a host the record does not name,
// tell which names exist, or hang the service. Requests are written to raw sockets where Node's client would tidy them.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createForwarder, createForwardingServer, lookupThroughApi } from '../../server/src/forwarder/server.ts'
import type { UrlForwardLookup } from '../../server/src/forwarder/lookupProtocol.ts'
import { toALabel } from '../../server/src/lib/idna.ts'
import { createApp } from '../../server/src/yoga.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { rawRequest, rawSocketExchange, type RawResponse } from '../testkit/rawHttp.ts'

const AddRecord = graphql(`
  mutation TestForwarderAttackAdd($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
    }
  }
`)

let t: TestApp
let api: Server
let apiUrl: string
let forwarder: Server
let forwarderUrl: string
/** A registered domain whose @ forwards to https://a.example with the path kept, and www to https://b.example/x */
let ours: { uName: string; aName: string; id: number }

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
const close = (server: Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(null)))

beforeAll(async () => {
  t = await createTestApp()
  const cookie = await t.login('qfzf')
  const unitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  const domain = await createDomain(t.db.prisma, { unitId, status: 'REGISTERED', name: '清丰县转发攻防测试' })
  ours = { id: domain.id, uName: '清丰县转发攻防测试.政务', aName: domainToASCII('清丰县转发攻防测试.政务') }
  for (const input of [
    { host: '@', value: 'https://a.example', forwardKeepPath: true },
    { host: 'www', value: 'https://b.example/x' },
  ]) {
    const added = await t.execute(
      AddRecord,
      { input: { domainId: String(domain.id), type: 'URL_FORWARD', ...input } },
      { cookie },
    )
    expect(added.errors).toBeUndefined()
  }
  api = createServer(t.app)
  apiUrl = await listen(api)
  forwarder = createForwardingServer({ lookup: lookupThroughApi(apiUrl), cacheSeconds: 0 })
  forwarderUrl = await listen(forwarder)
})
afterAll(async () => {
  await close(forwarder)
  await close(api)
  await t?.close()
})

/** One request as raw bytes (`Connection: close` added), read until the server closes. */
function send(requestLine: string, headers: string[], url = forwarderUrl): Promise<RawResponse> {
  const head = [requestLine, ...headers, 'Connection: close', '', ''].join('\r\n')
  return rawSocketExchange(url, Buffer.from(head, 'latin1'))
}
/** A GET with this Host, its bytes as given (a UTF-8 name must be given as its bytes in Latin-1). */
const getWithHost = (host: string, target = '/') => send(`GET ${target} HTTP/1.1`, [`Host: ${host}`])
const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1')

function expectBare404(answer: RawResponse, what: string) {
  expect(answer.status, what).toBe(404)
  expect(answer.body, what).toBe('')
  expect(answer.headers.location, what).toBeUndefined()
}

describe('Host headers', () => {
  it('the record’s own name still forwards (the baseline the other cases differ from)', async () => {
    expect(await getWithHost(ours.aName, '/a?b=1')).toMatchObject({
      status: 302,
      headers: { location: 'https://a.example/a?b=1' },
    })
    expect((await getWithHost(utf8Bytes(`WWW.${ours.uName}.:8080`))).headers.location).toBe('https://b.example/x')
  })

  it('anything that is no host name of ours gets the same bare 404', async () => {
    const variant = await t.db.prisma.domainName.create({
      data: {
        domainId: ours.id,
        suffix: 'ZHENGWU',
        uLabel: '清豐縣轉發攻防測試',
        aLabel: toALabel('清豐縣轉發攻防測試'),
        kind: 'VARIANT',
        resolves: false,
      },
    })
    const pending = await createDomain(t.db.prisma, {
      unitId: (await t.db.prisma.domain.findUniqueOrThrow({ where: { id: ours.id } })).unitId,
      status: 'PENDING_OFFICE_REVIEW',
      name: '清丰县转发攻防待审',
    })
    await t.db.prisma.dnsRecord.create({
      data: {
        domainId: pending.id,
        host: '@',
        type: 'URL_FORWARD',
        value: 'https://pending.example/',
        forwardRedirect: 'TEMPORARY',
        forwardKeepPath: false,
      },
    })
    const percentEncoded = [...Buffer.from(ours.uName.replace('.政务', ''), 'utf8')]
      .map((byte) => `%${byte.toString(16)}`)
      .join('')
    const cases: [string, string][] = [
      ['an IPv4 literal', '127.0.0.1'],
      ['an IPv6 literal', '[::1]:80'],
      ['the TLD alone', 'xn--zfr164b'],
      ['a 1 000-octet name', `${'a'.repeat(995)}.${ours.aName}`],
      ['our name percent-encoded', `${percentEncoded}.xn--zfr164b`],
      ['our name with a fragment after it', `${ours.aName}#.evil.example`],
      ['our name with a path after it', `${ours.aName}/x`],
      ['our name with userinfo before it', `evil.example@${ours.aName}`],
      ['invalid UTF-8', `\xff\xfe.xn--zfr164b`],
      ['a lone surrogate, percent-encoded', `%ed%a0%80.xn--zfr164b`],
      ['punycode that does not decode', 'xn--zz.xn--zfr164b'],
      // xn--8i7caa is the punycode of ｗｗｗ (full-width letters: UTS #46 maps them, so no A-label may hold them).
      ['punycode of a disallowed name', `xn--8i7caa.${ours.aName}`],
      ['an underscore', `a_b.${ours.aName}`],
      ['a variant that does not resolve', `${variant.aLabel}.xn--zfr164b`],
      ['a pending domain with a forward row', domainToASCII('清丰县转发攻防待审.政务')],
      ['a stranger', 'evil.example'],
    ]
    for (const [what, host] of cases) expectBare404(await getWithHost(host), what)
    // No Host at all (HTTP/1.0 may omit it).
    expectBare404(await send('GET / HTTP/1.0', []), 'no Host')
  })

  it('two Host headers are refused, whichever comes first', async () => {
    for (const hosts of [
      [ours.aName, 'evil.example'],
      ['evil.example', ours.aName],
    ]) {
      const answer = await send(
        'GET / HTTP/1.1',
        hosts.map((host) => `Host: ${host}`),
      )
      expect(answer.status, hosts.join(' + ')).toBe(400)
      expect(answer.headers.location).toBeUndefined()
    }
  })

  it('an absolute-form target is not followed, whichever host it names', async () => {
    expectBare404(await send('GET http://evil.example/ HTTP/1.1', [`Host: ${ours.aName}`]), 'evil in the target')
    expectBare404(await send(`GET http://${ours.aName}/ HTTP/1.1`, ['Host: evil.example']), 'ours in the target')
  })
})

describe('keep-path joins', () => {
  it.each([
    '/@evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\\\evil.example/',
    '/%2f%2fevil.example',
    '/..//evil.example',
    '/.%2e/%2e%2e/evil.example',
    '/x?@evil.example',
    '/x?a=1#@evil.example',
    '/%0d%0aSet-Cookie:%20a=b',
  ])('%s stays on the target’s host', async (target) => {
    const answer = await getWithHost(ours.aName, target)
    expect(answer.status).toBe(302)
    const location = new URL(answer.headers.location!)
    expect(location.host).toBe('a.example')
    expect(location.protocol).toBe('https:')
    expect(answer.headers['set-cookie']).toBeUndefined()
  })

  it('a raw CR or LF in the request line is refused before it reaches the forwarder', async () => {
    const answer = await rawSocketExchange(
      forwarderUrl,
      Buffer.from(`GET /a\rSet-Cookie: a=b HTTP/1.1\r\nHost: ${ours.aName}\r\nConnection: close\r\n\r\n`, 'latin1'),
    )
    expect(answer.status).toBe(400)
    expect(answer.headers.location).toBeUndefined()
  })

  it('a very long path and query: redirected on the same host, or refused whole when over the header limit', async () => {
    const long = `/${'a'.repeat(6000)}?q=${'b'.repeat(6000)}`
    const answer = await getWithHost(ours.aName, long)
    expect(answer.status).toBe(302)
    expect(new URL(answer.headers.location!).host).toBe('a.example')
    const tooLong = await getWithHost(ours.aName, `/${'a'.repeat(40_000)}`)
    expect(tooLong.status).toBe(431)
    expect((await getWithHost(ours.aName)).status).toBe(302) // and the server still answers
  })
})

describe('methods', () => {
  it('only GET and HEAD are answered; HEAD with the redirect and no body', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      const answer = await send(`${method} / HTTP/1.1`, [`Host: ${ours.aName}`, 'Content-Length: 0'])
      expect(answer.status, method).toBe(405)
      expect(answer.headers.allow, method).toBe('GET, HEAD')
      expect(answer.headers.location, method).toBeUndefined()
    }
    // The same for a stranger's host: the refusal tells nothing about names.
    expect((await send('POST / HTTP/1.1', ['Host: evil.example', 'Content-Length: 0'])).status).toBe(405)
    const head = await send('HEAD /x HTTP/1.1', [`Host: ${ours.aName}`])
    expect(head).toMatchObject({ status: 302, body: '', headers: { location: 'https://a.example/x' } })
  })
})

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const openConnections = (server: Server) =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  )

/** A connection that sends the start of a request and then nothing; resolves when the server closes it. */
function stalledConnection(url: string, localAddress = '127.0.0.1') {
  const target = new URL(url)
  const socket = connect({ port: Number(target.port), host: target.hostname, localAddress })
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: ${ours.aName}\r\nX-Slow: `))
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  socket.on('error', () => undefined)
  return { socket, closed }
}

/** A whole GET from `localAddress` on a fresh connection. */
function getFrom(url: string, localAddress: string): Promise<string> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(target.port), host: target.hostname, localAddress }, () =>
      socket.write(`GET / HTTP/1.1\r\nHost: ${ours.aName}\r\nConnection: close\r\n\r\n`),
    )
    let received = ''
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

describe('slow and many connections', () => {
  it(
    'one address holds at most its share of connections, and stalled headers are cut off',
    { timeout: 120_000 },
    async () => {
      const limited = createForwardingServer({
        lookup: lookupThroughApi(apiUrl),
        cacheSeconds: 0,
        headersTimeoutMs: 2000,
        maxConnectionsPerAddress: 3,
      })
      const url = await listen(limited)
      try {
        const stalled = [1, 2, 3].map(() => stalledConnection(url))
        await until(async () => (await openConnections(limited)) === 3)
        // A fourth from the same address is closed without an answer; another address is served.
        expect(await getFrom(url, '127.0.0.1')).toBe('')
        expect(await getFrom(url, '127.0.0.2')).toMatch(/^HTTP\/1\.1 302 /)
        // The stalled ones are closed by the headers timeout (408), never held open.
        for (const { closed } of stalled) expect(await closed).toMatch(/^(HTTP\/1\.1 408 |$)/)
        expect(await getFrom(url, '127.0.0.1')).toMatch(/^HTTP\/1\.1 302 /)
      } finally {
        await close(limited)
      }
    },
  )

  it('a flood of made-up names waits on a bounded number of lookups; the rest get 503 at once', async () => {
    const calls: string[] = []
    const never = new Promise<UrlForwardLookup>(() => undefined)
    const flooded = createServer(
      createForwarder({ lookup: (fqdn) => (calls.push(fqdn), never), cacheSeconds: 5, maxLookups: 2 }),
    )
    const url = await listen(flooded)
    try {
      // a.<ours>, b.<ours> and a.<ours> again, each left waiting on its lookup (which never answers).
      const waiting = ['a', 'b', 'a'].map((label) => {
        const socket = connect(Number(new URL(url).port), '127.0.0.1', () =>
          socket.write(`GET / HTTP/1.1\r\nHost: ${label}.${ours.aName}\r\n\r\n`),
        )
        socket.on('error', () => undefined)
        return socket
      })
      await until(() => calls.length === 2)
      // The second request for a.<ours> shares the first one's lookup.
      expect(calls.sort()).toEqual([`a.${ours.aName}`, `b.${ours.aName}`])
      const third = await rawSocketExchange(
        url,
        Buffer.from(`GET / HTTP/1.1\r\nHost: c.${ours.aName}\r\nConnection: close\r\n\r\n`, 'latin1'),
      )
      expect(third).toMatchObject({ status: 503, headers: { 'retry-after': '5' } })
      for (const socket of waiting) socket.destroy()
    } finally {
      flooded.closeAllConnections()
      await close(flooded)
    }
  })
})

describe('GET /url-forwarding/lookup on the API', () => {
  const lookupPath = () => `/url-forwarding/lookup?host=${encodeURIComponent(ours.aName)}`

  it('answers the forwarding server beside it (a loopback peer, no proxy headers)', async () => {
    const answer = await rawRequest(`${apiUrl}${lookupPath()}`)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ kind: 'forward', target: 'https://a.example' })
  })

  it('is a bare 404 to anyone else: no socket, or a request that came through a proxy', async () => {
    const noSocket = await t.app.fetch(`http://api.test${lookupPath()}`)
    expect(noSocket.status).toBe(404)
    expect(await noSocket.text()).toBe('')
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via']) {
      const proxied = await rawRequest(`${apiUrl}${lookupPath()}`, { headers: { [header]: 'for=203.0.113.9' } })
      expect(proxied.status, header).toBe(404)
      expect(proxied.body, header).toBe('')
    }
  })

  it('with URL_FORWARD_LOOKUP_SECRET, answers only the bearer of that secret, wherever it calls from', async () => {
    const secret = 'forwarder-test-secret-1'
    const app = createApp({
      prisma: t.db.prisma,
      graphiql: false,
      trustedDocuments: { enforce: false },
      dnsServer: null,
      urlForwardLookupSecret: secret,
    })
    const server = createServer(app)
    const url = await listen(server)
    try {
      for (const authorization of [undefined, 'Bearer wrong', `Basic ${secret}`, `Bearer ${secret}x`]) {
        const headers: Record<string, string> = authorization ? { authorization } : {}
        expect((await rawRequest(`${url}${lookupPath()}`, { headers })).status, authorization).toBe(404)
      }
      const lookup = lookupThroughApi(url, { secret })
      expect(await lookup(ours.aName)).toMatchObject({ kind: 'forward', target: 'https://a.example' })
      // Without a socket too (the secret, not the address, decides).
      const viaFetch = lookupThroughApi('http://api.test', {
        secret,
        // lookupThroughApi sends its headers as a plain record.
        fetchImpl: (input, init) =>
          Promise.resolve(app.fetch(input as URL, { headers: init?.headers as Record<string, string> })),
      })
      expect(await viaFetch(ours.aName)).toMatchObject({ kind: 'forward' })
    } finally {
      await close(server)
    }
  })
})
