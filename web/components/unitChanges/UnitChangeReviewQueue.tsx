'use client'
// 单位信息变更审核 (office): the requests of the office's same-level units, the pending ones first, each a card with
// its before → after side by side. 通过 asks for confirmation; 不通过 needs a note first, then confirmation. A request
// someone else decided first, or a name / credit code another unit took meanwhile, comes back as the API's
// Chinese message.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { UNIT_TYPE_LABELS } from '@/components/labels'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { UnitChangeItem } from './UnitChangeItem'
import styles from './UnitChanges.module.css'

export const UnitChangeReviewQueueQuery = graphql(`
  query UnitChangeReviewQueue($first: Int, $after: String) {
    unitChangeReviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          version
          reason
          requestedAt
          requestedByName
          reviewedAt
          reviewedByName
          reviewNote
          changes {
            field
            before
            after
          }
          unit {
            id
            name
            type
            creditCode
          }
        }
      }
    }
  }
`)

export const ReviewUnitChangeMutation = graphql(`
  mutation ReviewUnitChange($input: ReviewUnitChangeInput!) {
    reviewUnitChange(input: $input) {
      id
      status
      version
      reviewNote
      unit {
        id
        name
        address
        version
      }
    }
  }
`)

type Target = { id: string; version: number; unit: string }

export function UnitChangeReviewQueue() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UnitChangeReviewQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, review] = useMutation(ReviewUnitChangeMutation)
  const confirm = useConfirm()
  const [rejecting, setRejecting] = useState<Target | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const connection = data?.unitChangeReviewQueue
  const pendingCount = connection?.edges.filter(({ node }) => node.status === 'PENDING').length ?? 0

  async function decide(target: Target, approve: boolean, why?: string) {
    const ok = await confirm({
      title: approve ? '审核通过' : '审核不通过',
      message: approve
        ? `确定审核通过${target.unit}的单位信息变更申请吗？通过后单位信息立即更新，网站标识核验页同步显示。`
        : `确定审核不通过${target.unit}的单位信息变更申请吗？\n审核意见：${why}`,
      confirmLabel: approve ? '通过' : '不通过',
    })
    if (!ok) return
    setBusy(true)
    const result = await review({ input: { id: target.id, version: target.version, approve, note: why ?? null } })
    setBusy(false)
    if (result.error) {
      setMessage({ text: describeFailure(result.error).message, error: true })
    } else {
      setMessage({ text: resultMessage('reviewUnitChange', { unit: target.unit, approved: approve }), error: false })
      setRejecting(null)
      setNote('')
    }
    reload()
  }

  function onReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!rejecting) return
    const text = note.trim()
    if ([...text].length < 2 || [...text].length > 500) {
      setMessage({ text: '请填写 2-500 个字的不通过原因', error: true })
      return
    }
    void decide(rejecting, false, text)
  }

  return (
    <section className="panel" aria-labelledby="unit-change-review-title">
      <div className="panel-head">
        <h1 id="unit-change-review-title">单位信息变更审核</h1>
        {connection && (
          <span className="panel-meta" data-testid="unit-change-review-summary">
            本页待审核 <strong>{pendingCount}</strong> 个，共 {connection.totalCount} 个申请
          </span>
        )}
      </div>
      <ResultNotice result={message} testId="unit-change-review-result" />
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="unit-change-review-empty">暂无单位信息变更申请</EmptyState>
      ) : (
        <ul className={styles.list} aria-labelledby="unit-change-review-title" data-testid="unit-change-review-queue">
          {connection.edges.map(({ node }) => {
            const target = { id: node.id, version: node.version, unit: node.unit.name }
            const title = (
              <>
                {node.unit.name}
                <span className="muted"> · {UNIT_TYPE_LABELS[node.unit.type]}</span>
              </>
            )
            return (
              <UnitChangeItem key={node.id} request={node} title={title}>
                {node.status === 'PENDING' && rejecting?.id !== node.id && (
                  <div className={styles.actions}>
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy}
                      onClick={() => decide(target, true)}
                    >
                      通过
                    </button>
                    <button
                      type="button"
                      className="button button-light"
                      disabled={busy}
                      onClick={() => {
                        setRejecting(target)
                        setNote('')
                      }}
                    >
                      不通过
                    </button>
                  </div>
                )}
                {rejecting?.id === node.id && (
                  <form className="domain-form domain-form-inline" onSubmit={onReject}>
                    <div className="field">
                      <label htmlFor={`unit-change-note-${node.id}`}>不通过原因</label>
                      <textarea
                        id={`unit-change-note-${node.id}`}
                        rows={3}
                        maxLength={500}
                        value={note}
                        onChange={(event) => setNote(event.target.value)}
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
              </UnitChangeItem>
            )
          })}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
