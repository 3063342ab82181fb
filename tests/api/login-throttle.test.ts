// Login throttling without an account-wide lock (modules/auth/throttle.ts): wrong passwords lock only the address
// they come from out of the account; guessing one account from many addresses makes each of those addresses wait
// longer and longer; the holder from any other address still gets in. Refusals never count as failures; IPv6
// clients are counted by their /64. Concurrency is tested on both databases (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { enterLoginGate } from '../../server/src/modules/auth/throttle.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const Login = graphql(`
  mutation TestThrottleLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`)

const Me = graphql(`
  query TestThrottleMe {
    me {
      username
    }
  }
`)

const RIGHT = 'Demo@2026'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ poolSize: 8 })
})
afterAll(() => t?.close())

const login = (username: string, password: string, ip: string) =>
  t.execute(Login, { input: { username, password } }, { ip })
const code = async (username: string, password: string, ip: string) =>
  errorCodes(await login(username, password, ip))[0] ?? 'OK'
const userId = async (username: string) =>
  String((await t.db.prisma.user.findUniqueOrThrow({ where: { username } })).id)
const auditRows = async (action: string, username: string) =>
  t.db.prisma.auditLog.findMany({
    where: { action, subjectType: 'User', subjectId: await userId(username) },
    orderBy: { id: 'asc' },
  })
const retryAfter = (result: Awaited<ReturnType<typeof login>>) =>
  result.errors?.[0]?.extensions?.retryAfterSeconds as number | undefined
/** The longest wait between one address's attempts on a name that is being guessed. */
const MAX_DELAY_MS = config.login.accountMaxDelaySeconds * 1000
/** Sets when each address last tried the name (no test waits on the clock, or depends on how fast it runs). */
const lastTriedAgo = (username: string, addressKeys: string[], ms: number) =>
  t.db.prisma.loginAddressFailure.updateMany({
    where: { username, addressKey: { in: addressKeys } },
    data: { lastFailureAt: new Date(Date.now() - ms) },
  })
/** As if each address had waited out the longest delay since its previous attempt on the name. */
const waitOutDelay = (username: string, addressKeys: string[]) =>
  lastTriedAgo(username, addressKeys, MAX_DELAY_MS + 1000)
/** As if each address had tried the name just now. */
const justTried = (username: string, addressKeys: string[]) => lastTriedAgo(username, addressKeys, 0)
/** As if `minutes` had passed for an address's attempts (those up to `upToId`, when given). */
const ageAttempts = (addressKey: string, minutes: number, upToId = 2 ** 31 - 1) =>
  t.db.prisma
    .$executeRaw`UPDATE "login_attempts" SET "at" = "at" - make_interval(mins => ${minutes}::int) WHERE "addressKey" = ${addressKey} AND "id" <= ${upToId}::int`
const lastAttemptId = async () => (await t.db.prisma.loginAttempt.aggregate({ _max: { id: true } }))._max.id ?? 0

describe('wrong passwords lock only (account, address)', () => {
  it('five from one address lock that address out, even with the right password; the holder elsewhere gets in', async () => {
    const attacker = '198.51.100.1'
    const results = []
    for (let i = 0; i < 5; i++) results.push(await login('hebei', `wrong-${i}`, attacker))
    expect(results.map((r) => errorCodes(r)[0])).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
    ])
    expect(results.slice(0, 4).map((r) => r.errors?.[0]?.extensions?.remainingAttempts)).toEqual([4, 3, 2, 1])

    const right = await login('hebei', RIGHT, attacker)
    expect(errorCodes(right)).toEqual(['ACCOUNT_LOCKED'])
    const lockedUntil = new Date(right.errors![0]!.extensions!.lockedUntil as string).getTime()
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000)
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000)

    // The holder, from another address, logs in with the right password.
    expect(await code('hebei', RIGHT, '198.51.100.2')).toBe('OK')
    expect(await code('hebei', RIGHT, '198.51.100.1')).toBe('ACCOUNT_LOCKED')

    // One audit row for the lock, with the attacker's address.
    const locks = await auditRows('auth.lockAddress', 'hebei')
    expect(locks).toHaveLength(1)
    expect(locks[0]!.ip).toBe(attacker)
    expect(locks[0]!.after).toMatchObject({ address: attacker, failures: 5 })
    expect(locks[0]!.regionPath).toBe('/100000/130000/')

    // Once the lock has passed, the right password works from there too.
    await t.db.prisma.loginAddressFailure.update({
      where: { username_addressKey: { username: 'hebei', addressKey: attacker } },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    })
    expect(await code('hebei', RIGHT, attacker)).toBe('OK')
    expect(await t.db.prisma.loginAddressFailure.count({ where: { username: 'hebei', addressKey: attacker } })).toBe(0)
  })

  it('an unknown name is locked the same way, so the answers do not tell names apart', async () => {
    const codes = []
    for (let i = 0; i < 6; i++) codes.push(await code('nobody-at-all', `wrong-${i}`, '198.51.100.3'))
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ])
  })

  it('a session is not ended by wrong passwords from elsewhere', async () => {
    const cookie = await t.login('qfyy')
    for (let i = 0; i < 6; i++) await login('qfyy', `wrong-${i}`, '198.51.100.4')
    const me = await t.execute(Me, {}, { cookie })
    expect(me.errors).toBeUndefined()
    expect(me.data?.me?.username).toBe('qfyy')
  })

  it('concurrent wrong guesses from one address cannot skip the lock: exactly five reach the password check', async () => {
    const attacker = '198.51.100.5'
    const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => code('henan', `wrong-${i}`, attacker)))
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4)
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(8)
    expect(await auditRows('auth.lockAddress', 'henan')).toHaveLength(1)
    expect(
      await t.db.prisma.loginAddressFailure.findUniqueOrThrow({
        where: { username_addressKey: { username: 'henan', addressKey: attacker } },
      }),
    ).toMatchObject({ failures: 5 })
    // The lock holds against the right password too, and nobody else is affected.
    expect(await code('henan', RIGHT, attacker)).toBe('ACCOUNT_LOCKED')
    expect(await code('henan', RIGHT, '198.51.100.6')).toBe('OK')
  })
})

describe('right passwords at the same moment', () => {
  it('ten logins of one name from one address at once all succeed: none is counted against another', async () => {
    const address = '198.51.100.40'
    const codes = await Promise.all(Array.from({ length: 10 }, () => code('puyang', RIGHT, address)))
    expect(codes).toEqual(Array.from({ length: 10 }, () => 'OK'))
    expect(await t.db.prisma.loginAddressFailure.count({ where: { username: 'puyang', addressKey: address } })).toBe(0)
  })

  it('the database claim alone (several API processes) still lets exactly five attempts of a pair through at once', async () => {
    const key = { username: 'claim-test', address: '198.51.100.41' }
    const gates = await Promise.all(Array.from({ length: 12 }, () => enterLoginGate(t.db.prisma, key, new Date())))
    expect(gates.filter((gate) => gate.kind === 'open')).toHaveLength(5)
    expect(gates.filter((gate) => gate.kind === 'addressLocked')).toHaveLength(7)
  })
})

describe('one address guessing many names', () => {
  it('concurrent failures cannot pass the per-address throttle: at most 20 of 30 reach a password check', async () => {
    const ip = '198.51.100.20'
    const codes = await Promise.all(Array.from({ length: 30 }, (_, i) => code(`spray-${i}`, 'wrong', ip)))
    // Each attempt counts every row written before its count, so a burst may be refused early, never late.
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS').length
    expect(checked).toBeLessThanOrEqual(20)
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(30 - checked)
    expect(await t.db.prisma.loginAttempt.count({ where: { ip, failureCode: 'INVALID_CREDENTIALS' } })).toBe(checked)
    expect(await t.db.prisma.loginAttempt.count({ where: { ip, failureCode: 'PENDING' } })).toBe(0)
  })

  it('once throttled, further refused attempts do not prolong the wait: only wrong passwords count', async () => {
    const ip = '198.51.100.21'
    for (let i = 0; i < 20; i++) expect(await code(`spray-a-${i}`, 'wrong', ip)).toBe('INVALID_CREDENTIALS')
    const first = await login('spray-a-20', 'wrong', ip)
    expect(errorCodes(first)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(retryAfter(first)).toBeGreaterThan(14 * 60)
    expect(retryAfter(first)).toBeLessThanOrEqual(15 * 60)

    // Ten minutes later the wait has five minutes left, however much the address kept trying meanwhile.
    await ageAttempts(ip, 10)
    for (let i = 0; i < 25; i++) {
      const refused = await login(`spray-a-${30 + i}`, 'wrong', ip)
      expect(errorCodes(refused)).toEqual(['TOO_MANY_ATTEMPTS'])
      expect(retryAfter(refused)).toBeLessThanOrEqual(5 * 60)
    }
    expect(await t.db.prisma.loginAttempt.count({ where: { addressKey: ip, countsAsFailure: true } })).toBe(20)
    // When the twenty wrong passwords leave the window, the address tries again (the 25 refusals, 6 minutes old, do not hold it).
    await ageAttempts(ip, 6)
    expect(await code('spray-a-60', 'wrong', ip)).toBe('INVALID_CREDENTIALS')
  })

  it('right passwords refused by the throttle do not count: the holder gets in as soon as it lifts', async () => {
    const ip = '198.51.100.22'
    for (let i = 0; i < 20; i++) expect(await code(`spray-b-${i}`, 'wrong', ip)).toBe('INVALID_CREDENTIALS')
    const wrongUpTo = await lastAttemptId()
    for (let i = 0; i < 25; i++) expect(await code('sjzsl', RIGHT, ip)).toBe('TOO_MANY_ATTEMPTS')
    expect(
      await t.db.prisma.loginAttempt.count({ where: { addressKey: ip, username: 'sjzsl', countsAsFailure: true } }),
    ).toBe(0)
    await ageAttempts(ip, 16, wrongUpTo) // only the wrong passwords leave the window
    expect(await code('sjzsl', RIGHT, ip)).toBe('OK')
  })
})

describe('guessing one account from many addresses', () => {
  const account = 'qfzf'
  const attackers = Array.from({ length: 15 }, (_, i) => `203.0.113.${100 + i}`)

  it('the holder logs in from a known address first', async () => {
    expect(await code(account, RIGHT, '192.0.2.10')).toBe('OK')
  })

  it("the red team's attack: many addresses try again the moment each may; the holder from a new address gets in at the first try", async () => {
    for (let round = 1; round <= 4; round++) {
      if (round > 1) await waitOutDelay(account, attackers) // every attacking address asks the moment it may
      const codes = await Promise.all(attackers.map((ip, i) => code(account, `wrong-${round}-${i}`, ip)))
      expect(codes).toEqual(attackers.map(() => 'INVALID_CREDENTIALS'))
      // Right after the attackers, from an address never used before, with the right password: in at once.
      expect(await code(account, RIGHT, `198.51.100.${60 + round}`)).toBe('OK')
    }
    // The attackers pay the delay on each of their addresses: right after an attempt, each must wait.
    await justTried(account, attackers)
    for (const ip of attackers) {
      const early = await login(account, 'wrong-again', ip)
      expect(errorCodes(early)).toEqual(['TOO_MANY_ATTEMPTS'])
      expect(retryAfter(early)).toBeGreaterThanOrEqual(1)
      expect(retryAfter(early)).toBeLessThanOrEqual(config.login.accountMaxDelaySeconds)
    }
    // One audit row when the delay started: the 11th failure.
    const slowDowns = await auditRows('auth.slowDownAccount', account)
    expect(slowDowns).toHaveLength(1)
    expect(attackers).toContain(slowDowns[0]!.ip)
  }, 300_000)

  it('a typo from a new address costs at most the maximum delay; retrying too early does not throttle that address', async () => {
    const holder = '198.51.100.70'
    expect(await code(account, 'typo', holder)).toBe('INVALID_CREDENTIALS')
    for (let i = 0; i < 25; i++) {
      await justTried(account, [holder])
      const early = await login(account, RIGHT, holder)
      expect(errorCodes(early)).toEqual(['TOO_MANY_ATTEMPTS'])
      expect(retryAfter(early)).toBeLessThanOrEqual(config.login.accountMaxDelaySeconds)
    }
    await waitOutDelay(account, [holder])
    expect(await code(account, RIGHT, holder)).toBe('OK')
  })

  it('from a known address the holder is not delayed, even right after a typo', async () => {
    expect(await code(account, 'typo', '192.0.2.10')).toBe('INVALID_CREDENTIALS')
    expect(await code(account, RIGHT, '192.0.2.10')).toBe('OK')
  })

  it('an attempt refused by the delay checks no password and counts nowhere', async () => {
    const ip = attackers[0]!
    await justTried(account, [ip])
    const before = await Promise.all([
      t.db.prisma.loginAccountThrottle.findUniqueOrThrow({ where: { username: account } }),
      t.db.prisma.loginAddressFailure.findUniqueOrThrow({
        where: { username_addressKey: { username: account, addressKey: ip } },
      }),
    ])
    expect(await code(account, RIGHT, ip)).toBe('TOO_MANY_ATTEMPTS') // even the right password
    expect(
      await Promise.all([
        t.db.prisma.loginAccountThrottle.findUniqueOrThrow({ where: { username: account } }),
        t.db.prisma.loginAddressFailure.findUniqueOrThrow({
          where: { username_addressKey: { username: account, addressKey: ip } },
        }),
      ]),
    ).toEqual(before)
    const refused = await t.db.prisma.loginAttempt.findFirstOrThrow({
      where: { username: account, ip },
      orderBy: { id: 'desc' },
    })
    expect(refused).toMatchObject({ succeeded: false, failureCode: 'TOO_MANY_ATTEMPTS', countsAsFailure: false })
  })

  it('concurrent first attempts from ten new addresses all reach the password check: there is no slot to take first', async () => {
    const codes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => code(account, `wrong-${i}`, `203.0.113.${200 + i}`)),
    )
    expect(codes).toEqual(Array.from({ length: 10 }, () => 'INVALID_CREDENTIALS'))
  })
})

describe('the growing delay, gate by gate (a fixed clock; several API processes share only the database)', () => {
  const name = 'delay-sequence'
  const now = new Date()
  const gate = (address: string, at = now) => enterLoginGate(t.db.prisma, { username: name, address }, at)

  it('ten failures are free; then an address waits 1, 2, 4 ... at most the maximum after its own previous attempt', async () => {
    for (let n = 1; n <= 10; n++) expect((await gate(`192.0.2.${100 + n}`)).kind).toBe('open')
    expect((await gate('192.0.2.110')).kind).toBe('open') // no delay yet: the same address again at once (the 11th)
    expect(await gate('192.0.2.101')).toMatchObject({ kind: 'accountDelayed', retryAfterSeconds: 1 }) // from now on

    const delays = []
    for (let n = 12; n <= 18; n++) {
      const address = `192.0.2.${100 + n}`
      expect((await gate(address)).kind).toBe('open') // its first attempt
      const again = await gate(address)
      expect(again.kind).toBe('accountDelayed')
      delays.push(again.kind === 'accountDelayed' ? again.retryAfterSeconds : 0)
    }
    expect(delays).toEqual(
      [2, 4, 8, 16, 30, 30, 30].map((seconds) => Math.min(seconds, config.login.accountMaxDelaySeconds)),
    )
    expect((await gate('192.0.2.118', new Date(now.getTime() + MAX_DELAY_MS - 1))).kind).toBe('accountDelayed')
    expect((await gate('192.0.2.118', new Date(now.getTime() + MAX_DELAY_MS))).kind).toBe('open')
  })

  it('concurrent attempts of one address (several processes): one passes, the rest wait', async () => {
    const gates = await Promise.all(Array.from({ length: 10 }, () => gate('192.0.2.150')))
    expect(gates.filter((g) => g.kind === 'open')).toHaveLength(1)
    expect(gates.filter((g) => g.kind === 'accountDelayed')).toHaveLength(9)
  })
})

describe('IPv6 clients are limited by their /64', () => {
  const inNet = (net: number, host: number) => `2001:db8:77:${net.toString(16)}::${host.toString(16)}`

  it('60 failed logins from 60 addresses of one /64 are throttled like one address; the audit keeps each address', async () => {
    const codes = []
    for (let i = 0; i < 60; i++) codes.push(await code(`v6-spray-${i}`, 'wrong', inNet(1, i + 1)))
    expect(codes.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 'INVALID_CREDENTIALS'))
    expect(codes.slice(20)).toEqual(Array.from({ length: 40 }, () => 'TOO_MANY_ATTEMPTS'))
    const attempts = await t.db.prisma.loginAttempt.findMany({
      where: { username: { startsWith: 'v6-spray-' } },
      select: { ip: true, addressKey: true },
    })
    expect(new Set(attempts.map((a) => a.ip)).size).toBe(60)
    expect(new Set(attempts.map((a) => a.addressKey))).toEqual(new Set(['2001:db8:77:1::/64']))
  })

  it('another /64 is another client; IPv4 addresses are each their own, as before', async () => {
    expect(await code('v6-other', 'wrong', inNet(2, 1))).toBe('INVALID_CREDENTIALS')
    const ipv4 = []
    for (let i = 0; i < 21; i++) ipv4.push(await code(`v4-spray-${i}`, 'wrong', '198.51.100.30'))
    expect(ipv4.at(-1)).toBe('TOO_MANY_ATTEMPTS')
    expect(await code('v4-other', 'wrong', '198.51.100.31')).toBe('INVALID_CREDENTIALS')
  })

  it('five wrong passwords from five addresses of one /64 lock that /64 (only) out of the name', async () => {
    const codes = []
    for (let i = 0; i < 5; i++) codes.push(await code('nanle', `wrong-${i}`, inNet(3, i + 1)))
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED')
    expect(await code('nanle', RIGHT, inNet(3, 0x99))).toBe('ACCOUNT_LOCKED')
    expect(await code('nanle', RIGHT, inNet(4, 1))).toBe('OK')
  })

  it("an address is known to the name by its /64: the holder's other addresses there are not delayed", async () => {
    const account = 'pyjy'
    expect(await code(account, RIGHT, inNet(5, 0x10))).toBe('OK')
    for (let i = 0; i < 16; i++) expect(await code(account, 'wrong', inNet(0x100 + i, 1))).toBe('INVALID_CREDENTIALS') // being guessed
    // From another address of the known /64: a typo, then the right password at once.
    expect(await code(account, 'typo', inNet(5, 0x99))).toBe('INVALID_CREDENTIALS')
    expect(await code(account, RIGHT, inNet(5, 0x99))).toBe('OK')
    // From a /64 it does not know, the same waits.
    expect(await code(account, 'typo', inNet(6, 1))).toBe('INVALID_CREDENTIALS')
    await justTried(account, ['2001:db8:77:6::/64'])
    expect(await code(account, RIGHT, inNet(6, 1))).toBe('TOO_MANY_ATTEMPTS')
  })
})
