'use client'
// 逾期未安装标识 (office: its own units and those below it) and 标识安装检测 (CONAC: the whole country, with the
// latest run's progress and 立即运行检测: InstallCheckRunProgress.tsx). Oldest deadline first.
import { useCallback } from 'react'
import { useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { lastCheckText, overdueDays } from './format'
import { InstallCheckRunPanel } from './InstallCheckRunProgress'

export const OverdueInstallationsQuery = graphql(`
  query OverdueInstallations($first: Int, $after: String) {
    overdueBadgeInstallations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          badgeNumber
          siteName
          englishDomain
          installDeadline
          lastCheckedAt
          unit {
            id
            name
            region {
              code
              fullName
            }
          }
          installChecks(first: 1) {
            id
            checkedAt
            httpStatus
            snippetFound
            detail
          }
        }
      }
    }
  }
`)

export function OverdueInstallations({ scope }: { scope: 'OFFICE' | 'CONAC' }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OverdueInstallationsQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const connection = data?.overdueBadgeInstallations
  const conac = scope === 'CONAC'
  const title = conac ? '标识安装检测' : '逾期未安装标识'
  const { reset } = pages
  // A run has ended: the list now reflects its results, from the first page.
  const runFinished = useCallback(() => {
    reset()
    refetch({ requestPolicy: 'network-only' })
  }, [reset, refetch])

  return (
    <section className="panel" aria-labelledby="overdue-installations-title">
      <div className="panel-head">
        <h1 id="overdue-installations-title">{title}</h1>
        {connection && (
          <span className="panel-meta" data-testid="overdue-count">
            逾期未安装 <strong>{connection.totalCount}</strong> 个
          </span>
        )}
      </div>
      <p className="muted install-intro">
        {conac
          ? '系统访问每个自建网站的首页，检查 </body> 之前是否有本网站的标识代码。下表为全国超过安装期限（发放后 5 个工作日）仍未检测到标识的网站。'
          : '本辖区内超过安装期限（标识发放后 5 个工作日）仍未检测到标识代码的自建网站，请督促相关单位尽快安装。'}
      </p>
      {conac && <InstallCheckRunPanel onFinished={runFinished} />}
      {conac && (
        <h2 className="install-overdue-title" id="overdue-list-title">
          逾期未安装的标识
        </h2>
      )}
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="overdue-empty">暂无逾期未安装的标识</EmptyState>
      ) : (
        <TableScroll labelledBy={conac ? 'overdue-list-title' : 'overdue-installations-title'}>
          <table className="table" data-testid="overdue-installations">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">网站名称</th>
                <th scope="col">英文域名</th>
                <th scope="col">标识编号</th>
                <th scope="col">安装期限</th>
                <th scope="col" className="num">
                  逾期天数
                </th>
                <th scope="col">最近检测</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const latest = node.installChecks[0]
                return (
                  <tr key={node.id}>
                    <td className="table-wrap-cell">
                      {node.unit.name}
                      <p className="muted">{node.unit.region.fullName}</p>
                    </td>
                    <td className="table-wrap-cell">{node.siteName}</td>
                    <td>{node.englishDomain ?? '—'}</td>
                    <td>{node.badgeNumber}</td>
                    <td>{formatDateTime(node.installDeadline)}</td>
                    <td className="num domain-overdue">{overdueDays(node.installDeadline)} 天</td>
                    <td className="table-wrap-cell">
                      {latest ? (
                        <>
                          {lastCheckText(latest)}
                          {latest.httpStatus != null && <span className="muted">（HTTP {latest.httpStatus}）</span>}
                          <p className="muted">{formatDateTime(latest.checkedAt)}</p>
                        </>
                      ) : (
                        <span className="muted">尚未检测</span>
                      )}
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
