'use client'
// 认款: CONAC confirms that a remittance arrived; the office's 帐户余额 is recharged by the amount and what it covers is
// charged at once, so the domains paid for are registered (or renewed) the same day. The table fits its panel at
// 1366 px (one 汇款单 column, cells that wrap) and keeps its 操作 column in view when it must scroll on a phone.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { StatusTag } from '@/components/ui/StatusTag'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { fenOf, formatDate, formatDateTime, formatYuan } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { ConacRemittancesQuery, RemittanceStatus } from '@/graphql/generated/graphql'
import { newIdempotencyKey } from './format'

export const ConacRemittancesDocument = graphql(`
  query ConacRemittances($status: RemittanceStatus) {
    remittances(first: 100, status: $status) {
      totalCount
      edges {
        node {
          id
          weekStart
          amountFen
          status
          version
          bankReference
          submittedAt
          confirmedAt
          office {
            id
            name
          }
          collections {
            id
            items {
              id
              amountFen
              chargedAt
            }
          }
        }
      }
    }
  }
`)

export const ConfirmRemittanceDocument = graphql(`
  mutation ConfirmRemittance($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
      version
      confirmedAt
      collections {
        id
        items {
          id
          amountFen
          chargedAt
        }
      }
    }
  }
`)

type Remittance = ConacRemittancesQuery['remittances']['edges'][number]['node']

/** What the daily charge or the charge right after 认款 has done with the remittance's items. */
function chargesOf(remittance: Pick<Remittance, 'collections'>) {
  const items = remittance.collections.flatMap((collection) => collection.items)
  const charged = items.filter((item) => item.chargedAt)
  const waitingFen = items.filter((item) => !item.chargedAt).reduce((sum, item) => sum + fenOf(item.amountFen), 0)
  return { items: items.length, charged: charged.length, waiting: items.length - charged.length, waitingFen }
}

const TABS = [
  ['SUBMITTED', '待认款'],
  ['CONFIRMED', '已认款'],
  [null, '全部'],
] as const

export function ConacRemittances() {
  const [status, setStatus] = useState<RemittanceStatus | null>('SUBMITTED')
  const [{ data, fetching, error }] = useQuery({ query: ConacRemittancesDocument, variables: { status } })
  const [, confirmRemittance] = useMutation(ConfirmRemittanceDocument)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  async function onConfirm(node: Remittance) {
    const message = `确认已收到 ${node.office.name} 的汇款 ${formatYuan(node.amountFen)} 元，并充值其帐户余额？充值后即按余额为其已收费的域名扣费。`
    if (!(await confirm({ title: '认款', message, confirmLabel: '认款' }))) return
    setBusy(true)
    const result = await confirmRemittance({
      input: { id: node.id, version: node.version, idempotencyKey: newIdempotencyKey() },
    })
    setBusy(false)
    const answer = result.data?.confirmRemittance
    setMessage(
      answer
        ? {
            text: resultMessage('confirmRemittance', {
              officeName: node.office.name,
              amountFen: node.amountFen,
              charges: chargesOf(answer),
            }),
            error: false,
          }
        : { text: result.error ? readableErrorText(result.error) : '认款失败，请刷新后重试', error: true },
    )
  }

  return (
    <section className="panel" aria-labelledby="conac-remittances-title">
      <div className="panel-head panel-head-wrap">
        <h1 id="conac-remittances-title">认款</h1>
        <div className="fees-tabs" role="tablist">
          {TABS.map(([value, label]) => (
            <button
              key={label}
              type="button"
              role="tab"
              aria-selected={status === value}
              className={status === value ? 'button button-primary' : 'button button-light'}
              onClick={() => setStatus(value)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {fetching && !data ? (
        <Loading />
      ) : (data?.remittances.edges.length ?? 0) === 0 ? (
        <EmptyState>暂无汇款单</EmptyState>
      ) : (
        <TableScroll labelledBy="conac-remittances-title">
          <table className="table table-fit" data-testid="conac-remittances">
            <thead>
              <tr>
                <th scope="col">汇款单</th>
                <th scope="col">编办</th>
                <th scope="col" className="num">
                  收费笔数
                </th>
                <th scope="col" className="num">
                  金额（元）
                </th>
                <th scope="col">状态</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {data!.remittances.edges.map(({ node }) => (
                <RemittanceRow key={node.id} node={node} busy={busy} onConfirm={onConfirm} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}

function RemittanceRow({
  node,
  busy,
  onConfirm,
}: {
  node: Remittance
  busy: boolean
  onConfirm: (node: Remittance) => void
}) {
  const charges = chargesOf(node)
  return (
    <tr>
      <td>
        <span className="mono">#{node.id}</span>
        <span className="table-subline">{formatDate(node.weekStart)} 起一周</span>
        <span className="table-subline">凭证号 {node.bankReference ?? '—'}</span>
      </td>
      <td className="table-wrap-cell">{node.office.name}</td>
      <td className="num">{node.collections.length}</td>
      <td className="num">{formatYuan(node.amountFen)}</td>
      <td>
        {node.status === 'CONFIRMED' ? (
          <>
            <StatusTag tone="ok">已认款</StatusTag>
            <span className="table-subline">{formatDateTime(node.confirmedAt)}</span>
            <span className="table-subline">
              {charges.waiting === 0
                ? `已扣费 ${charges.charged}/${charges.items} 项`
                : `已扣费 ${charges.charged}/${charges.items} 项，待扣 ${formatYuan(charges.waitingFen)} 元`}
            </span>
          </>
        ) : (
          <>
            <StatusTag tone="warn">待认款</StatusTag>
            <span className="table-subline">提交于 {formatDateTime(node.submittedAt)}</span>
          </>
        )}
      </td>
      <td className="table-actions">
        {node.status === 'SUBMITTED' ? (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => onConfirm(node)}>
            认款
          </button>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  )
}
