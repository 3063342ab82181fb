'use client'
// 汇款单: this week's collections not yet remitted, 提交汇款单 for the week, and the office's remittances.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { fenOf, formatDate, formatDateTime, formatYuan } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { mondayOf, newIdempotencyKey, REMITTANCE_STATUS_LABELS } from './format'

export const OfficeRemittancesDocument = graphql(`
  query OfficeRemittances {
    feeCollections(first: 100, unremitted: true) {
      totalCount
      edges {
        node {
          id
          amountFen
          invoiceCount
          collectedAt
          unit {
            name
          }
          office {
            id
            name
          }
        }
      }
    }
    remittances(first: 50) {
      totalCount
      edges {
        node {
          id
          weekStart
          amountFen
          status
          bankReference
          submittedAt
          confirmedAt
          office {
            name
          }
        }
      }
    }
  }
`)

export const CreateRemittanceDocument = graphql(`
  mutation CreateRemittance($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      amountFen
      status
      weekStart
    }
  }
`)

export function OfficeRemittances({ officeId }: { officeId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: OfficeRemittancesDocument })
  const [, create] = useMutation(CreateRemittanceDocument)
  const confirm = useConfirm()
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const [bankReference, setBankReference] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const monday = mondayOf()
  // monday is the week's Monday as a UTC date, so its Sunday is six days on (not "next Monday minus 1 ms", which
  // is already Monday morning in China time).
  const sunday = new Date(monday.getTime() + 6 * 86_400_000)
  // The office's own unremitted collections up to this week go into this week's remittance (the list also holds
  // the collections of offices below it, which they remit themselves).
  const thisWeek = (data?.feeCollections.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.office.id === officeId)
  const weekTotal = thisWeek.reduce((sum, node) => sum + fenOf(node.amountFen), 0)

  async function submit() {
    const message = `确认提交 ${formatDate(monday.toISOString())} 起一周的汇款单，共 ${thisWeek.length} 笔 ${formatYuan(weekTotal)} 元？`
    if (!(await confirm({ title: '提交汇款单', message, confirmLabel: '提交' }))) return
    setBusy(true)
    const result = await create({
      input: { weekStart: monday.toISOString(), bankReference: bankReference || null, idempotencyKey },
    })
    setBusy(false)
    if (result.error) {
      setMessage({ text: readableErrorText(result.error), error: true })
    } else {
      setMessage({
        text: resultMessage('createRemittance', { amountFen: result.data!.createRemittance.amountFen }),
        error: false,
      })
      setIdempotencyKey(newIdempotencyKey())
      setBankReference('')
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby="week-title">
        <div className="panel-head panel-head-wrap">
          <h1 id="week-title">待汇款收费（截至本周）</h1>
          <span className="panel-meta" data-testid="remittance-week">
            {formatDate(monday.toISOString())} — {formatDate(sunday.toISOString())}，合计{' '}
            <strong>{formatYuan(weekTotal)}</strong> 元
          </span>
        </div>
        <ErrorNotice error={error} />
        <ResultNotice result={message} />
        {fetching && !data ? (
          <Loading />
        ) : thisWeek.length === 0 ? (
          <EmptyState>暂无待汇款的收费</EmptyState>
        ) : (
          <>
            <TableScroll labelledBy="week-title">
              <table className="table" data-testid="unremitted-collections">
                <thead>
                  <tr>
                    <th scope="col">收费编号</th>
                    <th scope="col">单位</th>
                    <th scope="col">收费时间</th>
                    <th scope="col" className="num">
                      发票
                    </th>
                    <th scope="col" className="num">
                      金额（元）
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {thisWeek.map((node) => (
                    <tr key={node.id}>
                      <td>#{node.id}</td>
                      <td>{node.unit.name}</td>
                      <td>{formatDateTime(node.collectedAt)}</td>
                      <td className="num">{node.invoiceCount}</td>
                      <td className="num">{formatYuan(node.amountFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <div className="fees-actions">
              <div className="field">
                <label htmlFor="remit-reference">汇款凭证号（可选）</label>
                <input
                  id="remit-reference"
                  value={bankReference}
                  maxLength={64}
                  onChange={(e) => setBankReference(e.target.value)}
                />
              </div>
              <button type="button" className="button button-primary" disabled={busy} onClick={submit}>
                提交汇款单
              </button>
            </div>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="remittances-title">
        <div className="panel-head panel-head-wrap">
          <h2 id="remittances-title">已提交的汇款单</h2>
        </div>
        {(data?.remittances.edges.length ?? 0) === 0 ? (
          <EmptyState>暂无汇款单</EmptyState>
        ) : (
          <TableScroll labelledBy="remittances-title">
            <table className="table" data-testid="office-remittances">
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">编办</th>
                  <th scope="col">汇款周</th>
                  <th scope="col" className="num">
                    金额（元）
                  </th>
                  <th scope="col">凭证号</th>
                  <th scope="col">状态</th>
                  <th scope="col">认款时间</th>
                </tr>
              </thead>
              <tbody>
                {data!.remittances.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>#{node.id}</td>
                    <td>{node.office.name}</td>
                    <td>{formatDate(node.weekStart)}</td>
                    <td className="num">{formatYuan(node.amountFen)}</td>
                    <td>{node.bankReference ?? '—'}</td>
                    <td>{REMITTANCE_STATUS_LABELS[node.status]}</td>
                    <td>{formatDateTime(node.confirmedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  )
}
