'use client'
// 申请过户 of one domain: the receiving unit's 统一社会信用代码, looked up so the unit confirms the name it gives the
// domain to (or reads why that unit cannot receive it); the reason; for each badge whose site uses the domain,
// 随域名转移 or 注销. 提交 asks for confirmation first. The offices of both units then approve.
import { useState, type FormEvent } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { Field } from '@/components/ui/Field'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { BadgeTransferAction } from '@/graphql/generated/graphql'
import styles from './DomainTransfers.module.css'
import { BADGE_ACTION_LABELS } from './labels'

export const TransferDependentsQuery = graphql(`
  query TransferDependents($id: ID!) {
    domain(id: $id) {
      id
      transferDependents {
        id
        badgeNumber
        siteName
        placement
      }
    }
  }
`)

export const TransferRecipientQuery = graphql(`
  query TransferRecipient($domainId: ID!, $creditCode: String!) {
    domainTransferRecipient(domainId: $domainId, creditCode: $creditCode) {
      name
      regionName
      creditCode
    }
  }
`)

export const RequestDomainTransferMutation = graphql(`
  mutation RequestDomainTransfer($input: RequestDomainTransferInput!) {
    requestDomainTransfer(input: $input) {
      id
      status
      toUnitName
      approvals {
        id
      }
    }
  }
`)

export function TransferForm({
  domain,
  onDone,
  onCancel,
}: {
  domain: { id: string; fullName: string }
  onDone: (filed: { toUnitName: string; approvals: number }) => void
  onCancel: () => void
}) {
  const client = useClient()
  const confirm = useConfirm()
  const [{ data: dependents }] = useQuery({ query: TransferDependentsQuery, variables: { id: domain.id } })
  const [, request] = useMutation(RequestDomainTransferMutation)
  const [creditCode, setCreditCode] = useState('')
  const [recipient, setRecipient] = useState<{ name: string; regionName: string; creditCode: string } | null>(null)
  const [lookupFailure, setLookupFailure] = useState<RequestFailure | null>(null)
  const [reason, setReason] = useState('')
  const [choices, setChoices] = useState<Record<string, BadgeTransferAction>>({})
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const badges = dependents?.domain?.transferDependents ?? []

  async function lookUp() {
    setRecipient(null)
    setLookupFailure(null)
    const result = await client
      .query(
        TransferRecipientQuery,
        { domainId: domain.id, creditCode: creditCode.trim() },
        { requestPolicy: 'network-only' },
      )
      .toPromise()
    if (result.data?.domainTransferRecipient) setRecipient(result.data.domainTransferRecipient)
    else setLookupFailure(describeFailure(result.error))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy || !recipient) return
    setFailure(null)
    const unchosen = badges.filter((badge) => !choices[badge.id])
    if (unchosen.length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '请为每个网站标识选择“随域名转移”或“注销”', fields: {} })
      return
    }
    const plan = badges.map((b) => `${b.siteName}：${BADGE_ACTION_LABELS[choices[b.id]!]}`).join('；')
    if (
      !(await confirm({
        title: '申请域名过户',
        message:
          `确定将域名 ${domain.fullName} 过户给 ${recipient.name}（${recipient.regionName}）吗？` +
          `审批通过后，域名及其解析记录归接收单位所有。${plan ? `\n网站标识：${plan}` : ''}`,
        confirmLabel: '提交申请',
      }))
    )
      return
    setBusy(true)
    const result = await request({
      input: {
        domainId: domain.id,
        toCreditCode: recipient.creditCode,
        reason: reason.trim(),
        badges: badges.map((badge) => ({ badgeId: badge.id, action: choices[badge.id]! })),
      },
    })
    setBusy(false)
    const filed = result.data?.requestDomainTransfer
    if (filed) onDone({ toUnitName: filed.toUnitName, approvals: filed.approvals.length })
    else setFailure(describeFailure(result.error))
  }

  return (
    <form
      className="domain-form domain-form-inline"
      onSubmit={onSubmit}
      noValidate
      aria-busy={busy}
      aria-label={`申请过户 ${domain.fullName}`}
      data-testid="domain-transfer-form"
    >
      <ErrorNotice message={failure?.message} />
      <div className="domain-form-grid">
        <Field
          id={`transfer-credit-code-${domain.id}`}
          label="接收单位统一社会信用代码"
          required
          error={lookupFailure?.fields.toCreditCode ?? lookupFailure?.message ?? failure?.fields.toCreditCode}
          className="domain-field-wide"
        >
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={18}
              value={creditCode}
              autoComplete="off"
              onChange={(event) => {
                setCreditCode(event.target.value)
                setRecipient(null)
              }}
              onBlur={() => creditCode.trim().length === 18 && void lookUp()}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button-light"
          onClick={() => void lookUp()}
          disabled={!creditCode.trim()}
        >
          查询接收单位
        </button>
      </div>
      {recipient && (
        <p className={styles.recipient} data-testid="domain-transfer-recipient">
          接收单位：<strong>{recipient.name}</strong>（{recipient.regionName}）
        </p>
      )}
      <Field id={`transfer-reason-${domain.id}`} label="过户原因" required error={failure?.fields.reason}>
        {(control) => (
          <textarea {...control} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      {badges.length > 0 && (
        <fieldset className={styles.note}>
          <legend>使用该域名的网站标识</legend>
          {badges.map((badge) => (
            <div key={badge.id} className={styles.badgeChoice}>
              <span>
                {badge.siteName}（{badge.badgeNumber}）
              </span>
              {(['MOVE', 'CANCEL'] as const).map((action) => (
                <label key={action}>
                  <input
                    type="radio"
                    name={`transfer-badge-${domain.id}-${badge.id}`}
                    checked={choices[badge.id] === action}
                    onChange={() => setChoices((current) => ({ ...current, [badge.id]: action }))}
                  />
                  {BADGE_ACTION_LABELS[action]}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || !recipient || !reason.trim()}>
          提交过户申请
        </button>
        <button type="button" className="button button-light" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}
