// Who the client is (server/src/lib/clientAddress.ts): the socket's peer, or for a trusted proxy (TRUSTED_PROXIES,
// by default the portal on loopback) the right-most X-Forwarded-For hop that is not a trusted proxy; never text a
// client wrote. The pure rule first, then through the API's real listener, where the peer address comes from a
// socket (requests from 127.0.0.9 are an untrusted client on this machine; from 127.0.0.1 the portal). Per-address
// limits count under limitKeyOf: an IPv6 client by its /64 (the login throttle's own tests: login-throttle.test.ts).
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clientAddressFrom,
  limitKeyOf,
  normaliseAddress,
  parseTrustedProxies,
} from '../../server/src/lib/clientAddress.ts'
import { MAX_CODES_PER_ADDRESS_PER_HOUR } from '../../server/src/modules/verification/codes.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { freshMobile } from '../testkit/registration.ts'

const SendCode = graphql(`
  mutation TestAddressKeySendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

describe('the rule', () => {
  const portal = parseTrustedProxies('127.0.0.1,::1')
  const chain = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8')

  it('believes X-Forwarded-For only from a trusted peer', () => {
    expect(clientAddressFrom('203.0.113.5', '198.51.100.1', portal)).toBe('203.0.113.5')
    expect(clientAddressFrom('127.0.0.1', '198.51.100.1', portal)).toBe('198.51.100.1')
    expect(clientAddressFrom('::ffff:127.0.0.1', '198.51.100.1', portal)).toBe('198.51.100.1')
    expect(clientAddressFrom('::1', '2001:DB8::0:1', portal)).toBe('2001:db8::1')
    expect(clientAddressFrom('127.0.0.1', null, portal)).toBe('127.0.0.1')
    expect(clientAddressFrom('127.0.0.1', '198.51.100.1', parseTrustedProxies('none'))).toBe('127.0.0.1')
  })

  it('takes the right-most hop that is not a trusted proxy; what the client wrote to its left is ignored', () => {
    expect(clientAddressFrom('127.0.0.1', '6.6.6.6, 7.7.7.7, 198.51.100.2', portal)).toBe('198.51.100.2')
    expect(clientAddressFrom('127.0.0.1', '6.6.6.6, 198.51.100.3, 10.1.2.3, 10.9.9.9', chain)).toBe('198.51.100.3')
    expect(clientAddressFrom('10.0.0.1', '6.6.6.6, 198.51.100.4, fd00::5', chain)).toBe('198.51.100.4')
    // Two headers arrive joined with a comma: the same rule.
    expect(clientAddressFrom('127.0.0.1', '6.6.6.6,198.51.100.5', portal)).toBe('198.51.100.5')
    // Every hop a trusted proxy: the left-most one is as far as anyone vouched.
    expect(clientAddressFrom('127.0.0.1', '10.0.0.7, 10.0.0.8', chain)).toBe('10.0.0.7')
  })

  it('never takes attacker text as an address: a malformed hop ends the walk at the last vouched-for address', () => {
    for (const garbage of [
      'unknown',
      'not-an-address',
      '198.51.100.6:8080',
      '[::1]:80',
      'fe80::1%eth0',
      '127.000.0.1',
      "1.2.3.4'--",
      '<script>',
      '',
      '   ',
    ]) {
      expect(clientAddressFrom('127.0.0.1', garbage, portal)).toBe('127.0.0.1')
      expect(clientAddressFrom('127.0.0.1', `198.51.100.7, ${garbage}`, portal)).toBe('127.0.0.1')
      expect(clientAddressFrom('10.0.0.1', `198.51.100.7, ${garbage}, 10.0.0.2`, chain)).toBe('10.0.0.2')
      expect(normaliseAddress(garbage)).toBeNull()
    }
    expect(clientAddressFrom('127.0.0.1', 'x'.repeat(10_000), portal)).toBe('127.0.0.1')
    expect(clientAddressFrom(undefined, '198.51.100.8', portal)).toBeNull()
  })

  it('writes one client one way (IPv6 compressed and lower-case, IPv4-mapped as IPv4)', () => {
    expect(normaliseAddress('::FFFF:7f00:1')).toBe('127.0.0.1')
    expect(normaliseAddress('0:0:0:0:0:0:0:1')).toBe('::1')
    expect(normaliseAddress(' 198.51.100.9 ')).toBe('198.51.100.9')
    expect(normaliseAddress('[2001:db8::9]')).toBe('2001:db8::9')
  })

  it('limits count an IPv4 address as it is and an IPv6 address by its /64', () => {
    expect(limitKeyOf('198.51.100.9')).toBe('198.51.100.9')
    expect(limitKeyOf('::ffff:198.51.100.9')).toBe('198.51.100.9')
    expect(limitKeyOf('2001:db8:77:1::1')).toBe('2001:db8:77:1::/64')
    expect(limitKeyOf('2001:DB8:77:1:ffff:ffff:ffff:ffff')).toBe('2001:db8:77:1::/64')
    expect(limitKeyOf('2001:db8:77:2::1')).toBe('2001:db8:77:2::/64')
    // Zero groups inside the prefix, and the host part compressed into it, give one key.
    expect(limitKeyOf('2001:db8::1')).toBe('2001:db8::/64')
    expect(limitKeyOf('2001:db8:0:0:1::')).toBe('2001:db8::/64')
    expect(limitKeyOf('0:0:0:1::5')).toBe('0:0:0:1::/64')
    for (const nothing of [null, undefined, '', 'not-an-address', '198.51.100.9:80'])
      expect(limitKeyOf(nothing)).toBeNull()
  })

  it('refuses a malformed TRUSTED_PROXIES entry instead of skipping it', () => {
    for (const bad of ['10.0.0.0/33', 'localhost', '1.2.3.4/x', '::1/129', '10.0.0.0/8/8', '10.0.0.0/ 8']) {
      expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/)
    }
    expect(parseTrustedProxies('').entries).toEqual([])
  })
})

describe('through the API listener', () => {
  let t: TestApp
  let server: Server
  let port: number

  beforeAll(async () => {
    t = await createTestApp()
    server = createServer(t.app)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await t?.close()
  })

  /** A wrong-password login from the given local address; returns the error code and the address the API recorded. */
  async function failLogin(username: string, from: string, headers: Record<string, string> = {}) {
    const body = JSON.stringify({
      query: 'mutation ($input: LoginInput!) { login(input: $input) { expiresAt } }',
      variables: { input: { username, password: 'wrong' } },
    })
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          localAddress: from,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (res) => {
          let data = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => (data += chunk))
          res.on('end', () => resolve(data))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
    const code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code
    const attempt = await t.db.prisma.loginAttempt.findFirst({ where: { username }, orderBy: { id: 'desc' } })
    return { code, ip: attempt?.ip }
  }

  it('an untrusted peer is the client, whatever forwarding or test headers it sends', async () => {
    const seen = await failLogin('addr-untrusted', '127.0.0.9', {
      'x-forwarded-for': '198.51.100.10',
      'x-real-ip': '198.51.100.11',
      'x-test-client-address': '198.51.100.12',
    })
    expect(seen).toEqual({ code: 'INVALID_CREDENTIALS', ip: '127.0.0.9' })
  })

  it('the portal (loopback, trusted) tells the client address; garbage from it falls back to the portal itself', async () => {
    expect((await failLogin('addr-portal', '127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 198.51.100.13' })).ip).toBe(
      '198.51.100.13',
    )
    expect(
      (await failLogin('addr-portal-chain', '127.0.0.1', { 'x-forwarded-for': '198.51.100.14, 127.0.0.1' })).ip,
    ).toBe('198.51.100.14')
    expect(
      (await failLogin('addr-garbage', '127.0.0.1', { 'x-forwarded-for': "1.2.3.4'; DROP TABLE users;--" })).ip,
    ).toBe('127.0.0.1')
    expect((await failLogin('addr-none', '127.0.0.1')).ip).toBe('127.0.0.1')
  })

  it('40 failures from one untrusted peer with 40 forged headers are throttled like 40 from one address', async () => {
    const codes = []
    for (let i = 0; i < 40; i++)
      codes.push(
        (await failLogin(`addr-rotate-${i}`, '127.0.0.10', { 'x-forwarded-for': `198.51.100.${100 + i}` })).code,
      )
    expect(codes.slice(0, 20).every((code) => code === 'INVALID_CREDENTIALS')).toBe(true)
    expect(codes.slice(20).every((code) => code === 'TOO_MANY_ATTEMPTS')).toBe(true)
    expect(
      await t.db.prisma.loginAttempt.count({
        where: { ip: { startsWith: '198.51.100.1' }, username: { startsWith: 'addr-rotate-' } },
      }),
    ).toBe(0)
  })
})

describe('SMS codes per address count an IPv6 client by its /64', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ poolSize: 8 })
  })
  afterAll(() => t?.close())

  const send = (ip: string) =>
    t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'UNIT_REGISTRATION' } }, { ip })
  const sentFrom = (prefix: string) =>
    t.db.prisma.auditLog.count({ where: { action: 'verification.send', ip: { startsWith: prefix } } })

  it('30 an hour from one /64, whichever of its addresses asks; another /64 and each IPv4 address count apart', async () => {
    for (let i = 1; i <= MAX_CODES_PER_ADDRESS_PER_HOUR; i++)
      expect((await send(`2001:db8:99:1::${i.toString(16)}`)).errors).toBeUndefined()
    expect(errorCodes(await send('2001:db8:99:1:abcd::1'))).toEqual(['TOO_MANY_ATTEMPTS'])
    expect((await send('2001:db8:99:2::1')).errors).toBeUndefined()
    expect(await sentFrom('2001:db8:99:1:')).toBe(MAX_CODES_PER_ADDRESS_PER_HOUR) // the audit keeps each full address
    expect((await send('203.0.113.201')).errors).toBeUndefined()
  }, 240_000)

  it('holds under concurrency: 36 sends at once from 36 addresses of one /64, exactly 30 go out', async () => {
    const results = await Promise.all(
      Array.from({ length: 36 }, (_, i) => send(`2001:db8:99:3::${(i + 1).toString(16)}`)),
    )
    expect(results.filter((r) => !r.errors)).toHaveLength(MAX_CODES_PER_ADDRESS_PER_HOUR)
    expect(results.filter((r) => errorCodes(r)[0] === 'TOO_MANY_ATTEMPTS')).toHaveLength(
      36 - MAX_CODES_PER_ADDRESS_PER_HOUR,
    )
    expect(await sentFrom('2001:db8:99:3:')).toBe(MAX_CODES_PER_ADDRESS_PER_HOUR)
  }, 240_000)

  it('counts rows written in any form of the /64 and survives rows whose address is not one (written before issue 14)', async () => {
    const audit = (ip: string) => ({ action: 'verification.send', ip, subjectType: 'VerificationCode' })
    await t.db.prisma.auditLog.createMany({
      data: [
        ...['unknown', '1:::2', '2001:db8::zz', "'; select 1 --"].map(audit),
        // the /64 2001:db8:0:0::/64 written as the API would and spelled out: both are this client
        ...Array.from({ length: MAX_CODES_PER_ADDRESS_PER_HOUR - 1 }, (_, i) =>
          audit(i % 2 ? `2001:db8::${i + 1}` : `2001:db8:0:0:${i + 1}::`),
        ),
      ],
    })
    expect((await send('2001:db8::ffff')).errors).toBeUndefined()
    expect(errorCodes(await send('2001:db8:0:0:abc::1'))).toEqual(['TOO_MANY_ATTEMPTS'])
    expect((await send('203.0.113.202')).errors).toBeUndefined()
  }, 240_000)
})
