'use client'
// 标识变更审核 (office): the same-level units' pending change and cancellation requests, oldest first, each with
// before → after for every changed fact. 通过 asks for confirmation; 不通过 needs a reason first. A request someone
// else decided first comes back as a conflict: "该申请已被他人处理，请刷新".
import { useMutation, useQuery } from 'urql'
import { BADGE_CHANGE_KIND_LABELS, BADGE_PLACEMENT_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { decisionInput, useReviewDecisions } from '@/components/reviews/ReviewDecisions'
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
  const decisions = useReviewDecisions<Target>({
    ask: (target, approve, note) => ({
      title: approve ? '审核通过' : '审核不通过',
      message: approve
        ? `确定审核通过 ${target.label} 吗？通过后将立即生效。`
        : `确定审核不通过 ${target.label} 吗？原因：${note}`,
    }),
    send: (target, approve, note) => review({ input: decisionInput(target, approve, note) }),
    done: (target, approve) => resultMessage('reviewBadgeChange', { request: target.label, approved: approve }),
    refused: (error) => {
      const failure = describeFailure(error)
      return failure.code === 'CONFLICT' ? STALE_MESSAGE : failure.message
    },
    reload: () => refetch({ requestPolicy: 'network-only' }),
  })
  const connection = data?.badgeChangeReviewQueue

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
      <ResultNotice result={decisions.message} />
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
                      {decisions.rejectForm(target)}
                    </td>
                    <td>
                      {formatDateTime(node.requestedAt)}
                      {days != null && <p className={days > 3 ? 'domain-overdue' : 'muted'}>已等待 {days} 天</p>}
                    </td>
                    <td className="domain-row-actions table-actions">{decisions.buttons(target)}</td>
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
