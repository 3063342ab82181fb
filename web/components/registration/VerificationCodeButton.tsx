'use client'
// 获取验证码: sends an SMS code to the mobile typed in the form, then counts down 60 s before another may be asked.
import { useState } from 'react'
import { useMutation } from 'urql'
import { formatWait } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { VerificationPurpose } from '@/graphql/generated/graphql'
import { useResendCountdown } from './useResendCountdown'

export const SendVerificationCodeMutation = graphql(`
  mutation SendVerificationCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
      expiresAt
      resendAfterSeconds
    }
  }
`)

const MOBILE = /^1[3-9][0-9]{9}$/

export function VerificationCodeButton({
  mobile,
  purpose,
  id,
}: {
  mobile: string
  purpose: VerificationPurpose
  /** For the status text's id (aria-describedby of the code input). */
  id: string
}) {
  const [, send] = useMutation(SendVerificationCodeMutation)
  const { secondsLeft, wait } = useResendCountdown()
  const [sending, setSending] = useState(false)
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  async function onClick() {
    const number = mobile.trim()
    if (!MOBILE.test(number)) {
      setStatus({ kind: 'error', text: '请先填写正确的 11 位手机号码' })
      return
    }
    setSending(true)
    setStatus(null)
    const result = await send({ input: { mobile: number, purpose } })
    setSending(false)
    if (result.data?.sendVerificationCode) {
      wait(result.data.sendVerificationCode.resendAfterSeconds)
      setStatus({ kind: 'ok', text: resultMessage('sendVerificationCode', { mobile: number }) })
      return
    }
    const failure = describeFailure(result.error, '验证码发送失败，请稍后再试')
    wait(failure.retryAfterSeconds) // a daily limit is only said
    setStatus({ kind: 'error', text: failure.fields.mobile ?? failure.message })
  }

  return (
    <>
      <button
        type="button"
        className="button button-light reg-code-button"
        onClick={onClick}
        disabled={sending || secondsLeft > 0}
        data-testid={`send-code-${purpose}`}
      >
        {secondsLeft > 0 ? `${formatWait(secondsLeft)}后重新获取` : sending ? '发送中…' : '获取验证码'}
      </button>
      {status && (
        <p id={id} className={status.kind === 'ok' ? 'reg-code-status' : 'field-error'} role="status">
          {status.text}
        </p>
      )}
    </>
  )
}
