// 双重验证 (issue 17, design §1.4, §3.1): staff pass a second factor after the password (an SMS code to their own
// mobile, or their authenticator), unless their browser is remembered; unit users never do; seeded demo accounts
// skip it outside production. A challenge is single use and takes at most 5 codes; an authenticator code is never
// accepted twice; an expired staff password is changed before the login goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { currentTotpCode } from '../../server/src/modules/secondFactor/totp.ts'
import { sealTotpSecret } from '../../server/src/modules/secondFactor/totpSecret.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { ageCodes, freshMobile, latestCode, wrongCode } from '../testkit/registration.ts'

const Login = graphql(`
  mutation TestSecondFactorLogin($input: LoginInput!) {
    login(input: $input) {
      status
      expiresAt
      challenge
      methods
      maskedMobile
      rememberDays
      changeToken
      user {
        username
      }
    }
  }
`)

const SendLoginCode = graphql(`
  mutation TestSendLoginCode($challenge: String!) {
    sendLoginCode(challenge: $challenge) {
      maskedMobile
      resendAfterSeconds
    }
  }
`)

const CompleteLogin = graphql(`
  mutation TestCompleteLogin($input: CompleteLoginInput!) {
    completeLogin(input: $input) {
      status
      user {
        username
      }
    }
  }
`)

const ChangeExpiredPassword = graphql(`
  mutation TestChangeExpiredPassword($input: ChangeExpiredPasswordInput!) {
    changeExpiredPassword(input: $input) {
      status
      challenge
    }
  }
`)

const StartTotpSetup = graphql(`
  mutation TestStartTotpSetup {
    startTotpSetup {
      uri
      secret
      qrDataUrl
    }
  }
`)

const ConfirmTotp = graphql(`
  mutation TestConfirmTotp($code: String!) {
    confirmTotp(code: $code)
  }
`)

const ChangePassword = graphql(`
  mutation TestSecondFactorChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      endedSessions
    }
  }
`)

const MyTrustedDevices = graphql(`
  query TestMyTrustedDevices {
    myTrustedDevices {
      id
      expiresAt
    }
  }
`)

const ForgetDevice = graphql(`
  mutation TestForgetDevice($id: ID!) {
    forgetDevice(id: $id)
  }
`)

const cookieNamed = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0]

/** A staff member of 濮阳市编办 who is not a demo account, with a mobile of their own and the demo password. */
async function newStaff(t: TestApp, username: string) {
  const puyang = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'puyang' } })
  return t.db.prisma.user.create({
    data: {
      username,
      displayName: `测试 ${username}`,
      passwordHash: puyang.passwordHash,
      passwordChangedAt: new Date(),
      role: puyang.role,
      officeRoles: puyang.officeRoles,
      officeId: puyang.officeId,
      mobile: freshMobile(),
      demo: false,
    },
  })
}

/** Logs in (password step) and expects a second factor; returns the challenge. */
async function challengeFor(t: TestApp, username: string, cookie?: string, password = DEMO_PASSWORD) {
  const result = await t.execute(Login, { input: { username, password } }, { cookie })
  expect(result.errors).toBeUndefined()
  expect(result.data!.login.status).toBe('SECOND_FACTOR_REQUIRED')
  expect(cookieNamed(result.headers, 'conac_session')).toBeUndefined()
  return result.data!.login
}

/** Sends the SMS code for the challenge and reads it from the outbox. */
async function smsCode(t: TestApp, challenge: string, mobile: string) {
  await ageCodes(t.db.prisma, mobile, 61) // past the 60-second resend cooldown of an earlier login's code
  const sent = await t.execute(SendLoginCode, { challenge })
  expect(sent.errors).toBeUndefined()
  return latestCode(t.db.prisma, mobile)
}

/** The whole login with an SMS code; returns the session and device cookies. */
async function signInWithSms(
  t: TestApp,
  username: string,
  options: { rememberDevice?: boolean; cookie?: string } = {},
) {
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username } })
  const { challenge } = await challengeFor(t, username, options.cookie)
  const code = await smsCode(t, challenge!, user.mobile!)
  const done = await t.execute(
    CompleteLogin,
    { input: { challenge: challenge!, code, rememberDevice: options.rememberDevice ?? false } },
    { cookie: options.cookie },
  )
  expect(done.errors).toBeUndefined()
  expect(done.data!.completeLogin).toEqual({ status: 'SIGNED_IN', user: { username } })
  return {
    session: cookieNamed(done.headers, 'conac_session')!,
    device: cookieNamed(done.headers, 'conac_device'),
  }
}

