'use client'
// 网站开办审核 (office: 初审 of its same-level units and their 书面材料) and 网站复审 (CONAC), oldest first, with the
// days waited; each row opens the application, where the decision is made.
import Link from 'next/link'
import { useQuery } from 'urql'
import { SITE_APPLICATION_KIND_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { daysSince, formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import type { SiteApplicationStatus } from '@/graphql/generated/graphql'
import { SiteApplicationReviewQueueQuery } from './documents'

const TASK_TEXT: Partial<Record<SiteApplicationStatus, string>> = {
  PENDING_OFFICE_REVIEW: '待初审',
  PENDING_CONAC_REVIEW: '待复审',
  AWAITING_PAPER: '待确认书面材料',
}

export function SiteReviewQueue({ level, basePath }: { level: 'OFFICE' | 'CONAC'; basePath: string }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }] = useQuery({
    query: SiteApplicationReviewQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.siteApplicationReviewQueue
  const title = level === 'CONAC' ? '网站复审' : '网站开办审核'

  return (
    <section className="panel" aria-labelledby="site-queue-title">
      <div className="panel-head">
        <h1 id="site-queue-title">{title}</h1>
        {connection && (
          <span className="panel-meta" data-testid="site-queue-count">
            待办 <strong>{connection.totalCount}</strong> 件
          </span>
        )}
      </div>
      <p className="muted">
        {level === 'CONAC'
          ? '已通过同级编办初审、等待 CONAC 复审的网站开办申请，按提交时间排列。'
          : '本级单位的网站开办申请：初审（核对单位资质、联系人、网站名称、域名等信息），以及审核通过后党政机关、群团机关报送的书面材料确认。'}
      </p>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="site-queue-empty">暂无待办的网站开办申请</EmptyState>
      ) : (
        <TableScroll labelledBy="site-queue-title">
          <table className="table" data-testid="site-queue">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">申请单位</th>
                <th scope="col">网站名称</th>
                <th scope="col">中文域名</th>
                <th scope="col">申请类型</th>
                <th scope="col">待办事项</th>
                <th scope="col">提交时间</th>
                <th scope="col">已等待</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const days = daysSince(node.submittedAt)
                const resubmitted =
                  node.status !== 'AWAITING_PAPER' &&
                  node.reviewDecisions.some((decision) => decision.result === 'REJECTED')
                return (
                  <tr key={node.id}>
                    <td className="mono">{node.serialNumber}</td>
                    <td className="table-wrap-cell">
                      {node.unit.name}
                      <p className="muted">
                        {UNIT_TYPE_LABELS[node.unit.type]} · {node.unit.region.fullName}
                      </p>
                    </td>
                    <td className="table-wrap-cell">
                      {node.siteName}
                      {resubmitted && <span className="tag">重新提交</span>}
                    </td>
                    <td>{node.chineseDomain?.fullName ?? '—'}</td>
                    <td>{SITE_APPLICATION_KIND_LABELS[node.kind]}</td>
                    <td>
                      <StatusTag tone="warn" testId="site-task">
                        {TASK_TEXT[node.status] ?? node.status}
                      </StatusTag>
                    </td>
                    <td>{formatDateTime(node.submittedAt)}</td>
                    <td className={days != null && days > 3 ? 'domain-overdue' : undefined}>
                      {days == null ? '—' : `${days} 天`}
                    </td>
                    <td className="table-actions">
                      <Link href={`${basePath}/${node.id}`} className="button button-light">
                        {node.status === 'AWAITING_PAPER' ? '登记书面材料' : '查看并审核'}
                      </Link>
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
