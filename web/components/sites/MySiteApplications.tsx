'use client'
// 网站开办申请 (unit): the unit's applications, newest first, with their status, the reason of a rejection and the
// badge number once issued; 新建申请 opens the form.
import Link from 'next/link'
import { useQuery } from 'urql'
import { SITE_APPLICATION_STATUS_LABELS, SITE_APPLICATION_STATUS_TONES } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { SiteApplicationListQuery } from './documents'
import { REJECTED_STATUSES } from './format'

const KIND_SHORT = { NEW_SITE: '新开办', RE_REVIEW: '复核' } as const

export function MySiteApplications() {
  const pages = useCursorPages()
  const [{ data, fetching, error }] = useQuery({
    query: SiteApplicationListQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.siteApplications

  return (
    <section className="panel" aria-labelledby="my-sites-title">
      <div className="panel-head">
        <h1 id="my-sites-title">网站开办申请</h1>
        <span className="panel-meta">
          {connection && <>共 {connection.totalCount} 个　</>}
          <Link href="/unit/sites/new" className="button button-primary">
            新建申请
          </Link>
        </span>
      </div>
      <p className="muted">
        每个网站单独填写一份申请（网站开办审核/资格复核）。提交后由同级编办初审、CONAC
        复审；党政机关、群团机关审核通过后须报送书面材料，经编办确认后发放网站标识。
      </p>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="my-sites-empty">暂无网站开办申请，请点击“新建申请”填写。</EmptyState>
      ) : (
        <TableScroll labelledBy="my-sites-title">
          <table className="table" data-testid="my-sites">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">类型</th>
                <th scope="col">网站名称</th>
                <th scope="col">中文域名</th>
                <th scope="col">状态</th>
                <th scope="col">提交时间</th>
                <th scope="col">标识编号</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const rejection = REJECTED_STATUSES.includes(node.status)
                  ? [...node.reviewDecisions].reverse().find((d) => d.result === 'REJECTED')
                  : undefined
                const editable = node.status === 'DRAFT' || rejection != null
                return (
                  <tr key={node.id}>
                    <td className="mono">{node.serialNumber}</td>
                    <td>{KIND_SHORT[node.kind]}</td>
                    <td className="table-wrap-cell">
                      {node.siteName || <span className="muted">（未填写）</span>}
                      {rejection && (
                        <p className="domain-reason" data-testid="site-rejection-reason">
                          不通过原因：{rejection.reason}
                        </p>
                      )}
                    </td>
                    <td>{node.chineseDomain?.fullName ?? '—'}</td>
                    <td>
                      <StatusTag tone={SITE_APPLICATION_STATUS_TONES[node.status]} testId="site-status">
                        {SITE_APPLICATION_STATUS_LABELS[node.status]}
                      </StatusTag>
                    </td>
                    <td>{formatDate(node.submittedAt)}</td>
                    <td className="mono">{node.badge?.badgeNumber ?? '—'}</td>
                    <td className="table-actions">
                      <Link href={`/unit/sites/${node.id}`}>
                        {editable ? (node.status === 'DRAFT' ? '继续填写' : '修改并重新提交') : '查看'}
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
