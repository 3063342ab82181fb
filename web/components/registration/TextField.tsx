// One labelled input of the registration, contact and site application forms, with the API's error for it (or a
// local hint): the UI kit's Field around a text input.
import type { InputHTMLAttributes } from 'react'
import { Field } from '@/components/ui/Field'

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
    <Field
      id={`reg-${name}`}
      label={label}
      required={required}
      error={message}
      help={message ? undefined : help}
      className={wide ? 'reg-wide' : undefined}
      errorTestId={`error-${name}`}
    >
      {(control) => (
        <input
          {...control}
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          required={required}
          {...input}
        />
      )}
    </Field>
  )
}
