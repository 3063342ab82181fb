// One password input with its label, error and help (修改密码, 经办人交接, and the other forms that set a password).
// The policy's limits are the API's (at most 128 characters); the browser only offers the right autocomplete.
import { Field } from '@/components/ui/Field'

export function PasswordField({
  id,
  name,
  label,
  autoComplete,
  value,
  onChange,
  error,
  help,
}: {
  id: string
  name: string
  label: string
  autoComplete: 'current-password' | 'new-password'
  value: string
  onChange: (value: string) => void
  error?: string
  help?: string
}) {
  return (
    <Field id={id} label={label} required error={error} help={help}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="password"
          autoComplete={autoComplete}
          required
          maxLength={128}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
