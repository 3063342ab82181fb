'use client'
// 认款: CONAC confirms that a remittance arrived; the office's 帐户余额 is recharged by the amount.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { graphql } from '@/graphql/generated'
import type { RemittanceStatus } from '@/graphql/generated/graphql'
import { describeError, formatDate, formatDateTime, formatYuan, newIdempotencyKey, REMITTANCE_STATUS_LABELS } from './format'

export const ConacRemittancesDocument = graphql(`
  query ConacRemittances($status: RemittanceStatus) {
    remittances(first: 100, status: $status) {
      totalCount
      edges { node { id weekStart amountFen status version bankReference submittedAt confirmedAt office { id name } collections { id } } }
    }
  }
`)

export const ConfirmRemittanceDocument = graphql(`
  mutation ConfirmRemittance($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) { id status version confirmedAt }
  }
`)

export function ConacRemittances() {
  const [status, setStatus] = useState<RemittanceStatus | null>('SUBMITTED')
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConacRemittancesDocument, variables: { status } })
  const [, confirm] = useMutation(ConfirmRemittanceDocument)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  async function onConfirm(node: { id: string; version: number; amountFen: unknown; office: { name: string } }) {
    if (!window.confirm(`确认已收到 ${node.office.name} 的汇款 ${formatYuan(node.amountFen)} 元，并充值其帐户余额？`)) return
    setBusy(true)
    const result = await confirm({ input: { id: node.id, version: node.version, idempotencyKey: newIdempotencyKey() } })
    setBusy(false)
    setMessage(result.error ? { text: describeError(result.error), error: true } : { text: `已认款：${node.office.name} ${formatYuan(node.amountFen)} 元`, error: false })
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="conac-remittances-title">
      <div className="panel-head">
        <h1 id="conac-remittances-title">认款</h1>
        <div className="fees-tabs" role="tablist">
          {([['SUBMITTED', '待认款'], ['CONFIRMED', '已认款'], [null, '全部']] as const).map(([value, label]) => (
            <button key={label} type="button" role="tab" aria-selected={status === value} className={status === value ? 'button button-primary' : 'button button-light'} onClick={() => setStatus(value)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      {error && <p className="notice notice-error" role="alert">{describeError(error)}</p>}
      {message && <p className={message.error ? 'notice notice-error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {fetching && !data ? (
        <p className="muted">加载中…</p>
      ) : (data?.remittances.edges.length ?? 0) === 0 ? (
        <p className="empty">暂无汇款单</p>
      ) : (
        <TableScroll labelledBy="conac-remittances-title">
          <table className="table" data-testid="conac-remittances">
            <thead><tr><th scope="col">编号</th><th scope="col">编办</th><th scope="col">汇款周</th><th scope="col">收费笔数</th><th scope="col">金额（元）</th><th scope="col">凭证号</th><th scope="col">提交时间</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {data!.remittances.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>#{node.id}</td><td className="table-wrap-cell">{node.office.name}</td><td>{formatDate(node.weekStart)}</td><td>{node.collections.length}</td>
                  <td className="fees-amount">{formatYuan(node.amountFen)}</td><td>{node.bankReference ?? '—'}</td><td>{formatDateTime(node.submittedAt)}</td>
                  <td>{REMITTANCE_STATUS_LABELS[node.status]}{node.confirmedAt ? `（${formatDateTime(node.confirmedAt)}）` : ''}</td>
                  <td>{node.status === 'SUBMITTED' && <button type="button" className="button button-light" disabled={busy} onClick={() => onConfirm(node)}>认款</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
