'use client'
// 域名查询: the domains in the viewer's scope, by 审核状态 (编办审核通过, CONAC审核通过, …) and name or unit.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { ALabelLine } from '@/components/domainNames/DomainNameForms'
import { DOMAIN_STATUS_LABELS, DOMAIN_STATUS_TONES } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { DomainStatus } from '@/graphql/generated/graphql'

export const DomainSearchQuery = graphql(`
  query DomainSearch($first: Int, $after: String, $filter: DomainFilter) {
    domains(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          fullName
          aLabelName
          status
          years
          submittedAt
          expiresAt
          unit {
            id
            name
            region {
              code
              fullName
            }
          }
        }
      }
    }
  }
`)

const STATUS_OPTIONS = Object.entries(DOMAIN_STATUS_LABELS) as [DomainStatus, string][]

/** `dnsBasePath`: where a registered domain's DNS records can be read (the office's read-only 域名解析 page). */
export function DomainSearch({ dnsBasePath }: { dnsBasePath?: string } = {}) {
  const pages = useCursorPages()
  const [status, setStatus] = useState<DomainStatus | ''>('')
  const [search, setSearch] = useState('')
  const [expiresFrom, setExpiresFrom] = useState('')
  const [expiresTo, setExpiresTo] = useState('')
  const [applied, setApplied] = useState({
    status: '' as DomainStatus | '',
    search: '',
    expiresFrom: '',
    expiresTo: '',
  })
  // 到期时间 dates are days in China: from the start of the first day to the end of the last one.
  const filter = {
    ...(applied.status ? { statuses: [applied.status] } : {}),
    ...(applied.search ? { search: applied.search } : {}),
    ...(applied.expiresFrom ? { expiresFrom: new Date(`${applied.expiresFrom}T00:00:00+08:00`).toISOString() } : {}),
    ...(applied.expiresTo
      ? { expiresTo: new Date(new Date(`${applied.expiresTo}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() }
      : {}),
  }
  const [{ data, fetching, error }] = useQuery({
    query: DomainSearchQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  })
  const connection = data?.domains

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setApplied({ status, search: search.trim(), expiresFrom, expiresTo })
    pages.reset()
  }

  return (
    <section className="panel" aria-labelledby="domain-search-title">
      <div className="panel-head">
        <h1 id="domain-search-title">域名查询</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个</span>}
      </div>
      <form className="domain-filter" onSubmit={onSubmit} role="search">
        <div className="field">
          <label htmlFor="domain-status">审核状态</label>
          <select
            id="domain-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as DomainStatus | '')}
          >
            <option value="">全部</option>
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="domain-search">域名或单位名称</label>
          <input
            id="domain-search"
            type="search"
            value={search}
            maxLength={64}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="domain-expires-from">到期时间从</label>
          <input
            id="domain-expires-from"
            type="date"
            value={expiresFrom}
            onChange={(event) => setExpiresFrom(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="domain-expires-to">到</label>
          <input
            id="domain-expires-to"
            type="date"
            value={expiresTo}
            onChange={(event) => setExpiresTo(event.target.value)}
          />
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
        <EmptyState testId="domain-search-empty">暂无符合条件的域名</EmptyState>
      ) : (
        <TableScroll labelledBy="domain-search-title">
          <table className="table" data-testid="domain-search-results">
            <thead>
              <tr>
                <th scope="col">域名</th>
                <th scope="col">单位</th>
                <th scope="col">地区</th>
                <th scope="col">年限</th>
                <th scope="col">审核状态</th>
                <th scope="col">提交时间</th>
                <th scope="col">到期时间</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    {dnsBasePath && node.status === 'REGISTERED' ? (
                      <Link href={`${dnsBasePath}/${node.id}`} title="查看域名解析">
                        {node.fullName}
                      </Link>
                    ) : (
                      node.fullName
                    )}
                    <ALabelLine aLabelName={node.aLabelName} />
                  </td>
                  <td>{node.unit.name}</td>
                  <td>{node.unit.region.fullName}</td>
                  <td>{node.years} 年</td>
                  <td>
                    <StatusTag tone={DOMAIN_STATUS_TONES[node.status]}>{DOMAIN_STATUS_LABELS[node.status]}</StatusTag>
                  </td>
                  <td>{formatDate(node.submittedAt)}</td>
                  <td>{formatDate(node.expiresAt)}</td>
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
