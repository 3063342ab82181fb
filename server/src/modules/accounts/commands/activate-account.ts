// 激活账号: the holder of a new account sets its first password, proving who they are with the emailed link or with
// their login name and the SMS code sent to the registered mobile. The account becomes ACTIVE; nobody is signed in
// (the person logs in next, with the second factor where it applies). Link and code work once: of any number of
// concurrent activations with one link, one succeeds.
import { transition } from '../../../commands/transition.ts'
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { GraphQLError } from 'graphql'
import { badInput } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { consumeAccountToken, findLiveAccountToken, tokenInvalid } from '../../auth/accountTokens.ts'
import { hashPassword } from '../../../lib/password.ts'
import { passwordPolicyProblem } from '../../../lib/passwordPolicy.ts'
import { newPasswordProblem, storePassword } from '../../auth/passwords.ts'
import { matchVerificationCode, spendVerifiedCode, type MatchedCode } from '../../verification/codes.ts'
import { accountChangedMeanwhile } from '../reach.ts'

export interface ActivateAccountInput {
  /** The secret of the emailed link (/activate?token=…); or else username and verificationCode. */
  token?: string | null
  username?: string | null
  verificationCode?: string | null
  newPassword: string
}

const pendingAccount = { status: 'PENDING_ACTIVATION' } as const
const withRegion = { office: { include: { region: true } }, unit: { include: { region: true } } } as const

export const activateAccount = defineCommand({
  name: 'activateAccount',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'none: public; the ACTIVATION link or the ACTIVATION SMS code to the registered mobile proves it',
  },
  scope: 'the account the link or the login name and code belong to',
  transition: { entity: 'User', from: ['PENDING_ACTIVATION'], to: ['ACTIVE'] },
  effects: [
    'the password (policy checked), passwordChangedAt and history',
    'the link or the code is consumed (and every other activation link of the account)',
    'audit user.activate',
  ],

  async run(ctx, input: ActivateAccountInput) {
    const { prisma } = ctx
    let user: Prisma.UserGetPayload<{ include: typeof withRegion }> | null
    let matched: MatchedCode | null = null
    const token = input.token?.trim()
    if (token) {
      const link = await findLiveAccountToken(prisma, token, 'ACTIVATION')
      if (!link) throw tokenInvalid()
      user = await prisma.user.findFirst({ where: { id: link.userId, ...pendingAccount }, include: withRegion })
      if (!user) throw tokenInvalid()
      await refuseBadPassword(prisma, user, input.newPassword)
    } else {
      const username = input.username?.trim().toLowerCase() ?? ''
      const code = input.verificationCode?.trim() ?? ''
      if (!username || !code) {
        throw badInput('请填写用户名和短信验证码', {
          ...(username ? {} : { username: '请填写用户名' }),
          ...(code ? {} : { verificationCode: '请填写短信验证码' }),
        })
      }
      // Every login hears the same answers, so the page tells nobody which logins exist or wait for activation: the
      // password policy (it needs only the login; a pending account has no history) before a guess of the code is
      // spent on it, then one answer for an unknown or active login and for every refusal of the code.
      const problem = passwordPolicyProblem(input.newPassword, username)
      if (problem) throw badInput('密码未设置，请按提示修改', { newPassword: problem })
      user = await prisma.user.findFirst({ where: { username, ...pendingAccount }, include: withRegion })
      if (!user?.mobile) throw wrongLoginOrCode()
      try {
        matched = await matchVerificationCode(prisma, { mobile: user.mobile, purpose: 'ACTIVATION', code })
      } catch (error) {
        const refusedCode = error instanceof GraphQLError && error.extensions.fields !== undefined
        throw refusedCode ? wrongLoginOrCode() : error
      }
    }
    // Slow on purpose (argon2id): after every cheap check and the code, outside the transaction.
    const passwordHash = await hashPassword(input.newPassword)
    const account = user
    await prisma.$transaction(async (tx) => {
      if (token) await consumeAccountToken(tx, token, 'ACTIVATION')
      if (matched) await spendVerifiedCode(tx, matched)
      // The other links of the account stop working with the activation.
      await tx.accountToken.updateMany({
        where: { userId: account.id, purpose: 'ACTIVATION', consumedAt: null },
        data: { consumedAt: new Date() },
      })
      // The password first: an ACTIVE account always has one (a CHECK of users).
      if (!(await storePassword(tx, account.id, passwordHash, { replacing: null }))) throw tokenInvalid()
      await transition(tx, ctx, 'user', {
        entity: account,
        from: 'PENDING_ACTIVATION',
        to: 'ACTIVE',
        audit: {
          action: 'user.activate',
          regionPath: account.office?.region.path ?? account.unit?.region.path ?? null,
          after: { by: token ? 'LINK' : 'SMS_CODE' },
        },
        stale: token ? tokenInvalid : accountChangedMeanwhile,
      })
    })
    return { username: account.username }
  },
})

/** A login that is not waiting for activation, and any refusal of its code (wrong, used, expired, out of guesses). */
const wrongLoginOrCode = () =>
  badInput('验证码错误', { verificationCode: '用户名或验证码不正确；验证码已失效时请联系管理员重新发送' })

/** Refuses (BAD_USER_INPUT on newPassword) a password that breaks the policy (lib/passwordPolicy.ts). */
async function refuseBadPassword(
  prisma: Parameters<typeof newPasswordProblem>[0],
  user: { id: number; username: string; officeId: number | null },
  password: string,
): Promise<void> {
  const problem = await newPasswordProblem(prisma, user, password)
  if (problem) throw badInput('密码未设置，请按提示修改', { newPassword: problem })
}
