// 登录第二步: the challenge from login plus an SMS code (sendLoginCode) or an authenticator code opens the session.
// The challenge is consumed; it takes at most 5 codes (challenges.ts). An authenticator code is never accepted twice
// (totp.ts). With rememberDevice the browser skips this step for SECOND_FACTOR_REMEMBER_DAYS (devices.ts).
import { GraphQLError } from 'graphql'
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { appError, badInput } from '../../../errors.ts'
import type { SecondFactorMethod } from '../../../generated/prisma/enums.ts'
import { matchVerificationCode, spendVerifiedCode, type MatchedCode } from '../../verification/codes.ts'
import { claimChallengeAttempt, consumeChallenge, liveChallenge } from '../challenges.ts'
import { rememberDevice } from '../devices.ts'
import { continueLogin, loadLoginUser, type LoginResult } from '../loginSteps.ts'
import { acceptTotpCode } from '../totp.ts'

export interface CompleteLoginInput {
  challenge: string
  /** The SMS code (短信验证码). */
  code?: string | null
  /** The authenticator's code (身份验证器). */
  totp?: string | null
  rememberDevice?: boolean | null
}

export const completeLogin = defineCommand({
  name: 'completeLogin',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'a live login challenge and a right code for its user',
  },
  scope: 'the challenge’s user',
  effects: [
    'the challenge is consumed (or its attempt counted)',
    'a session (secondFactor SMS or TOTP) and its cookie',
    'with rememberDevice: a trusted device and its cookie',
    'users.totpLastStep',
    'audit auth.login',
  ],

  async run(ctx, input: CompleteLoginInput): Promise<LoginResult> {
    const code = input.code?.trim() || null
    const totp = input.totp?.trim() || null
    if (!code === !totp) throw badInput('请填写短信验证码或身份验证器中的 6 位数字', { code: '请填写 6 位验证码' })
    const challenge = await liveChallenge(ctx.prisma, input.challenge)
    const user = await loadLoginUser(ctx.prisma, challenge.userId)
    if (user.status !== 'ACTIVE') throw appError('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')

    const attemptsLeft = await claimChallengeAttempt(ctx.prisma, challenge)
    const wrong = (field: string) => {
      if (attemptsLeft === 0)
        return appError('TOO_MANY_ATTEMPTS', '验证码错误次数过多，请重新登录', {
          fields: { [field]: '验证码错误次数过多' },
        })
      return appError('BAD_USER_INPUT', '验证码错误', {
        fields: { [field]: `验证码错误，还可尝试 ${attemptsLeft} 次` },
        remainingAttempts: attemptsLeft,
      })
    }

    let method: SecondFactorMethod
    let matched: MatchedCode | null = null
    if (totp) {
      if (!(await acceptTotpCode(ctx.prisma, user, totp))) throw wrong('totp')
      method = 'TOTP'
    } else {
      if (!user.mobile) throw wrong('code')
      try {
        matched = await matchVerificationCode(ctx.prisma, {
          mobile: user.mobile,
          purpose: 'LOGIN',
          code: code!,
          field: 'code',
        })
      } catch (error) {
        // A wrong code says how many tries the challenge has left; "no code sent yet" or "expired" say so as they are.
        const wrongCode = error instanceof GraphQLError && error.extensions.remainingAttempts !== undefined
        if (wrongCode || attemptsLeft === 0) throw wrong('code')
        throw error
      }
      method = 'SMS'
    }
    const remember = input.rememberDevice === true && ctx.signIn.rememberDays > 0
    return continueLogin(ctx, user, {
      secondFactor: method,
      within: async (tx) => {
        if (matched) await spendVerifiedCode(tx, matched)
        await consumeChallenge(tx, challenge.id, attemptsLeft === 0)
        if (remember) await rememberDevice(tx, ctx, user.id, ctx.signIn.rememberDays)
      },
    })
  },
})
