'use client'
// 域名注销审核 (office): the 注销 requests of the office's same-level units, the pending ones first, each a card with
// the domain, the unit's reason and the dependents it agreed to cancel together. 通过 asks for confirmation naming
// what goes; 不通过 needs a note first. A request decided by someone else first, a domain the lifecycle job moved
// meanwhile, or dependents that changed since the unit filed come back as the API's Chinese message.
import { useMutation, useQuery } from 'urql'
import { useReviewDecisions } from '@/components/reviews/ReviewDecisions'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { daysSince, formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { DependentsList, hasDependents } from './DependentsList'
import styles from './DomainCancellations.module.css'
import { DOMAIN_CANCELLATION_STATUS_LABELS, DOMAIN_CANCELLATION_STATUS_TONES } from './labels'

export const DomainCancellationReviewQueueQuery = graphql(`
  query DomainCancellationReviewQueue($first: Int, $after: String) {
    domainCancellationReviewQueue(first: $first, after: $after) {
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
          cancelDependents
          requestedAt
          requestedByName
          reviewedAt
          reviewedByName
          reviewNote
          domain {
            id
            fullName
          }
          unit {
            id
            name
          }
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
    }
  }
`)

export const ReviewDomainCancellationMutation = graphql(`
  mutation ReviewDomainCancellation($input: ReviewDomainCancellationInput!) {
    reviewDomainCancellation(input: $input) {
      id
      status
      version
      reviewNote
      domain {
        id
        status
      }
    }
  }
`)

type Target = { id: string; version: number; unit: string; domain: string; goes: string }

export function DomainCancellationReviewQueue() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DomainCancellationReviewQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, review] = useMutation(ReviewDomainCancellationMutation)
  const decisions = useReviewDecisions<Target>({
    ask: (target, approve, note) => ({
      title: approve ? '审核通过' : '审核不通过',
      message: approve
        ? `确定审核通过${target.unit}注销域名 ${target.domain} 的申请吗？通过后域名立即停止解析并删除${target.goes ? `，${target.goes}一并注销` : ''}，不能撤销。`
        : `确定审核不通过${target.unit}注销域名 ${target.domain} 的申请吗？\n审核意见：${note}`,
    }),
    send: (target, approve, note) =>
      review({ input: { id: target.id, version: target.version, approve, note: note ?? null } }),
    done: (target, approve) =>
      resultMessage('reviewDomainCancellation', { fullName: target.domain, unit: target.unit, approved: approve }),
    refused: (failure) => describeFailure(failure).message,
    reload: () => refetch({ requestPolicy: 'network-only' }),
  })
  const connection = data?.domainCancellationReviewQueue
  const pendingCount = connection?.edges.filter(({ node }) => node.status === 'PENDING').length ?? 0

  return (
    <section className="panel" aria-labelledby="domain-cancel-review-title">
      <div className="panel-head">
        <h1 id="domain-cancel-review-title">域名注销审核</h1>
        {connection && (
          <span className="panel-meta" data-testid="domain-cancel-review-summary">
            本页待审核 <strong>{pendingCount}</strong> 个，共 {connection.totalCount} 个申请
          </span>
        )}
      </div>
      <ResultNotice result={decisions.message} testId="domain-cancel-review-result" />
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="domain-cancel-review-empty">暂无域名注销申请</EmptyState>
      ) : (
        <ul
          className={styles.list}
          aria-labelledby="domain-cancel-review-title"
          data-testid="domain-cancel-review-queue"
        >
          {connection.edges.map(({ node }) => {
            const goes = [
              node.dependents.badges.length ? `网站标识 ${node.dependents.badges.length} 个` : '',
              node.dependents.siteApplications.length
                ? `网站开办申请 ${node.dependents.siteApplications.length} 个`
                : '',
            ]
              .filter(Boolean)
              .join('、')
            const target = {
              id: node.id,
              version: node.version,
              unit: node.unit.name,
              domain: node.domain.fullName,
              goes,
            }
            const days = node.status === 'PENDING' ? daysSince(node.requestedAt) : null
            return (
              <li key={node.id} className={styles.item} data-testid={`domain-cancel-${node.id}`}>
                <div className={styles.itemHead}>
                  <div>
                    <strong>{node.domain.fullName}</strong>
                    <span className="muted"> · {node.unit.name}</span>
                    <p className="muted">
                      {formatDateTime(node.requestedAt)} 提交{node.requestedByName && `（${node.requestedByName}）`}
                      {days != null && (
                        <span className={days > 3 ? 'domain-overdue' : undefined}> · 已等待 {days} 天</span>
                      )}
                    </p>
                  </div>
                  <StatusTag tone={DOMAIN_CANCELLATION_STATUS_TONES[node.status]}>
                    {DOMAIN_CANCELLATION_STATUS_LABELS[node.status]}
                  </StatusTag>
                </div>
                <p className={styles.note}>注销原因：{node.reason}</p>
                <p className={styles.note}>
                  <strong>注销影响</strong>
                  {hasDependents(node.dependents) && node.cancelDependents && '（单位已同意一并注销）'}
                </p>
                <DependentsList dependents={node.dependents} testId={`domain-cancel-${node.id}-impact`} />
                {node.reviewedAt && (
                  <p className={`muted ${styles.note}`}>
                    {formatDateTime(node.reviewedAt)} {node.reviewedByName ?? ''} 审核
                    {node.reviewNote ? `，意见：${node.reviewNote}` : ''}
                  </p>
                )}
                {node.status === 'PENDING' && !decisions.isRejecting(target) && (
                  <div className={`${styles.actions} ${styles.note}`}>{decisions.buttons(target)}</div>
                )}
                {decisions.rejectForm(target)}
              </li>
            )
          })}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
