'use client'
// 单位信息变更审核 (office): the requests of the office's same-level units, the pending ones first, each a card with
// its before → after side by side. 通过 asks for confirmation; 不通过 needs a note first, then confirmation. A request
// someone else decided first, or a name / credit code another unit took meanwhile, comes back as the API's
// Chinese message.
import { useMutation, useQuery } from 'urql'
import { UNIT_TYPE_LABELS } from '@/components/labels'
import { useReviewDecisions } from '@/components/reviews/ReviewDecisions'
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
  const decisions = useReviewDecisions<Target>({
    ask: (target, approve, note) => ({
      title: approve ? '审核通过' : '审核不通过',
      message: approve
        ? `确定审核通过${target.unit}的单位信息变更申请吗？通过后单位信息立即更新，网站标识核验页同步显示。`
        : `确定审核不通过${target.unit}的单位信息变更申请吗？\n审核意见：${note}`,
    }),
    send: (target, approve, note) =>
      review({ input: { id: target.id, version: target.version, approve, note: note ?? null } }),
    done: (target, approve) => resultMessage('reviewUnitChange', { unit: target.unit, approved: approve }),
    refused: (failure) => describeFailure(failure).message,
    reload: () => refetch({ requestPolicy: 'network-only' }),
  })
  const connection = data?.unitChangeReviewQueue
  const pendingCount = connection?.edges.filter(({ node }) => node.status === 'PENDING').length ?? 0

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
      <ResultNotice result={decisions.message} testId="unit-change-review-result" />
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
                {node.status === 'PENDING' && !decisions.isRejecting(target) && (
                  <div className={styles.actions}>{decisions.buttons(target)}</div>
                )}
                {decisions.rejectForm(target)}
              </UnitChangeItem>
            )
          })}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
