// One labelled input of the registration and contact forms, with the API's error for it (or a local hint).
import type { InputHTMLAttributes } from 'react'

export function TextField({
  name,
  label,
  required,
  value,
  onChange,
  error,
  hint,
  help,
  wide,
  ...input
}: {
  name: string
  label: string
  required?: boolean
  value: string
  onChange: (value: string) => void
  /** From the API: wins over the local hint. */
  error?: string
  /** A local check while typing (check characters); the API decides. */
  hint?: string | null
  help?: string
  wide?: boolean
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'>) {
  const message = error ?? hint ?? undefined
  return (
    <div className={wide ? 'field reg-wide' : 'field'}>
      <label htmlFor={`reg-${name}`}>
        {label}
        {required && <span className="reg-required" aria-hidden="true"> *</span>}
      </label>
      <input
        id={`reg-${name}`}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${name}-error` : undefined}
        required={required}
        {...input}
      />
      {help && !message && <p className="reg-help">{help}</p>}
      {message && (
        <p className="field-error" id={`${name}-error`} data-testid={`error-${name}`}>
          {message}
        </p>
      )}
    </div>
  )
}
