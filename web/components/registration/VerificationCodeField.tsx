'use client'
// The SMS code field of the registration, contact and site application forms: the code input, 获取验证码 for the
// mobile typed above, the API's error for the code, and in development where to read the code.
import Link from 'next/link'
import type { ReactNode } from 'react'
import { Field } from '@/components/ui/Field'
import type { VerificationPurpose } from '@/graphql/generated/graphql'
import { VerificationCodeButton } from './VerificationCodeButton'

export function VerificationCodeField({
  label,
  mobile,
  purpose,
  value,
  onChange,
  error,
  help,
  showOutboxLink,
}: {
  label: string
  /** The number the code goes to. */
  mobile: string
  purpose: VerificationPurpose
  value: string
  onChange: (value: string) => void
  error?: string
  /** Where the code goes and how long it holds, when the form says so. */
  help?: ReactNode
  showOutboxLink: boolean
}) {
  const outbox = showOutboxLink && (
    <>
      开发环境不发送真实短信，可在{' '}
      <Link href="/dev/outbox" target="_blank">
        开发发件箱
      </Link>{' '}
      查看验证码。
    </>
  )
  return (
    <Field
      id="reg-verificationCode"
      label={label}
      required
      className="reg-wide"
      error={error}
      errorTestId="error-verificationCode"
      help={
        help || outbox ? (
          <>
            {help}
            {help && outbox ? ' ' : null}
            {outbox}
          </>
        ) : undefined
      }
    >
      {(control) => (
        <div className="reg-code-row">
          <input
            {...control}
            name="verificationCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <VerificationCodeButton mobile={mobile} purpose={purpose} id={`code-status-${purpose}`} />
        </div>
      )}
    </Field>
  )
}
