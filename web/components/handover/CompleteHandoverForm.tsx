'use client'
// 经办人交接, the new handler's side (/handover?token=…): the SMS code sent to their mobile (重新发送 after 60 s) and
// the new password, twice. The API checks the code and the password policy; the unit's login stays the same, so
// the done panel names it and leads to 去登录.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { PasswordField } from '@/components/auth/PasswordField'
import { useResendCountdown } from '@/components/registration/useResendCountdown'
import { Field } from '@/components/ui/Field'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, ResultNotice, type ActionResult } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { HandoverLinkQuery } from '@/graphql/generated/graphql'
import styles from './handover.module.css'

const CompleteHandoverMutation = graphql(`
  mutation CompleteHandover($input: CompleteHandoverInput!) {
    completeHandover(input: $input) {
      unitName
      username
    }
  }
`)

const ResendHandoverCodeMutation = graphql(`
  mutation ResendHandoverCode($token: String!) {
    resendHandoverCode(token: $token) {
      maskedMobile
      resendAfterSeconds
    }
  }
`)

type Link = NonNullable<HandoverLinkQuery['handoverLink']>

const EMPTY = { code: '', newPassword: '', newPasswordConfirm: '' }
/** The code just went out with the handover: the first 重新发送 waits the usual 60 s. */
const FIRST_WAIT_SECONDS = 60

export function CompleteHandoverForm({ token, link }: { token: string; link: Link | null }) {
  const [, complete] = useMutation(CompleteHandoverMutation)
  const [form, setForm] = useState(EMPTY)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState<{ unitName: string; username: string } | null>(null)
  const [resendStatus, setResendStatus] = useState<ActionResult | null>(null)
  const hydrated = useHydrated()

  type Name = keyof typeof EMPTY
  const set = (name: Name) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: Name) => failure?.fields[name]

  // Done first: the portal refreshes the page after a command, and the used link then greets nobody.
  if (done) {
    return (
      <section className="panel reg-form" aria-labelledby="handover-title" data-testid="handover-done">
        <div className="panel-head">
          <h1 id="handover-title">交接完成</h1>
        </div>
        <p className={`notice notice-ok ${styles.done}`} role="status">
          您已成为“{done.unitName}”的经办人。请使用单位登录名 <strong className="mono">{done.username}</strong>{' '}
          和刚设置的密码登录。
        </p>
        <div className="reg-actions">
          <Link className="button button-primary" href="/login">
            去登录
          </Link>
        </div>
      </section>
    )
  }

  if (!link) {
    return (
      <section className="panel reg-form" aria-labelledby="handover-title" data-testid="handover-link-invalid">
        <div className="panel-head">
          <h1 id="handover-title">经办人交接</h1>
        </div>
        <ErrorNotice message="链接已失效（已使用、已过期或已被取消）。请联系单位主账号或同级编办重新发起经办人交接。" />
        <div className="reg-actions">
          <Link href="/login">去登录</Link>
        </div>
      </section>
    )
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local: Record<string, string> = {}
    if (!/^[0-9]{6}$/.test(form.code.trim())) local.code = '请填写 6 位短信验证码'
    if (!form.newPassword) local.newPassword = '请输入新密码'
    if (!form.newPasswordConfirm) local.newPasswordConfirm = '请再次输入新密码'
    else if (form.newPasswordConfirm !== form.newPassword) local.newPasswordConfirm = '两次输入的新密码不一致'
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '请按提示填写', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await complete({ input: { token, code: form.code.trim(), newPassword: form.newPassword } })
    setSubmitting(false)
    const completed = result.data?.completeHandover
    if (completed) {
      setDone(completed)
      return
    }
    setFailure(describeFailure(result.error, '提交失败，请稍后再试'))
  }

  const password = (name: 'newPassword' | 'newPasswordConfirm', label: string, help?: string) => (
    <PasswordField
      id={`handover-${name}`}
      name={name}
      label={label}
      autoComplete="new-password"
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
      aria-labelledby="handover-title"
      data-testid="complete-handover-form"
    >
      <div className="panel-head">
        <h1 id="handover-title">经办人交接</h1>
        <span className="panel-meta">{link.unitName}</span>
      </div>
      <p className="reg-help">
        {link.newName}您好：单位“{link.unitName}”已将您登记为新的经办人。请输入发送到您手机 {link.maskedMobile}{' '}
        的短信验证码，并为单位账号设置新密码。完成后原经办人的登录将全部退出。链接有效期至{' '}
        {formatDateTime(link.expiresAt)}。
      </p>
      <Field id="handover-code" label="短信验证码" required error={fieldError('code')}>
        {(control) => (
          <div className="reg-code-row">
            <input
              {...control}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={form.code}
              onChange={(event) => set('code')(event.target.value)}
            />
            <ResendButton token={token} onStatus={setResendStatus} />
          </div>
        )}
      </Field>
      <ResultNotice result={resendStatus} testId="resend-handover-result" />
      {password('newPassword', '新密码', '至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码')}
      {password('newPasswordConfirm', '确认新密码')}
      <ResultNotice
        result={failure ? { error: true, text: failure.message } : null}
        testId="complete-handover-result"
      />
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在提交…' : '确认交接'}
        </button>
      </div>
    </form>
  )
}

function ResendButton({ token, onStatus }: { token: string; onStatus: (status: ActionResult | null) => void }) {
  const [, resend] = useMutation(ResendHandoverCodeMutation)
  const { secondsLeft, wait } = useResendCountdown(FIRST_WAIT_SECONDS)
  const [sending, setSending] = useState(false)
  async function onClick() {
    setSending(true)
    onStatus(null)
    const result = await resend({ token })
    setSending(false)
    const sent = result.data?.resendHandoverCode
    if (sent) {
      wait(sent.resendAfterSeconds)
      onStatus({ error: false, text: resultMessage('resendHandoverCode', sent) })
      return
    }
    const failure = describeFailure(result.error, '验证码发送失败，请稍后再试')
    wait(failure.retryAfterSeconds)
    onStatus({ error: true, text: failure.message })
  }

  return (
    <button
      type="button"
      className="button button-light reg-code-button"
      onClick={onClick}
      disabled={sending || secondsLeft > 0}
      data-testid="resend-handover-code"
    >
      {secondsLeft > 0 ? `重新发送（${secondsLeft} 秒）` : sending ? '正在发送…' : '重新发送'}
    </button>
  )
}
