// Guessing the second factor with a known password (attacker pass on issue 17). A challenge takes at most 5 codes,
// but whoever has the password opens a new challenge with every login, and an authenticator code, unlike an SMS
// code, is not spent by wrong guesses: without a limit per person, 5 guesses per login add up until one of the three
// codes valid at any moment (one step either side) is hit. The wrong codes of a person's challenges are therefore
// counted together, and past the limit no code is checked for them until the window has passed.
//
// And the other way round: an outsider who knows only a staff member's login could ask 忘记密码 ten times (a minute
// apart) and so use up the day's SMS codes of that person's mobile, and with them the login codes: no sign-in for
// the rest of the day. The codes anyone may ask for without proving anything now share a daily count of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { currentTotpCode } from '../../server/src/modules/secondFactor/totp.ts'
import { sealTotpSecret } from '../../server/src/modules/secondFactor/totpSecret.ts'
import { MAX_CHALLENGE_ATTEMPTS, MAX_SECOND_FACTOR_FAILURES } from '../../server/src/modules/secondFactor/challenges.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { freshMobile } from '../testkit/registration.ts'
import { MAX_CODES_PER_MOBILE_PER_DAY } from '../../server/src/modules/verification/codes.ts'

const Login = graphql(`
  mutation TestGuessingLogin($input: LoginInput!) {
    login(input: $input) {
      status
      challenge
      methods
    }
  }
`)

const RequestReset = graphql(`
  mutation TestGuessingRequestPasswordReset($username: String!) {
    requestPasswordReset(username: $username) {
      message
    }
  }
`)

const SendLoginCode = graphql(`
  mutation TestGuessingSendLoginCode($challenge: String!) {
    sendLoginCode(challenge: $challenge) {
      maskedMobile
    }
  }
`)

const CompleteLogin = graphql(`
  mutation TestGuessingCompleteLogin($input: CompleteLoginInput!) {
    completeLogin(input: $input) {
      status
    }
  }
`)

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

/** A code that is none of the three the authenticator accepts now (this step and one either side). */
function wrongTotp(): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => currentTotpCode(TOTP_SECRET, Date.now() + offset)))
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0')
    if (!valid.has(candidate)) return candidate
  }
}

