'use client'
// The login form: calls the login mutation through /graphql; the API sets the httpOnly session cookie.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { ErrorNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { graphql } from '@/graphql/generated'
import { describeLoginError, REASON_NOTICES, type LoginFailure } from './messages'

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      expiresAt
      user {
        id
        role
      }
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

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const form = new FormData(event.currentTarget)
    const input = { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') }
    setSubmitting(true)
    setFailure(null)
    const result = await login({ input })
    if (result.data?.login) {
      // A full navigation, so the server components read the new session cookie.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see the line above
      window.location.assign('/')
      return
    }
    setFailure(
      result.error
        ? describeLoginError(result.error)
        : { code: 'UNKNOWN', message: '登录失败，请稍后再试', fields: {} },
    )
    setSubmitting(false)
  }

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
