'use client'
// 新建用户: username, name, mobile and email (and, for staff, the roles). The person receives the activation link by
// email and a code by SMS and sets the password themself: the administrator never sees or sets one.
import { useState, type FormEvent } from 'react'
import { Field } from '@/components/ui/Field'
import { ErrorNotice } from '@/components/ui/states'
import type { OfficeRole } from '@/graphql/generated/graphql'
import styles from './Accounts.module.css'
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import { ALL_ROLES } from './labels'

export interface NewAccount {
  username: string
  displayName: string
  mobile: string
  email: string
  roles: OfficeRole[]
}

const EMPTY: NewAccount = { username: '', displayName: '', mobile: '', email: '', roles: [] }

/** What the API said: a message and the fields it refused; null when the account was created. */
export type CreateOutcome = { message: string; fields: Record<string, string> } | null

export function CreateAccountForm({
  title,
  roleChoices,
  onCreate,
}: {
  title: string
  /** The roles offered as checkboxes; none for unit accounts. */
  roleChoices?: readonly OfficeRole[]
  onCreate: (account: NewAccount) => Promise<CreateOutcome>
}) {
  const [account, setAccount] = useState<NewAccount>({
    ...EMPTY,
    roles: roleChoices?.length === 1 ? [...roleChoices] : [],
  })
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof NewAccount) => (value: string) => setAccount((a) => ({ ...a, [key]: value }))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (roleChoices && !account.roles.length) {
      setFields({ roles: '请至少选择一个角色' })
      return
    }
    setBusy(true)
    const outcome = await onCreate(account)
    setBusy(false)
    setError(outcome?.message ?? null)
    setFields(outcome?.fields ?? {})
    if (!outcome) setAccount({ ...EMPTY, roles: roleChoices?.length === 1 ? [...roleChoices] : [] })
  }

  const text = (key: 'username' | 'displayName' | 'mobile' | 'email', label: string, help: string, type = 'text') => (
    <Field id={`new-account-${key}`} label={label} required error={fields[key]} help={help}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={account[key]}
          autoComplete="off"
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  )

  return (
    <section className="panel" aria-labelledby="new-account-title">
      <div className="panel-head">
        <h2 id="new-account-title">{title}</h2>
        <span className="panel-meta">激活链接发送至电子邮箱，验证码发送至手机，由本人设置密码</span>
      </div>
      <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="new-account-form">
        {text('username', '用户名', '4–32 位小写字母、数字、下划线或连字符')}
        {text('displayName', '姓名', '2–32 个字')}
        {text('mobile', '手机号码', '接收激活验证码', 'tel')}
        {text('email', '电子邮箱', '接收激活链接', 'email')}
        {roleChoices && (
          <fieldset className={styles.roles} aria-describedby={fields.roles ? 'new-account-roles-error' : undefined}>
            <legend>角色</legend>
            {ALL_ROLES.filter((role) => roleChoices.includes(role)).map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={account.roles.includes(role)}
                  onChange={(e) =>
                    setAccount((a) => ({
                      ...a,
                      roles: e.target.checked ? [...a.roles, role] : a.roles.filter((r) => r !== role),
                    }))
                  }
                />
                {OFFICE_ROLE_LABELS[role]}
              </label>
            ))}
            {fields.roles && (
              <p className="field-error" id="new-account-roles-error">
                {fields.roles}
              </p>
            )}
          </fieldset>
        )}
        <div className={styles.formActions}>
          <ErrorNotice message={error} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? '创建中…' : '创建账号'}
          </button>
        </div>
      </form>
    </section>
  )
}
