'use client'
// The emailed link /reset-password?token=…: the new password twice. The link works once; a used, superseded or
// expired one is refused with the API's message (链接已失效，请重新获取) and a way back to 忘记密码.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { ResetPasswordMutation } from './documents'
import { checkNewPassword, NewPasswordFields } from './NewPasswordFields'
import { ResetDone } from './ResetDone'

export function ResetByLinkForm({ token }: { token: string }) {
  const [, reset] = useMutation(ResetPasswordMutation)
  const hydrated = useHydrated()
  const [passwords, setPasswords] = useState({ newPassword: '', newPasswordConfirm: '' })
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [doneFor, setDoneFor] = useState<string | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local = checkNewPassword(passwords)
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '密码未重置，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await reset({ input: { token, newPassword: passwords.newPassword } })
    setSubmitting(false)
    const done = result.data?.resetPassword
    if (!done) return setFailure(describeFailure(result.error, '重置失败，请稍后再试'))
    setDoneFor(done.username)
  }

  return (
    <form
      className="panel reg-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={submitting}
      data-testid="reset-link-form"
    >
      <div className="panel-head">
        <h1>重置密码</h1>
      </div>
      {doneFor ? (
        <ResetDone username={doneFor} />
      ) : !token ? (
        <p className="reg-help">
          链接不完整，请从邮件中重新打开，或前往 <Link href="/forgot-password">忘记密码</Link> 重新获取。
        </p>
      ) : (
        <>
          <p className="reg-help">请设置新密码。重置后，该账号在所有设备上的登录都将退出。</p>
          <NewPasswordFields
            values={passwords}
            onChange={(name, value) => setPasswords((current) => ({ ...current, [name]: value }))}
            errors={failure?.fields}
          />
          <ResultNotice result={failure ? { error: true, text: failure.message } : null} testId="reset-link-result" />
          {failure?.code === 'TOKEN_INVALID' && (
            <p className="reg-help">
              请前往 <Link href="/forgot-password">忘记密码</Link> 重新获取验证码或链接。
            </p>
          )}
          <div className="reg-actions">
            <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
              {submitting ? '正在重置…' : '重置密码'}
            </button>
          </div>
        </>
      )}
    </form>
  )
}
