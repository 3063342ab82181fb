// What follows a right password (login) or a passed step (changeExpiredPassword, completeLogin): an expired staff
// password must be changed first; then staff who need a second factor get a challenge unless their browser is
// remembered; everyone else gets a session. login, changeExpiredPassword and completeLogin all answer with this.
import type { Context } from '../../context.ts'
import type { Prisma, User } from '../../generated/prisma/client.ts'
import type { SecondFactorMethod } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { issueAccountToken } from '../auth/accountTokens.ts'
import { startSession, type SignedInUser } from '../auth/startSession.ts'
import { maskMobile } from '../../lib/masking.ts'
import { openChallenge } from './challenges.ts'
import { rememberedDeviceOf } from './devices.ts'
import { needsSecondFactor, passwordExpired } from './settings.ts'

export type LoginStatus = 'SIGNED_IN' | 'SECOND_FACTOR_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED'

export type LoginResult =
  | { status: 'SIGNED_IN'; userId: number; expiresAt: Date }
  | {
      status: 'SECOND_FACTOR_REQUIRED'
      challenge: string
      methods: SecondFactorMethod[]
      maskedMobile: string | null
      rememberDays: number
    }
  | { status: 'PASSWORD_CHANGE_REQUIRED'; changeToken: string }

export type LoginUser = SignedInUser &
  Pick<User, 'demo' | 'mobile' | 'passwordChangedAt' | 'createdAt' | 'totpEnabledAt'>

export interface LoginStepOptions {
  /** How the second factor was just passed (completeLogin): no further step is asked. */
  secondFactor?: SecondFactorMethod
  /** The password was just set (changeExpiredPassword): it cannot be expired. */
  passwordJustSet?: boolean
  /** Runs in the transaction that decides the step (the throttle's bookkeeping, consuming a challenge …). */
  within?: (tx: Prisma.TransactionClient, status: LoginStatus) => Promise<void>
}

export async function continueLogin(
  ctx: Context,
  user: LoginUser,
  options: LoginStepOptions = {},
): Promise<LoginResult> {
  const settings = ctx.signIn
  const within = options.within
  if (!options.passwordJustSet && !options.secondFactor && passwordExpired(settings, user, new Date())) {
    const changeToken = await ctx.prisma.$transaction(async (tx) => {
      await within?.(tx, 'PASSWORD_CHANGE_REQUIRED')
      await writeAudit(tx, ctx, {
        action: 'auth.passwordExpired',
        subjectType: 'User',
        subjectId: user.id,
        regionPath: user.regionPath,
      })
      return issueAccountToken(tx, {
        userId: user.id,
        purpose: 'PASSWORD_CHANGE',
        validMinutes: settings.challengeMinutes,
        createdById: null,
      })
    })
    return { status: 'PASSWORD_CHANGE_REQUIRED', changeToken }
  }

  let secondFactor: SecondFactorMethod | null = options.secondFactor ?? null
  if (!secondFactor && needsSecondFactor(settings, user)) {
    if (await rememberedDeviceOf(ctx, user.id)) secondFactor = 'DEVICE'
    else {
      const challenge = await ctx.prisma.$transaction(async (tx) => {
        await within?.(tx, 'SECOND_FACTOR_REQUIRED')
        return openChallenge(tx, { userId: user.id, ip: ctx.ip, validMinutes: settings.challengeMinutes })
      })
      const methods: SecondFactorMethod[] = []
      if (user.mobile) methods.push('SMS')
      if (user.totpEnabledAt) methods.push('TOTP')
      return {
        status: 'SECOND_FACTOR_REQUIRED',
        challenge,
        methods,
        maskedMobile: user.mobile ? maskMobile(user.mobile) : null,
        rememberDays: settings.rememberDays,
      }
    }
  }
  const session = await startSession(ctx, user, secondFactor, within && ((tx) => within(tx, 'SIGNED_IN')))
  return { status: 'SIGNED_IN', ...session }
}

/** The user row a login step needs, with the region path for the audit. */
export async function loadLoginUser(db: Prisma.TransactionClient | Context['prisma'], userId: number) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { office: { include: { region: true } }, unit: { include: { region: true } } },
  })
  return withRegionPath(user)
}

export function withRegionPath<
  T extends { office: { region: { path: string } } | null; unit: { region: { path: string } } | null },
>(user: T): T & { regionPath: string | null } {
  return { ...user, regionPath: user.office?.region.path ?? user.unit?.region.path ?? null }
}
