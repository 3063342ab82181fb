'use client'
// 创建令牌: name (2-64 characters, checked here as the API checks it), 权限, the roles of a read-write token (those of
// the creator, never 管理员) and 有效期. The new secret is shown once in SecretBox and dropped from state when the box
// is closed.
import { useState, type FormEvent } from 'react'
import { useClient } from 'urql'
import { Field } from '@/components/ui/Field'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import type { ApiTokenAccess, OfficeRole } from '@/graphql/generated/graphql'
import { SecretBox } from './SecretBox'
import { CreateApiTokenDocument } from './documents'
import { ACCESS_HELP, EXPIRY_CHOICES, grantableTokenRoles, NAME_MAX, tokenNameProblem } from './shared'

const ACCESS_CHOICES = Object.keys(ACCESS_HELP) as ApiTokenAccess[]

export function CreateApiTokenForm({
  endpoint,
  officeRoles,
}: {
  endpoint: string
  officeRoles: readonly OfficeRole[]
}) {
  const grantable = grantableTokenRoles(officeRoles)
  // The mutation goes through the client, not useMutation, so no hook state keeps the secret after the box closes.
  const client = useClient()
  const [name, setName] = useState('')
  const [access, setAccess] = useState<ApiTokenAccess>('READ_ONLY')
  const [roles, setRoles] = useState<OfficeRole[]>(grantable)
  const [expiry, setExpiry] = useState('90')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(null)
    const problem = tokenNameProblem(name)
    setFields(problem ? { name: problem } : {})
    if (problem) return
    setBusy(true)
    const result = await client
      .mutation(CreateApiTokenDocument, {
        input: {
          name: name.trim(),
          access,
          roles: access === 'READ_WRITE' ? roles : [],
          expiresInDays: expiry ? Number(expiry) : null,
        },
      })
      .toPromise()
    setBusy(false)
    if (result.error || !result.data) {
      const failure = describeFailure(result.error)
      setFields(failure.fields)
      setError(failure.message)
      return
    }
    const { token, apiToken } = result.data.createApiToken
    setCreated({ name: apiToken.name, token })
    setName('')
  }

  return (
    <section className="panel" aria-labelledby="api-token-create-title">
      <div className="panel-head">
        <h2 id="api-token-create-title">创建令牌</h2>
      </div>
      {created ? (
        <SecretBox name={created.name} token={created.token} endpoint={endpoint} onClose={() => setCreated(null)} />
      ) : (
        <form className="fees-form" onSubmit={onSubmit} noValidate>
          <Field id="api-token-name" label="名称" error={fields.name} help={`2-${NAME_MAX} 个字符，说明令牌的用途`}>
            {(control) => (
              <input
                {...control}
                value={name}
                placeholder="用途，如：统计系统数据对接"
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <div className="field">
            <label htmlFor="api-token-access">权限</label>
            <select id="api-token-access" value={access} onChange={(e) => setAccess(e.target.value as ApiTokenAccess)}>
              {ACCESS_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {ACCESS_HELP[choice]}
                </option>
              ))}
            </select>
          </div>
          {access === 'READ_WRITE' && (
            <fieldset className="token-roles" data-testid="api-token-role-choices">
              <legend>角色</legend>
              {grantable.length ? (
                grantable.map((role) => (
                  <label key={role} className="token-role-choice">
                    <input
                      type="checkbox"
                      checked={roles.includes(role)}
                      onChange={(e) =>
                        setRoles((now) =>
                          e.target.checked
                            ? grantable.filter((r) => r === role || now.includes(r))
                            : now.filter((r) => r !== role),
                        )
                      }
                    />
                    {OFFICE_ROLE_LABELS[role]}
                  </label>
                ))
              ) : (
                <p className="muted">您没有可授予令牌的角色（审核员、财务），读写令牌只能办理无需角色的业务。</p>
              )}
              {fields.roles && <p className="field-error">{fields.roles}</p>}
              <p className="muted token-roles-help">
                令牌只能具有您本人的角色，不能具有「管理员」角色；您的角色变更后，令牌随之变更。
              </p>
            </fieldset>
          )}
          <Field id="api-token-expiry" label="有效期" error={fields.expiresInDays}>
            {(control) => (
              <select {...control} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ErrorNotice message={error} />
          <div className="fees-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? '创建中…' : '创建令牌'}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
