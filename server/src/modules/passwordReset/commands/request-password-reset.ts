// 忘记密码, step 1: a login name → an SMS code to the account's registered mobile and a link to its registered
// email. The answer is the same words, status and shape whether the login names an active account, a pending or
// disabled one, or nothing (the account's existence is not for the asker to learn): the number's own limits drop a
// send silently, while the per-address limit and the SMS budget answer as they always do, since they say nothing
// about the account. A login without an account still reads a user row and stores a decoy code through the same
// limits (delivery.ts), so it does comparable work rather than answering early; and every answer takes at least
// RESET_ANSWER_MIN_MS, so the account's emailed link, which a missing login has no row for, is not heard in the time.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import { sendResetCodeAndLink } from '../delivery.ts'

export interface RequestPasswordResetInput {
  username: string
}

export const PASSWORD_RESET_REQUESTED = '若账号存在，验证码已发送至其登记的手机和邮箱'

export const requestPasswordReset = defineCommand({
  name: 'requestPasswordReset',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'none: anyone may ask; the code and link go only to the account’s registered mobile and email',
  },
  scope: 'the user named by the login (never revealed)',
  effects: [
    'a VerificationCode PASSWORD_RESET (a decoy one, not sent, for a login without an account)',
    'an AccountToken PASSWORD_RESET (older reset links consumed)',
    'one unit of the SMS budget (anonymous share)',
    'audit verification.send',
  ],
  notices: ['verification.code', 'password.resetLink'],

  async run(ctx, input: RequestPasswordResetInput): Promise<{ message: string }> {
    const started = Date.now()
    const username = normalisedLogin(input.username)
    const user = await ctx.prisma.user.findUnique({ where: { username } })
    await sendResetCodeAndLink(ctx, { username, user, numberLimits: 'skip', createdById: null })
    await untilElapsed(started, RESET_ANSWER_MIN_MS)
    return { message: PASSWORD_RESET_REQUESTED }
  },
})

/**
 * How long every answer takes at least. An account's first request of the minute also writes its emailed link (a
 * transaction a login without an account has no row for), which made that answer measurably slower (about 117 ms
 * against 67 ms on an idle test machine): the time, not the words, told that the account exists. Padding every
 * answer to a floor well above that work hides it.
 */
export const RESET_ANSWER_MIN_MS = 400

function untilElapsed(started: number, ms: number): Promise<void> {
  const left = started + ms - Date.now()
  return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve()
}

/** Logins are stored lower-case; a name that could not be a login is refused the same way whatever it is. */
export function normalisedLogin(raw: string): string {
  const username = raw.trim().toLowerCase()
  if (username.length < 1 || username.length > 64)
    throw badInput('请输入用户名', { username: '请输入 1-64 个字符的用户名' })
  return username
}
