'use client'
// 密码已过期: staff whose password is older than the office allows set a new one before the login goes on (the
// API's password policy and history apply; it names the field it refuses).
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { Field } from '@/components/ui/Field'
import { ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { nextLoginStep, type LoginStepState } from './loginStep'

const ChangeExpiredPasswordMutation = graphql(`
  mutation ChangeExpiredPassword($input: ChangeExpiredPasswordInput!) {
    changeExpiredPassword(input: $input) {
      status
      challenge
      methods
      maskedMobile
      rememberDays
      changeToken
    }
  }
`)

export function ExpiredPasswordStep({ token, onNext }: { token: string; onNext: (next: LoginStepState) => void }) {
  const [, change] = useMutation(ChangeExpiredPasswordMutation)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const hydrated = useHydrated()

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    if (!password || password !== confirm) {
      const text = password ? '两次输入的新密码不一致' : '请输入新密码'
      setFailure({
        code: 'BAD_USER_INPUT',
        message: '密码未设置，请按提示修改',
        fields: password ? { confirm: text } : { newPassword: text },
      })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await change({ input: { token, newPassword: password } })
    const payload = result.data?.changeExpiredPassword
    if (payload) {
      onNext(nextLoginStep(payload))
      return
    }
    setFailure(describeFailure(result.error, '密码设置失败，请稍后再试'))
    setSubmitting(false)
  }

  return (
    <form
      className="login-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={submitting}
      data-testid="expired-password-step"
    >
      <h2 className="login-step-title">密码已过期，请设置新密码</h2>
      <Field
        id="expired-new-password"
        label="新密码"
        required
        error={failure?.fields.newPassword}
        help="至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码，不能与最近使用过的密码相同"
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            maxLength={128}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field id="expired-confirm-password" label="确认新密码" required error={failure?.fields.confirm}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            maxLength={128}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <ResultNotice result={failure ? { error: true, text: failure.message } : null} testId="expired-password-result" />
      {failure?.code === 'TOKEN_INVALID' ? (
        <button type="button" className="button button-block" onClick={() => onNext({ kind: 'password' })}>
          返回重新登录
        </button>
      ) : (
        <button type="submit" className="button button-primary button-block" disabled={!hydrated || submitting}>
          {submitting ? '正在设置…' : '设置新密码并继续'}
        </button>
      )}
    </form>
  )
}
