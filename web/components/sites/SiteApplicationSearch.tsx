'use client'
// 网站申请查询 (office: its subtree; CONAC: all): the site applications by status, newest first.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { SITE_APPLICATION_STATUS_LABELS, SITE_APPLICATION_STATUS_TONES, UNIT_TYPE_LABELS } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import type { SiteApplicationStatus } from '@/graphql/generated/graphql'
import { SiteApplicationListQuery } from './documents'

const STATUS_OPTIONS = Object.entries(SITE_APPLICATION_STATUS_LABELS) as [SiteApplicationStatus, string][]
const KIND_SHORT = { NEW_SITE: '新开办', RE_REVIEW: '复核' } as const

export function SiteApplicationSearch({ basePath }: { basePath: string }) {
  const pages = useCursorPages()
  const [status, setStatus] = useState<SiteApplicationStatus | ''>('')
  const [applied, setApplied] = useState<SiteApplicationStatus | ''>('')
  const filter = applied ? { statuses: [applied] } : null
  const [{ data, fetching, error }] = useQuery({
    query: SiteApplicationListQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.siteApplications

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setApplied(status)
    pages.reset()
  }

  return (
    <section className="panel" aria-labelledby="site-search-title">
      <div className="panel-head">
        <h1 id="site-search-title">网站申请查询</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个</span>}
      </div>
      <form className="domain-filter site-filter" onSubmit={onSubmit} role="search">
        <div className="field">
          <label htmlFor="site-status-filter">申请状态</label>
          <select
            id="site-status-filter"
            value={status}
            onChange={(event) => setStatus(event.target.value as SiteApplicationStatus | '')}
          >
            <option value="">全部</option>
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            查询
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="site-search-empty">暂无符合条件的网站开办申请</EmptyState>
      ) : (
        <TableScroll labelledBy="site-search-title">
          <table className="table" data-testid="site-search-results">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">申请单位</th>
                <th scope="col">网站名称</th>
                <th scope="col">中文域名</th>
                <th scope="col">类型</th>
                <th scope="col">状态</th>
                <th scope="col">提交时间</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="mono">
                    {/* The number opens the application: no 操作 column to push off the panel's edge. */}
                    <Link href={`${basePath}/${node.id}`} aria-label={`查看申请 ${node.serialNumber}`}>
                      {node.serialNumber}
                    </Link>
                  </td>
                  <td className="table-wrap-cell">
                    {node.unit.name}
                    <p className="muted">
                      {UNIT_TYPE_LABELS[node.unit.type]} · {node.unit.region.fullName}
                    </p>
                  </td>
                  <td className="table-wrap-cell">{node.siteName || <span className="muted">（未填写）</span>}</td>
                  <td>{node.chineseDomain?.fullName ?? '—'}</td>
                  <td>{KIND_SHORT[node.kind]}</td>
                  <td>
                    <StatusTag tone={SITE_APPLICATION_STATUS_TONES[node.status]} testId="site-status">
                      {SITE_APPLICATION_STATUS_LABELS[node.status]}
                    </StatusTag>
                    {node.badge && <p className="muted mono">标识 {node.badge.badgeNumber}</p>}
                  </td>
                  <td>{formatDate(node.submittedAt)}</td>
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
