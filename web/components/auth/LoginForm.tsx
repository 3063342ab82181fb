'use client'
// The login form: calls the login mutation through /graphql; the API sets the httpOnly session cookie. Staff may
// then have a second step (SecondFactorStep: 短信验证码 or 身份验证器) or an expired password to change first
// (ExpiredPasswordStep); both answer with the same payload as login, which decides what comes next.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { ErrorNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { graphql } from '@/graphql/generated'
import { ExpiredPasswordStep } from './ExpiredPasswordStep'
import { describeLoginError, REASON_NOTICES, type LoginFailure } from './messages'
import { nextLoginStep, useNavigateWhenSignedIn, type LoginStepState } from './loginStep'
import { SecondFactorStep } from './SecondFactorStep'

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      status
      challenge
      methods
      maskedMobile
      rememberDays
      changeToken
    }
  }
`)

export function LoginForm({ reason }: { reason?: string }) {
  const [, login] = useMutation(LoginMutation)
  const [submitting, setSubmitting] = useState(false)
  const [failure, setFailure] = useState<LoginFailure | null>(null)
  // The button stays disabled until React has hydrated the form, so a click can never submit it natively.
  const hydrated = useHydrated()
  const notice = reason ? REASON_NOTICES[reason] : undefined
  const [step, setStep] = useState<LoginStepState>({ kind: 'password' })
  useNavigateWhenSignedIn(step)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const form = new FormData(event.currentTarget)
    const input = { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') }
    setSubmitting(true)
    setFailure(null)
    const result = await login({ input })
    if (result.data?.login) {
      const next = nextLoginStep(result.data.login)
      if (next.kind === 'password') setSubmitting(false)
      setStep(next)
      return
    }
    setFailure(
      result.error
        ? describeLoginError(result.error)
        : { code: 'UNKNOWN', message: '登录失败，请稍后再试', fields: {} },
    )
    setSubmitting(false)
  }

  if (step.kind === 'secondFactor') return <SecondFactorStep step={step} onNext={setStep} />
  if (step.kind === 'expiredPassword') return <ExpiredPasswordStep token={step.token} onNext={setStep} />

  const usernameError = failure?.fields.username
  const passwordError = failure?.fields.password

  return (
    <form className="login-form" method="post" onSubmit={onSubmit} noValidate aria-busy={submitting}>
      {notice && !failure && (
        <p className="notice notice-warning" role="status" data-testid="login-notice">
          {notice}
        </p>
      )}
      <ErrorNotice message={failure?.message} testId="login-error" code={failure?.code} />
      <div className="field">
        <label htmlFor="username">用户名</label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          autoFocus
          aria-invalid={usernameError ? true : undefined}
          aria-describedby={usernameError ? 'username-error' : undefined}
        />
        {usernameError && (
          <p className="field-error" id="username-error">
            {usernameError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">密码</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={128}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? 'password-error' : undefined}
        />
        {passwordError && (
          <p className="field-error" id="password-error">
            {passwordError}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={!hydrated || submitting}>
        登录
      </button>
    </form>
  )
}
