'use client'
// 申请变更 and 申请注销 for one badge. The API validates (the English domain of the kind the unit's type may use:
// under .gov.cn for 党政机关, any Internet host name for the others; IPv4/IPv6; a self-built site needs both, the
// micro-site neither; at least one value differs) and its messages appear next to the fields. The English domain
// is checked here first with the API's own rule (sites/englishDomain.ts), so the unit sees its mistake at once.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { englishDomainExample, englishDomainHelp, englishDomainProblem } from '@/components/sites/englishDomain'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { graphql } from '@/graphql/generated'
import type { BadgePlacement } from '@/graphql/generated/graphql'
import type { UnitBadge } from './UnitBadges'

export const RequestBadgeChangeMutation = graphql(`
  mutation RequestBadgeChange($input: RequestBadgeChangeInput!) {
    requestBadgeChange(input: $input) {
      id
      status
    }
  }
`)

export const RequestBadgeCancellationMutation = graphql(`
  mutation RequestBadgeCancellation($input: RequestBadgeCancellationInput!) {
    requestBadgeCancellation(input: $input) {
      id
      status
    }
  }
`)

interface FormProps {
  badge: UnitBadge
  onCancel: () => void
  onDone: () => void
}

function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null
  return (
    <p className="field-error" id={id}>
      {text}
    </p>
  )
}

export function BadgeChangeForm({ badge, onCancel, onDone }: FormProps) {
  const [placement, setPlacement] = useState<BadgePlacement>(badge.placement)
  const [siteName, setSiteName] = useState(badge.siteName)
  const [englishDomain, setEnglishDomain] = useState(badge.englishDomain ?? '')
  const [ipAddress, setIpAddress] = useState(badge.ipAddress ?? '')
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const [busy, setBusy] = useState(false)
  const [, request] = useMutation(RequestBadgeChangeMutation)
  const p = `badge-${badge.id}-change`
  const selfBuilt = placement === 'SELF_BUILT'

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const domain = englishDomain.trim().toLowerCase()
    const domainProblem = selfBuilt && domain ? englishDomainProblem(domain, badge.unit.type) : null
    if (domainProblem) {
      setFailure({ message: '标识变更信息有误', fields: { newEnglishDomain: domainProblem } })
      return
    }
    setBusy(true)
    const result = await request({
      input: {
        badgeId: badge.id,
        version: badge.version,
        newPlacement: placement,
        newSiteName: siteName,
        newEnglishDomain: selfBuilt ? englishDomain : null,
        newIpAddress: selfBuilt ? ipAddress : null,
        reason: reason.trim() || null,
      },
    })
    setBusy(false)
    if (result.error) setFailure(describeFailure(result.error))
    else onDone()
  }

  const fields = failure?.fields ?? {}
  const invalid = (name: string) =>
    fields[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${p}-${name}-error` } : {}

  return (
    <form className="badge-form" onSubmit={onSubmit} aria-labelledby={`${p}-title`} noValidate>
      <h3 className="badge-section-title" id={`${p}-title`}>
        申请变更
      </h3>
      <p className="badge-section-text muted">
        变更挂标位置、英文域名、IP 地址或网站名称，提交后由同级编办审核；审核通过后标识信息随之更新，中文域名的 URL
        转发将指向新的网站。
      </p>
      <ErrorNotice message={failure?.message} />
      <fieldset className="badge-radios" {...invalid('newPlacement')}>
        <legend>挂标位置</legend>
        <label className="badge-choice">
          <input
            type="radio"
            name={`${p}-placement`}
            value="MICRO_SITE"
            checked={placement === 'MICRO_SITE'}
            onChange={() => setPlacement('MICRO_SITE')}
          />
          网络红页
        </label>
        <label className="badge-choice">
          <input
            type="radio"
            name={`${p}-placement`}
            value="SELF_BUILT"
            checked={placement === 'SELF_BUILT'}
            onChange={() => setPlacement('SELF_BUILT')}
          />
          自建网站
        </label>
      </fieldset>
      <FieldError id={`${p}-newPlacement-error`} text={fields.newPlacement} />
      <div className="badge-form-grid">
        <div className="field">
          <label htmlFor={`${p}-siteName`}>网站名称</label>
          <input
            id={`${p}-siteName`}
            value={siteName}
            maxLength={128}
            onChange={(e) => setSiteName(e.target.value)}
            {...invalid('newSiteName')}
          />
          <FieldError id={`${p}-newSiteName-error`} text={fields.newSiteName} />
        </div>
        {selfBuilt && (
          <>
            <div className="field">
              <label htmlFor={`${p}-englishDomain`}>英文域名</label>
              <input
                id={`${p}-englishDomain`}
                value={englishDomain}
                maxLength={253}
                spellCheck={false}
                placeholder={`例如 ${englishDomainExample(badge.unit.type)}`}
                onChange={(e) => setEnglishDomain(e.target.value)}
                {...invalid('newEnglishDomain')}
                aria-describedby={
                  fields.newEnglishDomain
                    ? `${p}-englishDomain-help ${p}-newEnglishDomain-error`
                    : `${p}-englishDomain-help`
                }
              />
              <p className="reg-help" id={`${p}-englishDomain-help`}>
                {englishDomainHelp(badge.unit.type)}
              </p>
              <FieldError id={`${p}-newEnglishDomain-error`} text={fields.newEnglishDomain} />
            </div>
            <div className="field">
              <label htmlFor={`${p}-ipAddress`}>IP 地址</label>
              <input
                id={`${p}-ipAddress`}
                value={ipAddress}
                maxLength={45}
                placeholder="IPv4 或 IPv6，例如 203.0.113.10"
                onChange={(e) => setIpAddress(e.target.value)}
                {...invalid('newIpAddress')}
              />
              <FieldError id={`${p}-newIpAddress-error`} text={fields.newIpAddress} />
            </div>
          </>
        )}
      </div>
      {!selfBuilt && <p className="badge-section-text muted">挂标位置为网络红页时不填写英文域名和 IP 地址。</p>}
      <div className="field">
        <label htmlFor={`${p}-reason`}>变更原因（选填）</label>
        <textarea
          id={`${p}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...invalid('reason')}
        />
        <FieldError id={`${p}-reason-error`} text={fields.reason} />
      </div>
      <div className="badge-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          提交变更申请
        </button>
        <button type="button" className="button button-light" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}

