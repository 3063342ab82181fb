'use client'
// The SMS code field of the registration and contact forms: the code input, 获取验证码 for the mobile typed above,
// the API's error for the code, and in development where to read the code.
import Link from 'next/link'
import type { VerificationPurpose } from '@/graphql/generated/graphql'
import { VerificationCodeButton } from './VerificationCodeButton'

export function VerificationCodeField({
  label,
  mobile,
  purpose,
  value,
  onChange,
  error,
  showOutboxLink,
}: {
  label: string
  /** The number the code goes to. */
  mobile: string
  purpose: VerificationPurpose
  value: string
  onChange: (value: string) => void
  error?: string
  showOutboxLink: boolean
}) {
  return (
    <div className="field reg-wide">
      <label htmlFor="reg-verificationCode">
        {label}
        <span className="reg-required" aria-hidden="true"> *</span>
      </label>
      <div className="reg-code-row">
        <input
          id="reg-verificationCode"
          name="verificationCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'verificationCode-error' : undefined}
        />
        <VerificationCodeButton mobile={mobile} purpose={purpose} id={`code-status-${purpose}`} />
      </div>
      {error && (
        <p className="field-error" id="verificationCode-error" data-testid="error-verificationCode">
          {error}
        </p>
      )}
      {showOutboxLink && (
        <p className="reg-help">
          开发环境不发送真实短信，可在 <Link href="/dev/outbox" target="_blank">开发发件箱</Link> 查看验证码。
        </p>
      )}
    </div>
  )
}
