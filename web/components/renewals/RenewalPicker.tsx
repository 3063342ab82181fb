'use client'
// 续费: registered (or expired) domains with their expiry dates; tick several, choose the years, and 提交续费申请
// shows the count and the total (from the API's price list) before anything is written. A unit sees its own
// domains with 即将到期 / 已过期 tabs; an office queries its subtree by an expiry date range.
import { useMemo, useState } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate, formatYuan } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainFilter, DomainStatus, RenewalQuoteQuery } from '@/graphql/generated/graphql'
import { DOMAIN_STATUS_LABELS } from '@/components/labels'
import { RENEWAL_STATUS_LABELS } from '../fees/format'

export const RenewableDomainsQuery = graphql(`
  query RenewableDomains($filter: DomainFilter) {
    domains(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          fullName
          status
          expiresAt
          unit {
            id
            name
          }
          openRenewal {
            id
            status
            years
          }
        }
      }
    }
  }
`)

export const RenewalQuoteDocument = graphql(`
  query RenewalQuote($domainIds: [ID!]!, $years: Int!) {
    renewalQuote(domainIds: $domainIds, years: $years) {
      count
      totalFen
      items {
        feeFen
        domain {
          id
          fullName
        }
      }
    }
  }
`)

export const RequestRenewalDocument = graphql(`
  mutation RequestRenewal($input: RequestRenewalInput!) {
    requestRenewal(input: $input) {
      count
      totalFen
      renewals {
        id
        status
      }
    }
  }
`)

type Tab = 'all' | 'soon' | 'expired'
/** What a unit may renew itself (宽限期 included); in 赎回期 only its office renews (the API says the same). */
const UNIT_RENEWABLE: DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE']
const OFFICE_RENEWABLE: DomainStatus[] = [...UNIT_RENEWABLE, 'REDEMPTION']
/** Shown by name next to the expiry date. */
const AFTER_EXPIRY: DomainStatus[] = ['GRACE', 'REDEMPTION']
const DAY = 86_400_000

