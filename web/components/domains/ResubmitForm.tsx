'use client'
// 修改并重新提交: a rejected application, edited (name, years) and sent back to the same-level office.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { DOMAIN_SUFFIX_LABELS } from '@/components/labels'
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
        <div className="field domain-field-wide">
          <label htmlFor={`resubmit-name-${domain.id}`}>域名</label>
          <div className="domain-name-input">
            <input id={`resubmit-name-${domain.id}`} type="text" maxLength={40} value={name} onChange={(event) => setName(event.target.value)} />
            <span className="domain-suffix">{DOMAIN_SUFFIX_LABELS[domain.suffix]}</span>
          </div>
          {failure?.fields.name && <p className="field-error">{failure.fields.name}</p>}
        </div>
        <div className="field">
          <label htmlFor={`resubmit-years-${domain.id}`}>注册年限</label>
          <select id={`resubmit-years-${domain.id}`} value={years} onChange={(event) => setYears(Number(event.target.value))}>
            {Array.from({ length: 10 }, (_, index) => index + 1).map((value) => (
              <option key={value} value={value}>
                {value} 年
              </option>
            ))}
          </select>
          {failure?.fields.years && <p className="field-error">{failure.fields.years}</p>}
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={fetching || !name.trim()}>
          重新提交
        </button>
      </div>
    </form>
  )
}
