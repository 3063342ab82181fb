'use client'
// 忘记密码: step 1 the user name → the API sends a code to the account's registered mobile (and a link to its email)
// and answers the same whether or not the account exists; step 2 the code and the new password. Every refusal shows
// the API's Chinese message under its field.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { Field } from '@/components/ui/Field'
import { resultMessage } from '@/components/ui/resultMessages'
import { ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { RequestPasswordResetMutation, ResetPasswordMutation } from './documents'
import { checkNewPassword, NewPasswordFields, type NewPasswordValues } from './NewPasswordFields'
import { ResetDone } from './ResetDone'

const EMPTY_PASSWORDS: NewPasswordValues = { newPassword: '', newPasswordConfirm: '' }

export function ForgotPasswordForm({ showOutboxLink }: { showOutboxLink: boolean }) {
  const [, request] = useMutation(RequestPasswordResetMutation)
  const [, reset] = useMutation(ResetPasswordMutation)
  const hydrated = useHydrated()
  const [step, setStep] = useState<'username' | 'code' | 'done'>('username')
  const [username, setUsername] = useState('')
  const [code, setCode] = useState('')
  const [passwords, setPasswords] = useState(EMPTY_PASSWORDS)
  const [sent, setSent] = useState<string | null>(null)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [doneFor, setDoneFor] = useState('')

  async function sendCode(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault()
    if (submitting) return
    if (!username.trim()) {
      setFailure({ code: 'BAD_USER_INPUT', message: '请输入用户名', fields: { username: '请输入用户名' } })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await request({ username: username.trim() })
    setSubmitting(false)
    const answer = result.data?.requestPasswordReset
    if (!answer) return setFailure(describeFailure(result.error, '发送失败，请稍后再试'))
    setSent(resultMessage('requestPasswordReset', answer))
    setStep('code')
  }

  async function setPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local = checkNewPassword(passwords)
    if (!/^[0-9]{6}$/.test(code)) local.code = '请填写 6 位短信验证码'
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '密码未重置，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await reset({ input: { username: username.trim(), code, newPassword: passwords.newPassword } })
    setSubmitting(false)
    const done = result.data?.resetPassword
    if (!done) return setFailure(describeFailure(result.error, '重置失败，请稍后再试'))
    setDoneFor(done.username)
    setStep('done')
  }

  return (
    <form
      className="panel reg-form"
      onSubmit={step === 'username' ? sendCode : setPassword}
      noValidate
      aria-busy={submitting}
      data-testid="forgot-password-form"
    >
      <div className="panel-head">
        <h1>忘记密码</h1>
      </div>
      {step === 'done' ? (
        <ResetDone username={doneFor} />
      ) : (
        <>
          <p className="reg-help">
            {step === 'username' ? '请输入用户名。验证码将发送至该账号登记的手机，重置链接将发送至登记的邮箱。' : sent}
          </p>
          <Field id="reset-username" label="用户名" required error={failure?.fields.username}>
            {(control) => (
              <input
                {...control}
                name="username"
                autoComplete="username"
                required
                maxLength={64}
                readOnly={step !== 'username'}
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            )}
          </Field>
          {step === 'code' && (
            <>
              <Field
                id="reset-code"
                label="短信验证码"
                required
                error={failure?.fields.code}
                help={
                  showOutboxLink ? (
                    <>
                      开发环境不发送真实短信，可在{' '}
                      <Link href="/dev/outbox" target="_blank">
                        开发发件箱
                      </Link>{' '}
                      查看验证码。
                    </>
                  ) : (
                    '验证码 5 分钟内有效'
                  )
                }
              >
                {(control) => (
                  <input
                    {...control}
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    required
                    value={code}
                    onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
                  />
                )}
              </Field>
              <NewPasswordFields
                values={passwords}
                onChange={(name, value) => setPasswords((current) => ({ ...current, [name]: value }))}
                errors={failure?.fields}
              />
            </>
          )}
          <ResultNotice
            result={failure ? { error: true, text: failure.message } : null}
            testId="forgot-password-result"
          />
          <div className="reg-actions">
            <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
              {step === 'username' ? (submitting ? '正在发送…' : '获取验证码') : submitting ? '正在重置…' : '重置密码'}
            </button>
            {step === 'code' && (
              <button
                type="button"
                className="button button-light"
                disabled={!hydrated || submitting}
                onClick={() => void sendCode()}
              >
                重新获取验证码
              </button>
            )}
            <Link href="/login" className="button button-light">
              返回登录
            </Link>
          </div>
        </>
      )}
    </form>
  )
}
