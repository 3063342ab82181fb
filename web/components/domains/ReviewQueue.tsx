'use client'
// 待审核域名 (office) and CONAC 审核: the viewer's queue, oldest first, with the age in days; 通过 asks for
// confirmation, 不通过 opens a reason box first. A decision someone else made first comes back as a conflict.
// An application that was sent back and resubmitted says so, with what changed since it was sent back and every
// earlier decision (the same view as a resubmitted site application).
import { useMutation, useQuery } from 'urql'
import { UNIT_TYPE_LABELS } from '@/components/labels'
import { decisionInput, useReviewDecisions } from '@/components/reviews/ReviewDecisions'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { daysSince, formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { ResubmissionRow } from './ResubmissionRow'

export const DomainReviewQueueQuery = graphql(`
  query DomainReviewQueue($first: Int, $after: String) {
    domainReviewQueueSummary {
      pending
      oldestSubmittedAt
      overThreeDays
    }
    domainReviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          fullName
          years
          version
          status
          submittedAt
          awaitingReviewSince
          submittedByOffice {
            id
            name
          }
          unit {
            id
            name
            type
            region {
              code
              fullName
            }
          }
          reviewDecisions {
            id
            level
            result
            reason
            decidedAt
            reviewerName
            office {
              id
              name
            }
          }
          changesSinceLastRejection {
            field
            before
            after
          }
        }
      }
    }
  }
`)

export const ReviewDomainMutation = graphql(`
  mutation ReviewDomain($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)

type Target = { id: string; version: number; fullName: string }

export function ReviewQueue({ level }: { level: 'OFFICE' | 'CONAC' }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DomainReviewQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, review] = useMutation(ReviewDomainMutation)
  const levelText = level === 'CONAC' ? 'CONAC审核' : '编办审核'
  const decisions = useReviewDecisions<Target>({
    ask: (target, approve, note) => ({
      title: `${levelText}${approve ? '通过' : '不通过'}`,
      message: approve
        ? `确定 ${levelText}通过 ${target.fullName} 吗？`
        : `确定 ${levelText}不通过 ${target.fullName} 吗？原因：${note}`,
    }),
    send: (target, approve, note) => review({ input: decisionInput(target, approve, note) }),
    done: (target, approve) =>
      resultMessage('reviewDomain', { fullName: target.fullName, review: levelText, approved: approve }),
    reload: () => refetch({ requestPolicy: 'network-only' }),
  })
  const summary = data?.domainReviewQueueSummary
  const connection = data?.domainReviewQueue

  return (
    <section className="panel" aria-labelledby="review-queue-title">
      <div className="panel-head">
        <h1 id="review-queue-title">{level === 'CONAC' ? 'CONAC 审核' : '待审核域名'}</h1>
        {summary && (
          <span className="panel-meta" data-testid="review-summary">
            待审核 <strong>{summary.pending}</strong> 个
            {summary.overThreeDays > 0 && (
              <>
                ，其中超过 3 天 <strong className="domain-overdue">{summary.overThreeDays}</strong> 个
              </>
            )}
            {summary.oldestSubmittedAt && <>，最早等待自 {formatDateTime(summary.oldestSubmittedAt)}</>}
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
        <EmptyState testId="review-queue-empty">暂无待审核域名</EmptyState>
      ) : (
        <TableScroll labelledBy="review-queue-title">
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th scope="col">域名</th>
                <th scope="col">申请单位</th>
                <th scope="col">年限</th>
                <th scope="col">{level === 'CONAC' ? '编办审核' : '提交时间'}</th>
                <th scope="col">已等待</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const days = daysSince(node.awaitingReviewSince)
                const officeDecision = [...node.reviewDecisions]
                  .reverse()
                  .find((d) => d.level === 'OFFICE' && d.result === 'APPROVED')
                const lastRejection = [...node.reviewDecisions].reverse().find((d) => d.result === 'REJECTED')
                const target = { id: node.id, version: node.version, fullName: node.fullName }
                return [
                  <tr key={node.id}>
                    <td>
                      <strong>{node.fullName}</strong>
                      {lastRejection && <span className="tag review-resubmitted-tag">重新提交</span>}
                      {node.submittedByOffice && <p className="muted">{node.submittedByOffice.name} 代为申请</p>}
                      {decisions.rejectForm(target)}
                    </td>
                    <td className="table-wrap-cell">
                      {node.unit.name}
                      <p className="muted">
                        {UNIT_TYPE_LABELS[node.unit.type]} · {node.unit.region.fullName}
                      </p>
                    </td>
                    <td>{node.years} 年</td>
                    {level === 'CONAC' && officeDecision ? (
                      <td className="table-wrap-cell" data-testid="office-decision">
                        {officeDecision.office.name}
                        <p className="muted">{formatDateTime(officeDecision.decidedAt)}</p>
                      </td>
                    ) : (
                      <td>{formatDateTime(node.submittedAt)}</td>
                    )}
                    <td className={days != null && days > 3 ? 'domain-overdue' : undefined}>
                      {days == null ? '—' : `${days} 天`}
                    </td>
                    <td className="domain-row-actions table-actions">{decisions.buttons(target)}</td>
                  </tr>,
                  lastRejection && (
                    <ResubmissionRow key={`${node.id}-resubmission`} domain={node} lastRejection={lastRejection} />
                  ),
                ]
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
