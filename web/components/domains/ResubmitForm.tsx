'use client'
// 修改并重新提交: a rejected application, edited (name, years) and sent back to the same-level office.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { DOMAIN_SUFFIX_LABELS } from '@/components/labels'
import { Field } from '@/components/ui/Field'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainSuffix } from '@/graphql/generated/graphql'

export const ResubmitDomainMutation = graphql(`
  mutation ResubmitDomainApplication($input: ResubmitDomainApplicationInput!) {
    resubmitDomainApplication(input: $input) {
      id
      name
      fullName
      years
      status
      version
    }
  }
`)

export function ResubmitForm({
  domain,
  onDone,
}: {
  domain: { id: string; name: string; suffix: DomainSuffix; years: number; version: number }
  /** Called with the application as resubmitted (its new name, if it was changed). */
  onDone?: (resubmitted: { fullName: string }) => void
}) {
  const [name, setName] = useState(domain.name)
  const [years, setYears] = useState(domain.years)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [{ fetching }, resubmit] = useMutation(ResubmitDomainMutation)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (fetching) return
    setFailure(null)
    const result = await resubmit({ input: { id: domain.id, version: domain.version, name: name.trim(), years } })
    if (result.data?.resubmitDomainApplication) onDone?.(result.data.resubmitDomainApplication)
    else if (result.error) setFailure(describeFailure(result.error))
  }

  return (
    <form className="domain-form domain-form-inline" onSubmit={onSubmit} noValidate aria-busy={fetching}>
      <ErrorNotice message={failure?.message} />
      <div className="domain-form-grid">
        <Field
          id={`resubmit-name-${domain.id}`}
          label="域名"
          error={failure?.fields.name}
          className="domain-field-wide"
        >
          {(control) => (
            <div className="domain-name-input">
              <input
                {...control}
                type="text"
                maxLength={40}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
              <span className="domain-suffix">{DOMAIN_SUFFIX_LABELS[domain.suffix]}</span>
            </div>
          )}
        </Field>
        <Field id={`resubmit-years-${domain.id}`} label="注册年限" error={failure?.fields.years}>
          {(control) => (
            <select {...control} value={years} onChange={(event) => setYears(Number(event.target.value))}>
              {Array.from({ length: 10 }, (_, index) => index + 1).map((value) => (
                <option key={value} value={value}>
                  {value} 年
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={fetching || !name.trim()}>
          重新提交
        </button>
      </div>
    </form>
  )
}
