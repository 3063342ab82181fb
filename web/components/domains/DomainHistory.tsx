'use client'
// 域名历史查询: review decisions on the domains in the viewer's scope, newest first; 审核未通过 by default, with
// the reason. They stay here after the unit edits and resubmits, each against the name the domain had when it was
// decided (and the name it has now, where a resubmission changed it).
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { DOMAIN_STATUS_LABELS, DOMAIN_SUFFIX_LABELS } from '@/components/labels'
import { REVIEW_RESULT_TEXT, REVIEW_RESULT_TONES } from '@/components/reviews/ReviewHistory'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { DomainSuffix, ReviewResult } from '@/graphql/generated/graphql'
import { DOMAIN_REVIEW_LEVEL_TEXT } from './review'

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
            suffix
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

export function DomainHistory() {
  const pages = useCursorPages()
  const [result, setResult] = useState<ReviewResult | ''>('REJECTED')
  const [search, setSearch] = useState('')
  const [applied, setApplied] = useState<{ result: ReviewResult | ''; search: string }>({
    result: 'REJECTED',
    search: '',
  })
  const filter = {
    ...(applied.result ? { result: applied.result } : {}),
    ...(applied.search ? { search: applied.search } : {}),
  }
  const [{ data, fetching, error }] = useQuery({
    query: DomainHistoryQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  })
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
          <select
            id="history-result"
            value={result}
            onChange={(event) => setResult(event.target.value as ReviewResult | '')}
          >
            <option value="REJECTED">审核未通过</option>
            <option value="APPROVED">审核通过</option>
            <option value="">全部</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-search">域名或单位名称</label>
          <input
            id="history-search"
            type="search"
            value={search}
            maxLength={64}
            onChange={(event) => setSearch(event.target.value)}
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
        <EmptyState testId="domain-history-empty">暂无审核记录</EmptyState>
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
                  <td data-testid="history-domain">
                    <DecidedName decision={node} />
                  </td>
                  <td>{node.domain?.unit.name ?? '—'}</td>
                  <td>{DOMAIN_REVIEW_LEVEL_TEXT[node.level]}</td>
                  <td>
                    <StatusTag tone={REVIEW_RESULT_TONES[node.result]}>{REVIEW_RESULT_TEXT[node.result]}</StatusTag>
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
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}

interface DecisionOnDomain {
  /** The label (without suffix) when decided; null where an old decision's audit trail did not tell. */
  domainNameAtDecision?: string | null
  domain?: { fullName: string; suffix: DomainSuffix } | null
}

/** The name the domain had when the decision was made; the name it has now below it where that differs. */
function DecidedName({ decision }: { decision: DecisionOnDomain }) {
  const { domain, domainNameAtDecision } = decision
  if (!domain) return <>—</>
  if (domainNameAtDecision == null) {
    return (
      <>
        {domain.fullName}
        <p className="muted">审核时名称未记录</p>
      </>
    )
  }
  const decided = `${domainNameAtDecision}${DOMAIN_SUFFIX_LABELS[domain.suffix]}`
  return (
    <>
      {decided}
      {decided !== domain.fullName && <p className="muted">现名称：{domain.fullName}</p>}
    </>
  )
}
