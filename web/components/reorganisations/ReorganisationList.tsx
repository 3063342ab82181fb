'use client'
// 机构改革 (office): the requests the office filed or reviews, newest first, with their status; 新建 opens the wizard.
import Link from 'next/link'
import { useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { ReorganisationListQuery } from './documents'
import { KIND_LABELS, STATUS_LABELS, STATUS_TONES } from './labels'

export function ReorganisationList({ basePath, mayPropose }: { basePath: string; mayPropose: boolean }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }] = useQuery({
    query: ReorganisationListQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.unitReorganisations
  return (
    <section className="panel" aria-labelledby="reorganisations-title">
      <div className="panel-head">
        <h1 id="reorganisations-title">机构改革</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个申请</span>}
        {mayPropose && (
          <Link className="button button-primary" href={`${basePath}/new`} data-testid="reorganisation-new">
            新建机构改革申请
          </Link>
        )}
      </div>
      <p className="muted">
        单位更名、合并、拆分或撤销时，由单位所在地编办提交申请，列明每个域名、网站标识、网站开办申请、微网站和用户的去向；本辖区内由本编办另一名审核员审核，跨区域由上级编办审核。审核通过后立即按方案实施。
      </p>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="reorganisations-empty">暂无机构改革申请</EmptyState>
      ) : (
        <TableScroll labelledBy="reorganisations-title">
          <table className="table" data-testid="reorganisations">
            <thead>
              <tr>
                <th scope="col" className="num">
                  编号
                </th>
                <th scope="col">类型</th>
                <th scope="col">原单位</th>
                <th scope="col">生效日期</th>
                <th scope="col">审核编办</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-testid={`reorganisation-row-${node.id}`}>
                  <td className="num">{node.id}</td>
                  <td>{KIND_LABELS[node.kind]}</td>
                  <td>{node.sourceUnitNames.join('、')}</td>
                  <td>{node.effectiveDate}</td>
                  <td>{node.reviewOffice.name}</td>
                  <td>
                    <StatusTag tone={STATUS_TONES[node.status]}>{STATUS_LABELS[node.status]}</StatusTag>
                  </td>
                  <td>
                    <Link href={`${basePath}/${node.id}`}>{node.viewerMayReview ? '审核' : '查看'}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