describe('the default test configuration (SECOND_FACTOR off outside production)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t?.close())

  it('signs every demo account in with the password alone: never SECOND_FACTOR_REQUIRED', async () => {
    const demo = await t.db.prisma.user.findMany({
      where: { demo: true, status: 'ACTIVE' },
      select: { username: true },
    })
    expect(demo.length).toBeGreaterThan(5)
    for (const { username } of demo) {
      const result = await t.execute(Login, { input: { username, password: DEMO_PASSWORD } })
      expect(result.data?.login.status, username).toBe('SIGNED_IN')
      expect(cookieNamed(result.headers, 'conac_session'), username).toBeDefined()
    }
  })
})

describe('production rules (an app built as production)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ production: true })
    await t.db.prisma.user.update({ where: { username: 'puyang' }, data: { mobile: freshMobile() } })
  })
  afterAll(() => t?.close())

  it('a demo staff account (puyang) must pass the second factor; the session records SMS', async () => {
    const login = await challengeFor(t, 'puyang')
    expect(login.methods).toEqual(['SMS'])
    expect(login.maskedMobile).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(login.expiresAt).toBeNull()
    const { session } = await signInWithSms(t, 'puyang')
    expect(session).toBeDefined()
    const row = await t.db.prisma.session.findFirstOrThrow({
      where: { user: { username: 'puyang' } },
      orderBy: { id: 'desc' },
    })
    expect(row.secondFactor).toBe('SMS')
  })

  it('unit users never need a second factor', async () => {
    const result = await t.execute(Login, { input: { username: 'qfyy', password: DEMO_PASSWORD } })
    expect(result.data!.login.status).toBe('SIGNED_IN')
    expect(result.data!.login.challenge).toBeNull()
  })

  it('a login challenge alone opens nothing: no session row, no cookie', async () => {
    const before = await t.db.prisma.session.count()
    await challengeFor(t, 'puyang')
    expect(await t.db.prisma.session.count()).toBe(before)
  })
})