export function BadgeCancelForm({ badge, onCancel, onDone }: FormProps) {
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const [busy, setBusy] = useState(false)
  const [, request] = useMutation(RequestBadgeCancellationMutation)
  const confirm = useConfirm()
  const p = `badge-${badge.id}-cancel`

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const text = reason.trim()
    if ([...text].length < 2) {
      setFailure({ message: '请填写注销原因', fields: { reason: '请填写 2-500 个字的注销原因' } })
      return
    }
    const question = `确定申请注销网站标识 ${badge.badgeNumber}（${badge.siteName}）吗？\n注销审核通过后，该标识立即失效，中文域名的 URL 转发将被删除；如需继续开办网站，须重新提交网站开办申请。`
    if (!(await confirm({ title: '申请注销网站标识', message: question, confirmLabel: '申请注销', danger: true })))
      return
    setBusy(true)
    const result = await request({ input: { badgeId: badge.id, version: badge.version, reason: text } })
    setBusy(false)
    if (result.error) setFailure(describeFailure(result.error))
    else onDone()
  }

  const fields = failure?.fields ?? {}
  return (
    <form className="badge-form" onSubmit={onSubmit} aria-labelledby={`${p}-title`} noValidate>
      <h3 className="badge-section-title" id={`${p}-title`}>
        申请注销
      </h3>
      <p className="badge-section-text muted">
        注销申请由同级编办审核，审核结果以短信和邮件通知。注销审核通过后，如需继续开办网站，请重新提交网站开办申请。
      </p>
      <ErrorNotice message={failure?.message} />
      <div className="field">
        <label htmlFor={`${p}-reason`}>注销原因</label>
        <textarea
          id={`${p}-reason`}
          rows={3}
          maxLength={500}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...(fields.reason ? { 'aria-invalid': true, 'aria-describedby': `${p}-reason-error` } : {})}
        />
        <FieldError id={`${p}-reason-error`} text={fields.reason} />
      </div>
      <div className="badge-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          提交注销申请
        </button>
        <button type="button" className="button button-light" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}
