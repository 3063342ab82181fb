'use client'
// The new password twice, with the policy as a hint, for 忘记密码 and the emailed link. The API decides the policy
// and names the field it refuses; the browser only checks that the two match (checkNewPassword).
import { Field } from '@/components/ui/Field'

export const PASSWORD_HINT = '至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码'

export interface NewPasswordValues {
  newPassword: string
  newPasswordConfirm: string
}

/** What the browser refuses before sending: an empty field or two passwords that differ. */
export function checkNewPassword(values: NewPasswordValues): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!values.newPassword) problems.newPassword = '请输入新密码'
  if (!values.newPasswordConfirm) problems.newPasswordConfirm = '请再次输入新密码'
  else if (values.newPasswordConfirm !== values.newPassword) problems.newPasswordConfirm = '两次输入的新密码不一致'
  return problems
}

export function NewPasswordFields({
  values,
  onChange,
  errors,
}: {
  values: NewPasswordValues
  onChange: (name: keyof NewPasswordValues, value: string) => void
  errors: Record<string, string> | undefined
}) {
  const input = (name: keyof NewPasswordValues, label: string, help?: string) => (
    <Field id={`reset-${name}`} label={label} required error={errors?.[name]} help={help}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          value={values[name]}
          onChange={(event) => onChange(name, event.target.value)}
        />
      )}
    </Field>
  )
  return (
    <>
      {input('newPassword', '新密码', PASSWORD_HINT)}
      {input('newPasswordConfirm', '确认新密码')}
    </>
  )
}