describe('SECOND_FACTOR=on outside production', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ signIn: { secondFactor: true, passwordMaxAgeDays: 90 } })
  })
  afterAll(() => t?.close())

  it('demo accounts still sign in in one step; a staff member without the demo flag needs the second factor', async () => {
    expect(
      (await t.execute(Login, { input: { username: 'puyang', password: DEMO_PASSWORD } })).data!.login.status,
    ).toBe('SIGNED_IN')
    await newStaff(t, 'py-sf-plain')
    await challengeFor(t, 'py-sf-plain')
    await signInWithSms(t, 'py-sf-plain')
  })

  it('five wrong codes use the challenge up: even the right code is then refused', async () => {
    const staff = await newStaff(t, 'py-sf-wrong')
    const { challenge } = await challengeFor(t, staff.username)
    const code = await smsCode(t, challenge!, staff.mobile!)
    for (let left = 4; left >= 1; left--) {
      const wrong = await t.execute(CompleteLogin, { input: { challenge: challenge!, code: wrongCode(code) } })
      expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT'])
      expect(wrong.errors![0]!.extensions!.remainingAttempts).toBe(left)
    }
    const fifth = await t.execute(CompleteLogin, { input: { challenge: challenge!, code: wrongCode(code) } })
    expect(errorCodes(fifth)).toEqual(['TOO_MANY_ATTEMPTS'])
    const right = await t.execute(CompleteLogin, { input: { challenge: challenge!, code } })
    expect(errorCodes(right)).toEqual(['TOKEN_INVALID'])
    expect(cookieNamed(right.headers, 'conac_session')).toBeUndefined()
  })

  it('a challenge is single use', async () => {
    const staff = await newStaff(t, 'py-sf-once')
    const { challenge } = await challengeFor(t, staff.username)
    const code = await smsCode(t, challenge!, staff.mobile!)
    const first = await t.execute(CompleteLogin, { input: { challenge: challenge!, code } })
    expect(first.data!.completeLogin.status).toBe('SIGNED_IN')
    const again = await t.execute(CompleteLogin, { input: { challenge: challenge!, code } })
    expect(errorCodes(again)).toEqual(['TOKEN_INVALID'])
    expect((await t.execute(SendLoginCode, { challenge: challenge! })).errors![0]!.extensions!.code).toBe(
      'TOKEN_INVALID',
    )
  })

  it('an account disabled after the password step gets ACCOUNT_DISABLED from sendLoginCode, and no SMS', async () => {
    const staff = await newStaff(t, 'py-sf-disabled')
    const { challenge } = await challengeFor(t, staff.username)
    await t.db.prisma.user.update({
      where: { id: staff.id },
      data: { status: 'DISABLED', disabledAt: new Date(), disabledReason: '调离' },
    })
    const sent = await t.execute(SendLoginCode, { challenge: challenge! })
    expect(errorCodes(sent)).toEqual(['ACCOUNT_DISABLED'])
    expect(sent.errors![0]!.message).toBe('账号已停用，请联系上级编办')
    expect(await t.db.prisma.verificationCode.count({ where: { mobile: staff.mobile! } })).toBe(0)
    expect(await t.db.prisma.notification.count({ where: { address: staff.mobile! } })).toBe(0)
  })

  it('the challenge of one user cannot be completed with another user’s code', async () => {
    const alice = await newStaff(t, 'py-sf-alice')
    const bob = await newStaff(t, 'py-sf-bob')
    const aliceLogin = await challengeFor(t, alice.username)
    const bobLogin = await challengeFor(t, bob.username)
    const bobCode = await smsCode(t, bobLogin.challenge!, bob.mobile!)
    await t.execute(SendLoginCode, { challenge: aliceLogin.challenge! })
    const crossed = await t.execute(CompleteLogin, { input: { challenge: aliceLogin.challenge!, code: bobCode } })
    expect(errorCodes(crossed)).toEqual(['BAD_USER_INPUT'])
    expect(cookieNamed(crossed.headers, 'conac_session')).toBeUndefined()
    // Bob's own challenge still works with his code, and signs in Bob, not Alice.
    const bobDone = await t.execute(CompleteLogin, { input: { challenge: bobLogin.challenge!, code: bobCode } })
    expect(bobDone.data!.completeLogin.user).toEqual({ username: bob.username })
  })

  it('身份验证器: bind it, sign in with it, and the same code is never accepted twice', async () => {
    const staff = await newStaff(t, 'py-sf-totp')
    const { session } = await signInWithSms(t, staff.username)
    const setup = await t.execute(StartTotpSetup, undefined, { cookie: session })
    expect(setup.errors).toBeUndefined()
    const { secret, uri, qrDataUrl } = setup.data!.startTotpSetup
    expect(uri).toMatch(/^otpauth:\/\/totp\//)
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/)
    const stored = await t.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })
    expect(stored.totpSecretEnc).not.toContain(secret) // sealed at rest
    expect((await t.execute(ConfirmTotp, { code: currentTotpCode(secret) }, { cookie: session })).data).toEqual({
      confirmTotp: true,
    })

    // The confirming code's step is used: the next step's code (accepted one step early for clock drift) signs in.
    const next = currentTotpCode(secret, Date.now() + 30_000)
    const login = await challengeFor(t, staff.username)
    expect(login.methods).toEqual(['SMS', 'TOTP'])
    const done = await t.execute(CompleteLogin, { input: { challenge: login.challenge!, totp: next } })
    expect(done.data!.completeLogin.status).toBe('SIGNED_IN')
    const replay = await challengeFor(t, staff.username)
    const refused = await t.execute(CompleteLogin, { input: { challenge: replay.challenge!, totp: next } })
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(cookieNamed(refused.headers, 'conac_session')).toBeUndefined()
  })

  it('记住此设备 skips the second factor on that browser until it expires or the password changes', async () => {
    const staff = await newStaff(t, 'py-sf-device')
    const { device } = await signInWithSms(t, staff.username, { rememberDevice: true })
    expect(device).toMatch(/^conac_device=d_/)

    const skipped = await t.execute(
      Login,
      { input: { username: staff.username, password: DEMO_PASSWORD } },
      { cookie: device },
    )
    expect(skipped.data!.login.status).toBe('SIGNED_IN')
    const row = await t.db.prisma.session.findFirstOrThrow({ where: { userId: staff.id }, orderBy: { id: 'desc' } })
    expect(row.secondFactor).toBe('DEVICE')
    // The cookie proves the browser for that person only.
    await newStaff(t, 'py-sf-other')
    await challengeFor(t, 'py-sf-other', device)

    // Expired: asked again.
    await t.db.prisma.trustedDevice.updateMany({
      where: { userId: staff.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await challengeFor(t, staff.username, device)

    // A fresh remembered device, then a password change forgets it.
    const again = await signInWithSms(t, staff.username, { rememberDevice: true })
    const devices = await t.execute(MyTrustedDevices, undefined, { cookie: again.session })
    expect(devices.data!.myTrustedDevices).toHaveLength(1)
    const changed = await t.execute(
      ChangePassword,
      { input: { currentPassword: DEMO_PASSWORD, newPassword: 'Quiet-harbour-lamp-7' } },
      { cookie: again.session },
    )
    expect(changed.errors).toBeUndefined()
    await challengeFor(t, staff.username, again.device, 'Quiet-harbour-lamp-7')
  })

  it('forgetDevice: one’s own device only', async () => {
    const staff = await newStaff(t, 'py-sf-forget')
    const { session, device } = await signInWithSms(t, staff.username, { rememberDevice: true })
    const [own] = (await t.execute(MyTrustedDevices, undefined, { cookie: session })).data!.myTrustedDevices
    const stranger = await t.login('qingfeng')
    expect(errorCodes(await t.execute(ForgetDevice, { id: own!.id }, { cookie: stranger }))).toEqual(['NOT_FOUND'])
    expect((await t.execute(ForgetDevice, { id: own!.id }, { cookie: session })).data).toEqual({ forgetDevice: true })
    await challengeFor(t, staff.username, device)
  })

  it('an expired staff password is changed first (the policy applies), then the login goes on', async () => {
    const staff = await newStaff(t, 'py-sf-expired')
    await t.db.prisma.user.update({
      where: { id: staff.id },
      data: { passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) },
    })
    const login = await t.execute(Login, { input: { username: staff.username, password: DEMO_PASSWORD } })
    expect(login.data!.login.status).toBe('PASSWORD_CHANGE_REQUIRED')
    expect(cookieNamed(login.headers, 'conac_session')).toBeUndefined()
    const changeToken = login.data!.login.changeToken!

    const weak = await t.execute(ChangeExpiredPassword, { input: { token: changeToken, newPassword: 'password123' } })
    expect(errorCodes(weak)).toEqual(['BAD_USER_INPUT'])
    const same = await t.execute(ChangeExpiredPassword, { input: { token: changeToken, newPassword: DEMO_PASSWORD } })
    expect(same.errors![0]!.extensions!.fields).toEqual({ newPassword: '新密码不能与当前密码相同' })
    const changed = await t.execute(ChangeExpiredPassword, {
      input: { token: changeToken, newPassword: 'Amber-orchard-gate-9' },
    })
    expect(changed.errors).toBeUndefined()
    expect(changed.data!.changeExpiredPassword.status).toBe('SECOND_FACTOR_REQUIRED')
    const reused = await t.execute(ChangeExpiredPassword, {
      input: { token: changeToken, newPassword: 'Another-orchard-gate-9' },
    })
    expect(errorCodes(reused)).toEqual(['TOKEN_INVALID'])
    // The new password works and is not expired.
    await challengeFor(t, staff.username, undefined, 'Amber-orchard-gate-9')
  })
})