function toDateInput(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function RenewalPicker({ mode }: { mode: 'unit' | 'office' }) {
  const client = useClient()
  const [tab, setTab] = useState<Tab>('all')
  const [from, setFrom] = useState(() => toDateInput(new Date()))
  const [to, setTo] = useState(() => toDateInput(new Date(Date.now() + 90 * DAY)))
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const filter = useMemo<DomainFilter>(() => {
    const now = new Date()
    if (mode === 'office') {
      return range
        ? {
            statuses: OFFICE_RENEWABLE,
            expiresFrom: new Date(`${range.from}T00:00:00+08:00`).toISOString(),
            expiresTo: new Date(new Date(`${range.to}T00:00:00+08:00`).getTime() + DAY).toISOString(),
          }
        : { statuses: OFFICE_RENEWABLE }
    }
    if (tab === 'soon')
      return {
        statuses: ['REGISTERED'],
        expiresFrom: now.toISOString(),
        expiresTo: new Date(now.getTime() + 30 * DAY).toISOString(),
      }
    if (tab === 'expired') return { statuses: UNIT_RENEWABLE, expiresTo: now.toISOString() }
    return { statuses: UNIT_RENEWABLE }
  }, [mode, tab, range])
  const [{ data, fetching, error }, refetch] = useQuery({ query: RenewableDomainsQuery, variables: { filter } })
  const [, request] = useMutation(RequestRenewalDocument)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [years, setYears] = useState(1)
  const [quote, setQuote] = useState<RenewalQuoteQuery['renewalQuote'] | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const rows = data?.domains.edges.map((e) => e.node) ?? []

  function toggle(id: string) {
    setQuote(null)
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  async function askQuote() {
    if (!selected.size) return setMessage({ text: '请勾选要续费的域名', error: true })
    setBusy(true)
    const result = await client
      .query(RenewalQuoteDocument, { domainIds: [...selected], years }, { requestPolicy: 'network-only' })
      .toPromise()
    setBusy(false)
    if (result.error) return setMessage({ text: readableErrorText(result.error), error: true })
    setMessage(null)
    setQuote(result.data!.renewalQuote)
  }

  async function submit() {
    setBusy(true)
    const result = await request({ input: { domainIds: [...selected], years } })
    setBusy(false)
    setQuote(null)
    if (result.error) {
      setMessage({ text: readableErrorText(result.error), error: true })
    } else {
      const r = result.data!.requestRenewal
      setMessage({ text: resultMessage('requestRenewal', { count: r.count, totalFen: r.totalFen }), error: false })
      setSelected(new Set())
    }
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="renewals-title">
      <div className="panel-head">
        <h1 id="renewals-title">续费</h1>
        {mode === 'unit' ? (
          <div className="fees-tabs" role="tablist">
            {(
              [
                ['all', '全部'],
                ['soon', '即将到期（30天）'],
                ['expired', '已过期'],
              ] as const
            ).map(([value, label]) => (
              <button
                key={value}
                type="button"
                role="tab"
                aria-selected={tab === value}
                className={tab === value ? 'button button-primary' : 'button button-light'}
                onClick={() => {
                  setTab(value)
                  setSelected(new Set())
                  setQuote(null)
                }}
              >
                {label}
              </button>
            ))}
          </div>
        ) : (
          <form
            className="fees-range"
            onSubmit={(e) => {
              e.preventDefault()
              setRange({ from, to })
              setSelected(new Set())
              setQuote(null)
            }}
          >
            <label>
              到期时间 <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              至 <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            <button type="submit" className="button button-primary">
              查询
            </button>
            {range && (
              <button type="button" className="button button-light" onClick={() => setRange(null)}>
                全部
              </button>
            )}
          </form>
        )}
      </div>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState>没有符合条件的域名</EmptyState>
      ) : (
        <TableScroll labelledBy="renewals-title">
          <table className="table" data-testid="renewable-domains">
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">域名</th>
                {mode === 'office' && <th scope="col">单位</th>}
                <th scope="col">到期时间</th>
                <th scope="col">续费状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((node) => {
                // eslint-disable-next-line react-hooks/purity -- 已过期 means expired by the clock at this render
                const expired = node.expiresAt != null && new Date(node.expiresAt).getTime() < Date.now()
                return (
                  <tr key={node.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`选择 ${node.fullName}`}
                        disabled={!!node.openRenewal || busy}
                        checked={selected.has(node.id)}
                        onChange={() => toggle(node.id)}
                      />
                    </td>
                    <td>{node.fullName}</td>
                    {mode === 'office' && <td>{node.unit.name}</td>}
                    <td className={expired ? 'domain-overdue' : undefined}>
                      {formatDate(node.expiresAt)}
                      {AFTER_EXPIRY.includes(node.status)
                        ? `（${DOMAIN_STATUS_LABELS[node.status]}）`
                        : expired
                          ? '（已过期）'
                          : ''}
                    </td>
                    <td>
                      {node.openRenewal
                        ? `${RENEWAL_STATUS_LABELS[node.openRenewal.status]}（${node.openRenewal.years}年）`
                        : '—'}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="fees-actions">
        <label>
          续费年限{' '}
          <select
            value={years}
            onChange={(e) => {
              setYears(Number(e.target.value))
              setQuote(null)
            }}
          >
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n} 年
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-primary" disabled={busy || !selected.size} onClick={askQuote}>
          提交续费申请
        </button>
        <span className="muted">已选 {selected.size} 个</span>
      </div>
      {quote && (
        <div className="notice notice-warning fees-confirm" role="status" data-testid="renewal-confirm">
          <p>
            确认为 <strong>{quote.count}</strong> 个域名续费 {years} 年，共{' '}
            <strong>{formatYuan(quote.totalFen)}</strong> 元？
          </p>
          <ul>
            {quote.items.map((item) => (
              <li key={item.domain.id}>
                {item.domain.fullName}：{formatYuan(item.feeFen)} 元
              </li>
            ))}
          </ul>
          <div className="fees-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={submit}>
              确认提交
            </button>
            <button type="button" className="button button-light" disabled={busy} onClick={() => setQuote(null)}>
              取消
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
