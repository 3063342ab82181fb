// Login throttling without an account-wide lock (modules/auth/throttle.ts): wrong passwords lock only the address
// they come from out of the account; guessing one account from many addresses meets growing delays; the holder
// still gets in. Concurrency is tested on both databases (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enterLoginGate } from '../../server/src/modules/auth/throttle.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const Login = graphql(`
  mutation TestThrottleLogin($input: LoginInput!) {
    login(input: $input) { expiresAt }
  }
`)

const Me = graphql(`
  query TestThrottleMe { me { username } }
`)

const RIGHT = 'Demo@2026'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ poolSize: 8 })
})
afterAll(() => t?.close())

const login = (username: string, password: string, ip: string) => t.execute(Login, { input: { username, password } }, { ip })
const code = async (username: string, password: string, ip: string) => errorCodes(await login(username, password, ip))[0] ?? 'OK'
const userId = async (username: string) => String((await t.db.prisma.user.findUniqueOrThrow({ where: { username } })).id)
const auditRows = async (action: string, username: string) =>
  t.db.prisma.auditLog.findMany({ where: { action, subjectType: 'User', subjectId: await userId(username) }, orderBy: { id: 'asc' } })
/** Opens the account-wide slot, as if the delay had passed (no test waits on the clock). */
const openAccountSlot = (username: string) =>
  t.db.prisma.loginAccountThrottle.update({ where: { username }, data: { nextAttemptAt: new Date(Date.now() - 1000) } })

describe('wrong passwords lock only (account, address)', () => {
  it('five from one address lock that address out, even with the right password; the holder elsewhere gets in', async () => {
    const attacker = '198.51.100.1'
    const results = []
    for (let i = 0; i < 5; i++) results.push(await login('hebei', `wrong-${i}`, attacker))
    expect(results.map((r) => errorCodes(r)[0])).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED'])
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
    await t.db.prisma.loginAddressFailure.update({ where: { username_ip: { username: 'hebei', ip: attacker } }, data: { lockedUntil: new Date(Date.now() - 1000) } })
    expect(await code('hebei', RIGHT, attacker)).toBe('OK')
    expect(await t.db.prisma.loginAddressFailure.count({ where: { username: 'hebei', ip: attacker } })).toBe(0)
  })

  it('an unknown name is locked the same way, so the answers do not tell names apart', async () => {
    const codes = []
    for (let i = 0; i < 6; i++) codes.push(await code('nobody-at-all', `wrong-${i}`, '198.51.100.3'))
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED'])
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
    expect(await t.db.prisma.loginAddressFailure.findUniqueOrThrow({ where: { username_ip: { username: 'henan', ip: attacker } } })).toMatchObject({ failures: 5 })
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
    expect(await t.db.prisma.loginAddressFailure.count({ where: { username: 'puyang', ip: address } })).toBe(0)
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
})

describe('guessing one account from many addresses', () => {
  const account = 'puyang'
  const address = (n: number) => `203.0.113.${n}`
  const delaySeconds = async () => {
    const row = await t.db.prisma.loginAccountThrottle.findUniqueOrThrow({ where: { username: account } })
    return row.nextAttemptAt ? Math.round((row.nextAttemptAt.getTime() - row.lastFailureAt.getTime()) / 1000) : 0
  }

  it('the holder logs in from a known address first', async () => {
    expect(await code(account, RIGHT, '192.0.2.10')).toBe('OK')
  })

  it('ten failures are free; then each attempt claims a slot that moves 1, 2, 4 ... at most 30 seconds ahead', async () => {
    for (let n = 1; n <= 10; n++) expect(await code(account, 'wrong', address(n))).toBe('INVALID_CREDENTIALS')
    expect(await delaySeconds()).toBe(0)
    expect(await auditRows('auth.slowDownAccount', account)).toHaveLength(0)

    const delays = []
    for (let n = 11; n <= 18; n++) {
      if (n > 11) await openAccountSlot(account)
      expect(await code(account, 'wrong', address(n))).toBe('INVALID_CREDENTIALS')
      delays.push(await delaySeconds())
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30])
    const slowDowns = await auditRows('auth.slowDownAccount', account)
    expect(slowDowns).toHaveLength(1)
    expect(slowDowns[0]!.ip).toBe(address(11))
  })

  it('an attempt before the slot opens is refused with retryAfterSeconds, without checking the password or counting', async () => {
    await t.db.prisma.loginAccountThrottle.update({ where: { username: account }, data: { nextAttemptAt: new Date(Date.now() + 25_000) } })
    const before = await t.db.prisma.loginAccountThrottle.findUniqueOrThrow({ where: { username: account } })
    const refused = await login(account, RIGHT, address(40)) // even the right password, from a new address
    expect(errorCodes(refused)).toEqual(['TOO_MANY_ATTEMPTS'])
    const retryAfter = refused.errors![0]!.extensions!.retryAfterSeconds as number
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(25)
    expect(await t.db.prisma.loginAccountThrottle.findUniqueOrThrow({ where: { username: account } })).toEqual(before)
    // The refusal did not count against that address's own lock either.
    expect(await t.db.prisma.loginAddressFailure.findUnique({ where: { username_ip: { username: account, ip: address(40) } } })).toMatchObject({ failures: 0 })
  })

  it('the holder from a known address is not delayed; from a new address once the slot opens', async () => {
    expect(await code(account, RIGHT, '192.0.2.10')).toBe('OK')
    await openAccountSlot(account)
    expect(await code(account, RIGHT, address(41))).toBe('OK')
  })

  it('concurrent attempts from many addresses: one finds the slot open', async () => {
    await openAccountSlot(account)
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => code(account, `wrong-${i}`, address(100 + i))))
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(1)
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(9)
  })
})
