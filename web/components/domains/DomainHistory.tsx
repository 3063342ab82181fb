'use client'
// 域名历史查询: review decisions on the domains in the viewer's scope, newest first; 审核未通过 by default, with
// the reason. They stay here after the unit edits and resubmits.
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { DOMAIN_STATUS_LABELS } from '@/components/labels'
import { TableScroll } from '@/components/ui/TableScroll'
import { graphql } from '@/graphql/generated'
import type { ReviewLevel, ReviewResult } from '@/graphql/generated/graphql'
import { describeDomainError, formatDateTime } from './errors'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from './Pager'

export const DomainHistoryQuery = graphql(`
  query DomainHistory($first: Int, $after: String, $filter: DomainDecisionFilter) {
    domainReviewDecisions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          level
          result
          reason
          decidedAt
          reviewerName
          domainNameAtDecision
          office {
            id
            name
          }
          domain {
            id
            fullName
            status
            unit {
              id
              name
            }
          }
        }
      }
    }
  }
`)

const LEVEL_LABELS: Record<ReviewLevel, string> = { OFFICE: '编办审核', CONAC: 'CONAC审核', PAPER: '书面材料确认' }
const RESULT_LABELS: Record<ReviewResult, string> = { APPROVED: '通过', REJECTED: '不通过' }

export function DomainHistory() {
  const pages = useCursorPages()
  const [result, setResult] = useState<ReviewResult | ''>('REJECTED')
  const [search, setSearch] = useState('')
  const [applied, setApplied] = useState<{ result: ReviewResult | ''; search: string }>({ result: 'REJECTED', search: '' })
  const filter = { ...(applied.result ? { result: applied.result } : {}), ...(applied.search ? { search: applied.search } : {}) }
  const [{ data, fetching, error }] = useQuery({ query: DomainHistoryQuery, variables: { first: PAGE_SIZE, after: pages.after, filter } })
  const connection = data?.domainReviewDecisions

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setApplied({ result, search: search.trim() })
    pages.reset()
  }

  return (
    <section className="panel" aria-labelledby="domain-history-title">
      <div className="panel-head">
        <h1 id="domain-history-title">域名历史查询</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 条审核记录</span>}
      </div>
      <form className="domain-filter" onSubmit={onSubmit} role="search">
        <div className="field">
          <label htmlFor="history-result">审核结果</label>
          <select id="history-result" value={result} onChange={(event) => setResult(event.target.value as ReviewResult | '')}>
            <option value="REJECTED">审核未通过</option>
            <option value="APPROVED">审核通过</option>
            <option value="">全部</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-search">域名或单位名称</label>
          <input id="history-search" type="search" value={search} maxLength={64} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            查询
          </button>
        </div>
      </form>
      {error && (
        <p className="notice notice-error" role="alert">
          {describeDomainError(error).message}
        </p>
      )}
      {!connection ? (
        <p className="muted">{fetching ? '加载中…' : ''}</p>
      ) : connection.edges.length === 0 ? (
        <p className="empty" data-testid="domain-history-empty">
          暂无审核记录
        </p>
      ) : (
        <TableScroll label="审核记录">
          <table className="table" data-testid="domain-history">
            <thead>
              <tr>
                <th scope="col">域名</th>
                <th scope="col">单位</th>
                <th scope="col">审核环节</th>
                <th scope="col">结果</th>
                <th scope="col">原因</th>
                <th scope="col">审核机构</th>
                <th scope="col">审核时间</th>
                <th scope="col">当前状态</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    {node.domain?.fullName ?? '—'}
                    {node.domain && node.domainNameAtDecision && !node.domain.fullName.startsWith(`${node.domainNameAtDecision}.`) && (
                      <p className="muted">审核时名称：{node.domainNameAtDecision}</p>
                    )}
                  </td>
                  <td>{node.domain?.unit.name ?? '—'}</td>
                  <td>{LEVEL_LABELS[node.level]}</td>
                  <td>
                    <span className={node.result === 'APPROVED' ? 'status status-ok' : 'status status-off'}>{RESULT_LABELS[node.result]}</span>
                  </td>
                  <td className="domain-reason">{node.reason ?? '—'}</td>
                  <td>
                    {node.office.name}
                    <p className="muted">{node.reviewerName}</p>
                  </td>
                  <td>{formatDateTime(node.decidedAt)}</td>
                  <td>{node.domain ? DOMAIN_STATUS_LABELS[node.domain.status] : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && (
        <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />
      )}
    </section>
  )
}
