'use client'
// 标识变更审核 (office): the same-level units' pending change and cancellation requests, oldest first, each with
// before → after for every changed fact. 通过 asks for confirmation; 不通过 needs a reason first. A request someone
// else decided first comes back as a conflict: "该申请已被他人处理，请刷新".
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { BADGE_CHANGE_KIND_LABELS, BADGE_PLACEMENT_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { daysSince, formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { ChangeList } from './ChangeList'
import { STALE_MESSAGE } from './format'

export const BadgeChangeReviewQueueQuery = graphql(`
  query BadgeChangeReviewQueue($first: Int, $after: String) {
    badgeChangeReviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          version
          kind
          reason
          requestedAt
          requestedByName
          changes {
            field
            before
            after
          }
          badge {
            id
            badgeNumber
            siteName
            placement
            englishDomain
            verificationUrl
            chineseDomain {
              id
              fullName
            }
            unit {
              id
              name
              type
            }
          }
        }
      }
    }
  }
`)

export const ReviewBadgeChangeMutation = graphql(`
  mutation ReviewBadgeChange($input: ReviewBadgeChangeInput!) {
    reviewBadgeChange(input: $input) {
      id
      status
      version
    }
  }
`)

type Target = { id: string; version: number; label: string }

export function ChangeReviewQueue() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: BadgeChangeReviewQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, review] = useMutation(ReviewBadgeChangeMutation)
  const confirm = useConfirm()
  const [rejecting, setRejecting] = useState<Target | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const connection = data?.badgeChangeReviewQueue

  async function decide(target: Target, decision: 'APPROVE' | 'REJECT', why?: string) {
    const question =
      decision === 'APPROVE'
        ? `确定审核通过 ${target.label} 吗？通过后将立即生效。`
        : `确定审核不通过 ${target.label} 吗？原因：${why}`
    const approving = decision === 'APPROVE'
    if (
      !(await confirm({
        title: approving ? '审核通过' : '审核不通过',
        message: question,
        confirmLabel: approving ? '通过' : '不通过',
      }))
    )
      return
    setBusy(true)
    const result = await review({
      input: { id: target.id, version: target.version, decision, ...(why ? { reason: why } : {}) },
    })
    setBusy(false)
    if (result.error) {
      const failure = describeFailure(result.error)
      setMessage({ text: failure.code === 'CONFLICT' ? STALE_MESSAGE : failure.message, error: true })
    } else {
      setMessage({
        text: resultMessage('reviewBadgeChange', { request: target.label, approved: decision === 'APPROVE' }),
        error: false,
      })
      setRejecting(null)
      setReason('')
    }
    reload()
  }

  function onReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!rejecting) return
    const text = reason.trim()
    if ([...text].length < 2 || [...text].length > 500) {
      setMessage({ text: '请填写 2-500 个字的不通过原因', error: true })
      return
    }
    void decide(rejecting, 'REJECT', text)
  }

  return (
    <section className="panel" aria-labelledby="badge-review-title">
      <div className="panel-head">
        <h1 id="badge-review-title" className="badge-page-title">
          标识变更审核
        </h1>
        {connection && (
          <span className="panel-meta" data-testid="badge-review-summary">
            待审核 <strong>{connection.totalCount}</strong> 个
          </span>
        )}
      </div>
      <ResultNotice result={message} />
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="badge-review-empty">暂无待审核的标识变更或注销申请</EmptyState>
      ) : (
        <TableScroll labelledBy="badge-review-title">
          <table className="table" data-testid="badge-review-queue">
            <thead>
              <tr>
                <th scope="col">申请单位</th>
                <th scope="col">网站标识</th>
                <th scope="col">类型</th>
                <th scope="col">申请内容</th>
                <th scope="col">申请时间</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const kind = BADGE_CHANGE_KIND_LABELS[node.kind]
                const target = {
                  id: node.id,
                  version: node.version,
                  label: `${node.badge.unit.name}的标识${kind}申请（${node.badge.badgeNumber}）`,
                }
                const days = daysSince(node.requestedAt)
                return (
                  <tr key={node.id}>
                    <td className="table-wrap-cell">
                      {node.badge.unit.name}
                      <p className="muted">
                        {UNIT_TYPE_LABELS[node.badge.unit.type]}
                        {node.requestedByName && ` · ${node.requestedByName}`}
                      </p>
                    </td>
                    <td className="table-wrap-cell">
                      <a className="mono" href={node.badge.verificationUrl} target="_blank" rel="noopener noreferrer">
                        {node.badge.badgeNumber}
                      </a>
                      <p className="muted">
                        {node.badge.siteName} · {BADGE_PLACEMENT_LABELS[node.badge.placement]}
                        {node.badge.chineseDomain && ` · ${node.badge.chineseDomain.fullName}`}
                      </p>
                    </td>
                    <td>
                      <strong className={node.kind === 'CANCEL' ? 'badge-kind-cancel' : undefined}>{kind}</strong>
                    </td>
                    <td className="table-wrap-cell">
                      {node.kind === 'CANCEL' ? (
                        <p className="badge-reason">注销该网站标识</p>
                      ) : (
                        <ChangeList changes={node.changes} />
                      )}
                      {node.reason && <p className="muted badge-reason">原因：{node.reason}</p>}
                      {rejecting?.id === node.id && (
                        <form className="domain-form domain-form-inline" onSubmit={onReject}>
                          <div className="field">
                            <label htmlFor={`badge-reason-${node.id}`}>不通过原因</label>
                            <textarea
                              id={`badge-reason-${node.id}`}
                              rows={3}
                              maxLength={500}
                              value={reason}
                              onChange={(event) => setReason(event.target.value)}
                              autoFocus
                              required
                            />
                          </div>
                          <div className="actions">
                            <button type="submit" className="button button-primary" disabled={busy}>
                              提交不通过
                            </button>
                            <button type="button" className="button button-light" onClick={() => setRejecting(null)}>
                              取消
                            </button>
                          </div>
                        </form>
                      )}
                    </td>
                    <td>
                      {formatDateTime(node.requestedAt)}
                      {days != null && <p className={days > 3 ? 'domain-overdue' : 'muted'}>已等待 {days} 天</p>}
                    </td>
                    <td className="domain-row-actions table-actions">
                      <button
                        type="button"
                        className="button button-primary"
                        disabled={busy}
                        onClick={() => decide(target, 'APPROVE')}
                      >
                        通过
                      </button>
                      <button
                        type="button"
                        className="button button-light"
                        disabled={busy}
                        onClick={() => {
                          setRejecting(target)
                          setReason('')
                        }}
                      >
                        不通过
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
