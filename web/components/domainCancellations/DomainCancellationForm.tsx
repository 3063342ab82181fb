'use client'
// 申请注销域名 (unit): what depends on the domain first (the impact the API will check again), then the reason and,
// when badges or site applications depend on it, 一并注销以下依赖项; 提交 asks for confirmation naming what goes.
// A changed impact, another open request on the domain or a domain that moved on comes back as the API's message.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { DOMAIN_STATUS_LABELS } from '@/components/labels'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainStatus } from '@/graphql/generated/graphql'
import { DependentsList, hasDependents } from './DependentsList'
import styles from './DomainCancellations.module.css'

export const DomainCancellationPageQuery = graphql(`
  query DomainCancellationPage($domainId: ID!) {
    domain(id: $domainId) {
      id
      fullName
      status
      pendingCancellation {
        id
      }
    }
    domainCancellationImpact(domainId: $domainId) {
      domainId
      fingerprint
      dependents {
        badges {
          id
          badgeNumber
          siteName
          placement
        }
        siteApplications {
          id
          serialNumber
          siteName
          status
        }
        microSite {
          title
          published
        }
        dnsRecords
        urlForwards
        variants
      }
    }
  }
`)

export const RequestDomainCancellationMutation = graphql(`
  mutation RequestDomainCancellation($input: RequestDomainCancellationInput!) {
    requestDomainCancellation(input: $input) {
      id
      status
      domain {
        id
        pendingCancellation {
          id
        }
      }
    }
  }
`)

const CANCELLABLE: DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION']

export function DomainCancellationForm({ domainId }: { domainId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DomainCancellationPageQuery,
    variables: { domainId },
    requestPolicy: 'network-only',
  })
  const [, request] = useMutation(RequestDomainCancellationMutation)
  const confirm = useConfirm()
  const [reason, setReason] = useState('')
  const [together, setTogether] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const domain = data?.domain
  const impact = data?.domainCancellationImpact
  const dependents = impact?.dependents
  const needsTogether = dependents ? hasDependents(dependents) : false

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!domain || !impact || !dependents) return
    const text = reason.trim()
    const length = [...text].length
    if (length < 2 || length > 500) {
      setFailure({ message: '请填写注销原因', fields: { reason: '请填写 2-500 个字的注销原因' } })
      return
    }
    if (needsTogether && !together) {
      setFailure({ message: '该域名仍有依赖项，须勾选“一并注销以下依赖项”后才能申请注销', fields: {} })
      return
    }
    const goes = [
      dependents.badges.length ? `网站标识 ${dependents.badges.length} 个` : '',
      dependents.siteApplications.length ? `网站开办申请 ${dependents.siteApplications.length} 个` : '',
    ]
      .filter(Boolean)
      .join('、')
    const message =
      `确定申请注销域名 ${domain.fullName} 吗？\n审核通过后域名立即停止解析并删除，不能再续费` +
      (goes ? `；${goes}将一并注销` : '') +
      '。名称保留期满后可被重新申请。'
    if (!(await confirm({ title: '申请注销域名', message, confirmLabel: '申请注销', danger: true }))) return
    setBusy(true)
    setFailure(null)
    const result = await request({
      input: {
        domainId: domain.id,
        reason: text,
        cancelDependents: needsTogether && together,
        impactFingerprint: impact.fingerprint,
      },
    })
    setBusy(false)
    if (result.error) {
      setFailure(describeFailure(result.error))
      refetch({ requestPolicy: 'network-only' })
    } else setDone(resultMessage('requestDomainCancellation', { fullName: domain.fullName }))
  }

  const fields = failure?.fields ?? {}
  return (
    <section className="panel" aria-labelledby="domain-cancel-title">
      <div className="panel-head">
        <h1 id="domain-cancel-title">申请注销域名</h1>
        <Link href="/unit/domains" className="panel-meta">
          返回我的域名
        </Link>
      </div>
      <ErrorNotice error={error} />
      {!data ? (
        fetching ? (
          <Loading />
        ) : null
      ) : !domain || !impact || !dependents ? null : done ? (
        <div className={styles.section}>
          <ResultNotice result={{ text: done, error: false }} testId="domain-cancel-result" />
        </div>
      ) : (
        <>
          <div className={styles.section}>
            <h2 className={styles.title}>
              {domain.fullName}
              <span className="muted">（{DOMAIN_STATUS_LABELS[domain.status]}）</span>
            </h2>
            {domain.pendingCancellation ? (
              <p className="notice notice-warning" data-testid="domain-cancel-pending">
                该域名已有待审核的注销申请，可在“我的域名”中撤回。
              </p>
            ) : !CANCELLABLE.includes(domain.status) ? (
              <p className="notice notice-warning">只有已注册、已过期或处于宽限期、赎回期的域名可以申请注销。</p>
            ) : null}
          </div>
          <div className={styles.section}>
            <h2 className={styles.title}>注销影响</h2>
            <DependentsList dependents={dependents} testId="domain-cancel-impact" />
          </div>
          {!domain.pendingCancellation && CANCELLABLE.includes(domain.status) && (
            <div className={styles.section}>
              <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby="domain-cancel-title">
                <ErrorNotice message={failure?.message} testId="domain-cancel-error" />
                <div className="field">
                  <label htmlFor="domain-cancel-reason">注销原因</label>
                  <textarea
                    id="domain-cancel-reason"
                    rows={3}
                    maxLength={500}
                    required
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    {...(fields.reason
                      ? { 'aria-invalid': true, 'aria-describedby': 'domain-cancel-reason-error' }
                      : {})}
                  />
                  {fields.reason && (
                    <p className="field-error" id="domain-cancel-reason-error">
                      {fields.reason}
                    </p>
                  )}
                </div>
                {needsTogether && (
                  <label className={styles.check}>
                    <input
                      type="checkbox"
                      checked={together}
                      onChange={(e) => setTogether(e.target.checked)}
                      data-testid="domain-cancel-together"
                    />
                    <span>一并注销以下依赖项：上方所列的网站标识和网站开办申请</span>
                  </label>
                )}
                <p className="muted">注销申请由同级编办审核，审核结果以短信和邮件通知。</p>
                <div className={styles.actions}>
                  <button type="submit" className="button button-primary" disabled={busy}>
                    提交注销申请
                  </button>
                  <Link href="/unit/domains" className="button button-light">
                    取消
                  </Link>
                </div>
              </form>
            </div>
          )}
        </>
      )}
    </section>
  )
}
