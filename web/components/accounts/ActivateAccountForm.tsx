'use client'
// 激活账号 (/activate?token=…): the emailed link greets the person by name; without a (live) link, the login name
// and the SMS code sent to the registered mobile do the same. The person sets the first password (the API applies
// the password policy and names the field it refuses), then logs in.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { Field } from '@/components/ui/Field'
import { Loading, ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { DeadActivationLink } from '@/components/migration/claim/DeadActivationLink'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { AccountLinkDocument, ActivateAccountDocument } from './documents'

const EMPTY = { username: '', verificationCode: '', newPassword: '', newPasswordConfirm: '' }
type Name = keyof typeof EMPTY

export function ActivateAccountForm({ token }: { token: string | null }) {
  const [{ data, fetching }] = useQuery({
    query: AccountLinkDocument,
    variables: { token: token ?? '' },
    pause: !token,
  })
  const [, activate] = useMutation(ActivateAccountDocument)
  const [form, setForm] = useState(EMPTY)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [activated, setActivated] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const hydrated = useHydrated()
  const link = data?.accountLink?.purpose === 'ACTIVATION' ? data.accountLink : null
  const byLink = !!token && !!link

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local: Record<string, string> = {}
    if (!byLink && !form.username.trim()) local.username = '请填写用户名'
    if (!byLink && !/^\d{6}$/.test(form.verificationCode.trim())) local.verificationCode = '请填写 6 位短信验证码'
    if (!form.newPassword) local.newPassword = '请输入密码'
    if (form.newPasswordConfirm !== form.newPassword) local.newPasswordConfirm = '两次输入的密码不一致'
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '账号未激活，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const input = byLink
      ? { token, newPassword: form.newPassword }
      : {
          username: form.username.trim(),
          verificationCode: form.verificationCode.trim(),
          newPassword: form.newPassword,
        }
    const result = await activate({ input })
    setSubmitting(false)
    if (result.data?.activateAccount) {
      setActivated(result.data.activateAccount.username)
      setForm(EMPTY)
      return
    }
    setFailure(describeFailure(result.error, '激活失败，请稍后再试'))
  }

  if (token && fetching) return <Loading />

  if (activated) {
    return (
      <section className="panel reg-form" data-testid="activation-done">
        <div className="panel-head">
          <h1>账号已激活</h1>
        </div>
        <p>
          账号 <strong className="mono">{activated}</strong> 已激活，请使用新密码登录。
        </p>
        <div className="reg-actions">
          <Link className="button button-primary" href="/login">
            去登录
          </Link>
        </div>
      </section>
    )
  }

  const input = (name: Name, label: string, type: string, autoComplete: string, help?: string) => (
    <Field id={`activate-${name}`} label={label} required error={failure?.fields[name]} help={help}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          autoComplete={autoComplete}
          maxLength={128}
          value={form[name]}
          onChange={(event) => setForm((current) => ({ ...current, [name]: event.target.value }))}
        />
      )}
    </Field>
  )

  return (
    <form className="panel reg-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="activate-form">
      <div className="panel-head">
        <h1>激活账号</h1>
      </div>
      {byLink ? (
        <p data-testid="activation-greeting">
          {link.displayName}，您好！请为账号 <span className="mono">{link.maskedUsername}</span> 设置登录密码。
        </p>
      ) : (
        <>
          {/* Expired, used, or already active: said plainly (an imported account is told to ask its office). */}
          {token && <DeadActivationLink token={token} />}
          <p className="reg-help">请输入管理员为您开通的用户名，以及发送到您登记手机的 6 位短信验证码。</p>
          {input('username', '用户名', 'text', 'username')}
          {input('verificationCode', '短信验证码', 'text', 'one-time-code')}
        </>
      )}
      {input(
        'newPassword',
        '设置密码',
        'password',
        'new-password',
        '至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码',
      )}
      {input('newPasswordConfirm', '确认密码', 'password', 'new-password')}
      <ResultNotice result={failure ? { error: true, text: failure.message } : null} testId="activate-result" />
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在激活…' : '激活账号'}
        </button>
      </div>
    </form>
  )
}