describe('the SMS budget used up at sign-in', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      signIn: { secondFactor: true },
      smsBudget: { perHour: 1, perDay: 100, anonymousShare: 50 },
    })
    // This hour's one code is spent already: every login code is refused by the budget.
    const first = await newStaff(t, 'py-sf-budget-first')
    const { challenge } = await challengeFor(t, first.username)
    expect((await t.execute(SendLoginCode, { challenge: challenge! })).errors).toBeUndefined()
  })
  afterAll(() => t?.close())

  const refusalFor = async (username: string) => {
    const { challenge, methods } = await challengeFor(t, username)
    const refused = await t.execute(SendLoginCode, { challenge: challenge! })
    expect(errorCodes(refused)).toEqual(['TOO_MANY_ATTEMPTS'])
    return { methods, error: refused.errors![0]! }
  }

  it('with an authenticator bound, the refusal says to use it now (alternative TOTP)', async () => {
    const staff = await newStaff(t, 'py-sf-budget-totp')
    await t.db.prisma.user.update({
      where: { id: staff.id },
      data: { totpSecretEnc: sealTotpSecret(staff.id, 'JBSWY3DPEHPK3PXP'), totpEnabledAt: new Date() },
    })
    const { methods, error } = await refusalFor(staff.username)
    expect(methods).toEqual(['SMS', 'TOTP'])
    expect(error.extensions).toMatchObject({ reason: 'SMS_BUDGET_REACHED', alternative: 'TOTP' })
    expect(error.message).toContain('请改用身份验证器')
  })

  it('without one, it says to wait, and to bind an authenticator after signing in (alternative BIND_TOTP)', async () => {
    const staff = await newStaff(t, 'py-sf-budget-sms')
    const { methods, error } = await refusalFor(staff.username)
    expect(methods).toEqual(['SMS'])
    expect(error.extensions).toMatchObject({ reason: 'SMS_BUDGET_REACHED', alternative: 'BIND_TOTP' })
    expect(error.extensions!.retryAfterSeconds).toBeGreaterThan(0)
    expect(error.message).toMatch(/分钟后再试.*绑定身份验证器/)
  })
})
