// When a login needs a second factor, and for how long its pieces live. The API reads them from config; a test app
// may build its own (createApp's `signIn`), e.g. production rules without NODE_ENV=production.
import { config } from '../../config.ts'

export interface SignInSettings {
  /** Staff must pass a second factor after the password (SECOND_FACTOR). */
  secondFactor: boolean
  /** Seeded demo accounts skip it (DEMO_SKIPS_SECOND_FACTOR; never by default in production). */
  demoExempt: boolean
  /** 记住此设备 lasts this many days; 0: not offered. */
  rememberDays: number
  challengeMinutes: number
  /** Staff passwords older than this must be changed at login; 0: never (PASSWORD_MAX_AGE_DAYS). */
  passwordMaxAgeDays: number
}

/** The settings of an app: from config, or the production rules when the app is built as production. */
export function signInSettings(
  options: { production?: boolean; overrides?: Partial<SignInSettings> } = {},
): SignInSettings {
  // An app built as production (tests) gets production's rules whatever NODE_ENV is; otherwise config decides.
  const production = options.production === true
  return {
    secondFactor: production ? true : config.secondFactor.enabled,
    demoExempt: production ? false : config.secondFactor.demoExempt,
    rememberDays: config.secondFactor.rememberDays,
    challengeMinutes: config.secondFactor.challengeMinutes,
    passwordMaxAgeDays: config.accounts.passwordMaxAgeDays,
    ...options.overrides,
  }
}

/** Whether this user's login must pass a second factor: staff only, and not a demo account where they are exempt. */
export function needsSecondFactor(settings: SignInSettings, user: { role: string; demo: boolean }): boolean {
  if (!settings.secondFactor || user.role === 'UNIT_USER') return false
  return !(user.demo && settings.demoExempt)
}

/** Whether a staff password is past its maximum age (counted from when it was set, else from the account's start). */
export function passwordExpired(
  settings: SignInSettings,
  user: { role: string; passwordChangedAt: Date | null; createdAt: Date },
  now: Date,
): boolean {
  if (settings.passwordMaxAgeDays <= 0 || user.role === 'UNIT_USER') return false
  const setAt = user.passwordChangedAt ?? user.createdAt
  return setAt.getTime() + settings.passwordMaxAgeDays * 86_400_000 < now.getTime()
}
