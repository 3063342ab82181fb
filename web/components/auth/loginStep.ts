// What the login page shows after a step answered: login, changeExpiredPassword and completeLogin all return a
// LoginPayload (LoginStep fragment), and its status says what comes next.
import { useEffect } from 'react'

/**
 * The fields every login step's mutation asks for (the documents spell them out: the portal uses no fragments):
 * `status challenge methods maskedMobile rememberDays changeToken`.
 */
export interface LoginStepPayload {
  status: 'SIGNED_IN' | 'SECOND_FACTOR_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED'
  challenge?: string | null
  methods?: ('SMS' | 'TOTP' | 'DEVICE')[] | null
  maskedMobile?: string | null
  rememberDays?: number | null
  changeToken?: string | null
}

export type LoginStepState =
  | { kind: 'password' }
  | { kind: 'signedIn' }
  | {
      kind: 'secondFactor'
      challenge: string
      methods: ('SMS' | 'TOTP' | 'DEVICE')[]
      maskedMobile: string | null
      rememberDays: number
    }
  | { kind: 'expiredPassword'; token: string }

export function nextLoginStep(step: LoginStepPayload): LoginStepState {
  if (step.status === 'SECOND_FACTOR_REQUIRED' && step.challenge) {
    return {
      kind: 'secondFactor',
      challenge: step.challenge,
      methods: step.methods ?? [],
      maskedMobile: step.maskedMobile ?? null,
      rememberDays: step.rememberDays ?? 0,
    }
  }
  if (step.status === 'PASSWORD_CHANGE_REQUIRED' && step.changeToken)
    return { kind: 'expiredPassword', token: step.changeToken }
  if (step.status === 'SIGNED_IN') return { kind: 'signedIn' }
  return { kind: 'password' }
}

/** Signed in: a full navigation, so the server components read the new session cookie. */
export function useNavigateWhenSignedIn(step: LoginStepState) {
  useEffect(() => {
    if (step.kind !== 'signedIn') return
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see the line above
    window.location.assign('/')
  }, [step.kind])
}
