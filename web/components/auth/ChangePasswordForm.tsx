'use client'
// 修改密码 for every role: the current password, the new one twice. The API decides the policy (at least 10
// characters, not containing the user name, not a common or leaked password) and names the field it refuses; the
// browser only checks that the two new ones match. The person's other sessions end; this one stays.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { PasswordField } from '@/components/auth/PasswordField'
import { resultMessage } from '@/components/ui/resultMessages'
import { ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      endedSessions
    }
  }
`)

const EMPTY = { currentPassword: '', newPassword: '', newPasswordConfirm: '' }

export function ChangePasswordForm() {
  const [, change] = useMutation(ChangePasswordMutation)
  const [form, setForm] = useState(EMPTY)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const hydrated = useHydrated()

  type Name = keyof typeof EMPTY
  const set = (name: Name) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: Name) => failure?.fields[name]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    setNotice(null)
    const local: Record<string, string> = {}
    if (!form.currentPassword) local.currentPassword = '请输入当前密码'
    if (!form.newPassword) local.newPassword = '请输入新密码'
    if (!form.newPasswordConfirm) local.newPasswordConfirm = '请再次输入新密码'
    else if (form.newPasswordConfirm !== form.newPassword) local.newPasswordConfirm = '两次输入的新密码不一致'
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '密码未修改，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await change({
      input: { currentPassword: form.currentPassword, newPassword: form.newPassword },
    })
    setSubmitting(false)
    const changed = result.data?.changePassword
    if (changed) {
      setForm(EMPTY)
      setNotice(resultMessage('changePassword', changed))
      return
    }
    setFailure(describeFailure(result.error, '修改失败，请稍后再试'))
  }

  const password = (name: Name, label: string, autoComplete: 'current-password' | 'new-password', help?: string) => (
    <PasswordField
      id={`password-${name}`}
      name={name}
      label={label}
      autoComplete={autoComplete}
      value={form[name]}
      onChange={set(name)}
      error={fieldError(name)}
      help={help}
    />
  )

  return (
    <form
      className="panel reg-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={submitting}
      data-testid="change-password-form"
    >
      <div className="panel-head">
        <h1>修改密码</h1>
      </div>
      <p className="reg-help">修改成功后，您在其他设备或浏览器上的登录将全部退出，当前登录保持不变。</p>
      {password('currentPassword', '当前密码', 'current-password')}
      {password('newPassword', '新密码', 'new-password', '至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码')}
      {password('newPasswordConfirm', '确认新密码', 'new-password')}
      <ResultNotice
        result={failure ? { error: true, text: failure.message } : notice ? { error: false, text: notice } : null}
        testId="change-password-result"
      />
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在修改…' : '修改密码'}
        </button>
      </div>
    </form>
  )
}