describe('the second factor cannot be guessed across challenges', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ production: true })
  })
  afterAll(() => t?.close())

  async function staffWithAuthenticator(username: string) {
    const user = await makeUserLike(t, 'puyang', { username, demo: false, mobile: freshMobile() })
    await t.db.prisma.user.update({
      where: { id: user.id },
      data: { totpSecretEnc: sealTotpSecret(user.id, TOTP_SECRET), totpEnabledAt: new Date() },
    })
    return user
  }

  async function challenge(username: string): Promise<string> {
    const result = await t.execute(Login, { input: { username, password: DEMO_PASSWORD } })
    expect(result.errors).toBeUndefined()
    expect(result.data!.login).toMatchObject({ status: 'SECOND_FACTOR_REQUIRED', methods: ['SMS', 'TOTP'] })
    return result.data!.login.challenge!
  }

  it('after MAX_SECOND_FACTOR_FAILURES wrong codes over several logins, even the right code is refused for a while', async () => {
    const staff = await staffWithAuthenticator('py-guess-totp')
    let wrong = 0
    while (wrong < MAX_SECOND_FACTOR_FAILURES) {
      const secret = await challenge(staff.username)
      for (let i = 0; i < MAX_CHALLENGE_ATTEMPTS && wrong < MAX_SECOND_FACTOR_FAILURES; i++, wrong++) {
        const guess = await t.execute(CompleteLogin, { input: { challenge: secret, totp: wrongTotp() } })
        expect(errorCodes(guess)[0]).toMatch(/^(BAD_USER_INPUT|TOO_MANY_ATTEMPTS)$/)
      }
    }
    // A fresh login (the password is known) gets a challenge, but no code is checked on it any more.
    const fresh = await challenge(staff.username)
    const right = await t.execute(CompleteLogin, { input: { challenge: fresh, totp: currentTotpCode(TOTP_SECRET) } })
    expect(errorCodes(right)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(right.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0)
    expect(right.headers.getSetCookie().some((c) => c.startsWith('conac_session='))).toBe(false)

    // Once the window has passed, the holder signs in with the right code.
    await t.db.prisma.loginChallenge.updateMany({
      where: { userId: staff.id },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    })
    const later = await challenge(staff.username)
    const done = await t.execute(CompleteLogin, { input: { challenge: later, totp: currentTotpCode(TOTP_SECRET) } })
    expect(done.errors).toBeUndefined()
    expect(done.data!.completeLogin.status).toBe('SIGNED_IN')
  })

  it('parallel guesses on many challenges at once check no more than the limit', async () => {
    const staff = await staffWithAuthenticator('py-guess-parallel')
    const challenges = await Promise.all(Array.from({ length: 6 }, () => challenge(staff.username)))
    const guesses = challenges.flatMap((secret) =>
      Array.from({ length: MAX_CHALLENGE_ATTEMPTS }, () =>
        t.execute(CompleteLogin, { input: { challenge: secret, totp: wrongTotp() } }),
      ),
    )
    const results = await Promise.all(guesses)
    const checked = results.filter(
      (r) => errorCodes(r)[0] === 'BAD_USER_INPUT' || r.errors?.[0]?.message === '验证码错误',
    )
    expect(checked.length).toBeLessThanOrEqual(MAX_SECOND_FACTOR_FAILURES)
    const counted = await t.db.prisma.loginChallenge.aggregate({
      where: { userId: staff.id },
      _sum: { attempts: true },
    })
    expect(counted._sum.attempts).toBeLessThanOrEqual(MAX_SECOND_FACTOR_FAILURES)
  })

  it('a right code does not count against the holder: signing in often never reaches the limit', async () => {
    const staff = await staffWithAuthenticator('py-guess-holder')
    for (let i = 0; i < 3; i++) {
      const secret = await challenge(staff.username)
      // One typo, then the right code (each login its own step, so the step is not a replay).
      const typo = await t.execute(CompleteLogin, { input: { challenge: secret, totp: wrongTotp() } })
      expect(errorCodes(typo)).toEqual(['BAD_USER_INPUT'])
      await t.db.prisma.user.update({ where: { id: staff.id }, data: { totpLastStep: null } })
      const done = await t.execute(CompleteLogin, {
        input: { challenge: secret, totp: currentTotpCode(TOTP_SECRET) },
      })
      expect(done.data?.completeLogin.status).toBe('SIGNED_IN')
    }
    const counted = await t.db.prisma.loginChallenge.aggregate({
      where: { userId: staff.id },
      _sum: { attempts: true },
    })
    expect(counted._sum.attempts).toBe(3)
  })

  it('an outsider asking 忘记密码 all day long does not use up the staff member’s login codes', async () => {
    await awayFromBeijingMidnight() // the codes below are moved a minute back and must stay "today"
    const staff = await staffWithAuthenticator('py-guess-sms-day')
    for (let i = 0; i < MAX_CODES_PER_MOBILE_PER_DAY + 2; i++) {
      const asked = await t.execute(RequestReset, { username: staff.username }, { ip: `198.51.100.${60 + i}` })
      expect(asked.errors).toBeUndefined()
      // Past the 60-second resend wait, still today.
      await t.db.prisma.verificationCode.updateMany({
        where: { mobile: staff.mobile! },
        data: { createdAt: new Date(Date.now() - 61_000) },
      })
    }
    const resetCodes = await t.db.prisma.verificationCode.count({
      where: { mobile: staff.mobile!, purpose: 'PASSWORD_RESET' },
    })
    expect(resetCodes).toBe(MAX_CODES_PER_MOBILE_PER_DAY) // the number's daily limit still holds for them
    const secret = await challenge(staff.username)
    const sent = await t.execute(SendLoginCode, { challenge: secret })
    expect(sent.errors).toBeUndefined()
    expect(sent.data!.sendLoginCode.maskedMobile).toMatch(/\*{4}/)
  }, 240_000)
})
