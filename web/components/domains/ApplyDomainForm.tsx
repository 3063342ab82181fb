'use client'
// 申请域名: the suffix follows the unit type (.政务 党政机关/群团机关, .公益 事业单位/社会组织), 1-10 years, and a live
// availability check while the name is typed. Used by unit users and, with a unitId, by office staff (代单位申请).
import { useEffect, useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { DOMAIN_SUFFIX_LABELS } from '@/components/labels'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainSuffix, UnitType } from '@/graphql/generated/graphql'

export const DomainAvailabilityQuery = graphql(`
  query DomainAvailability($name: String!, $suffix: DomainSuffix!) {
    domainAvailability(name: $name, suffix: $suffix) {
      available
      reason
    }
  }
`)

export const ApplyForDomainMutation = graphql(`
  mutation ApplyForDomain($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      fullName
      status
      version
    }
  }
`)

export const SUFFIX_FOR_UNIT_TYPE: Record<UnitType, DomainSuffix> = {
  PARTY_GOVERNMENT: 'ZHENGWU',
  MASS_ORGANIZATION: 'ZHENGWU',
  PUBLIC_INSTITUTION: 'GONGYI',
  SOCIAL_ORGANIZATION: 'GONGYI',
}

/** The name after the person stopped typing for a moment, so the check does not run on every key. */
function useDebounced(value: string, delay = 400) {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return debounced
}

export function ApplyDomainForm({
  unitType,
  unitId,
  onApplied,
}: {
  unitType: UnitType
  unitId?: string
  onApplied?: () => void
}) {
  const suffix = SUFFIX_FOR_UNIT_TYPE[unitType]
  const [name, setName] = useState('')
  const [years, setYears] = useState(2)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [{ fetching }, apply] = useMutation(ApplyForDomainMutation)
  const checked = useDebounced(name.trim())
  const [availability] = useQuery({
    query: DomainAvailabilityQuery,
    variables: { name: checked, suffix },
    pause: checked.length === 0,
    requestPolicy: 'network-only',
  })
  const answer = checked && checked === name.trim() ? availability.data?.domainAvailability : undefined

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (fetching) return
    setFailure(null)
    setDone(null)
    const result = await apply({ input: { name: name.trim(), suffix, years, ...(unitId ? { unitId } : {}) } })
    if (result.data?.applyForDomain) {
      setDone(resultMessage('applyForDomain', { fullName: result.data.applyForDomain.fullName }))
      setName('')
      onApplied?.()
      return
    }
    if (result.error) setFailure(describeFailure(result.error))
  }

  return (
    <form className="domain-form" onSubmit={onSubmit} noValidate aria-busy={fetching} data-testid="apply-domain-form">
      <ErrorNotice message={failure?.message} code={failure?.code} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="domain-form-grid">
        <div className="field domain-field-wide">
          <label htmlFor="domain-name">域名</label>
          <div className="domain-name-input">
            <input
              id="domain-name"
              name="name"
              type="text"
              maxLength={40}
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="如：清丰县人民政府"
              aria-invalid={failure?.fields.name ? true : undefined}
              aria-describedby="domain-name-help"
            />
            <span className="domain-suffix" aria-label="后缀">
              {DOMAIN_SUFFIX_LABELS[suffix]}
            </span>
          </div>
          <p className="muted" id="domain-name-help">
            汉字、英文字母、数字和中间的连字符（-），至少 2 个字符；在 DNS 中的编码形式（xn--…）不超过 63 个字符，约 18
            个汉字。
          </p>
          {failure?.fields.name && <p className="field-error">{failure.fields.name}</p>}
          {failure?.fields.suffix && <p className="field-error">{failure.fields.suffix}</p>}
          {answer && (
            <p className={answer.available ? 'domain-available' : 'field-error'} data-testid="domain-availability">
              {answer.available ? `${checked}${DOMAIN_SUFFIX_LABELS[suffix]} 可以申请` : answer.reason}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="domain-years">注册年限</label>
          <select
            id="domain-years"
            name="years"
            value={years}
            onChange={(event) => setYears(Number(event.target.value))}
          >
            {Array.from({ length: 10 }, (_, index) => index + 1).map((value) => (
              <option key={value} value={value}>
                {value} 年
              </option>
            ))}
          </select>
          <p className="muted">建议注册 2 年及以上，可减少续费手续。</p>
          {failure?.fields.years && <p className="field-error">{failure.fields.years}</p>}
        </div>
      </div>
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={fetching || !name.trim() || answer?.available === false}
        >
          提交申请
        </button>
      </div>
    </form>
  )
}
