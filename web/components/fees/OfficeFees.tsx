'use client'
// 单位收费: units in the office's scope that owe registration or renewal fees. 收费 opens a dialog with the
// items and their prices; the amount must match the price list total, then a confirmation step records it.
import { useMemo, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { describeInvoiceError } from '@/components/invoices/shared'
import { TableScroll } from '@/components/ui/TableScroll'
import { fenOf, formatDate, formatYuan, parseYuanToFen } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { UnitsAwaitingPaymentQuery } from '@/graphql/generated/graphql'
import { FEE_ITEM_KIND_LABELS, newIdempotencyKey } from './format'

export const UnitsAwaitingPaymentDocument = graphql(`
  query UnitsAwaitingPayment {
    unitsAwaitingPayment {
      amountDueFen
      canCollect
      unit {
        id
        name
        region {
          fullName
        }
      }
      items {
        kind
        years
        feeFen
        domain {
          id
          fullName
          expiresAt
        }
        renewal {
          id
        }
      }
    }
  }
`)

export const CollectFeeDocument = graphql(`
  mutation CollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
      invoiceCount
      collectedAt
    }
  }
`)

type Row = UnitsAwaitingPaymentQuery['unitsAwaitingPayment'][number]

export function OfficeFees() {
  const [{ data, fetching, error }] = useQuery({ query: UnitsAwaitingPaymentDocument })
  const [open, setOpen] = useState<Row | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const rows = data?.unitsAwaitingPayment ?? []

  return (
    <section className="panel" aria-labelledby="office-fees-title">
      <div className="panel-head panel-head-wrap">
        <h1 id="office-fees-title">单位收费</h1>
        <span className="panel-meta">
          待收费单位 <strong>{rows.length}</strong> 个
        </span>
      </div>
      <ErrorNotice error={error} />
      {message && (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      )}
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState>暂无待收费的单位</EmptyState>
      ) : (
        <TableScroll labelledBy="office-fees-title">
          <table className="table" data-testid="units-awaiting-payment">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">地区</th>
                <th scope="col">待缴项目</th>
                <th scope="col" className="num">
                  应收金额（元）
                </th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.unit.id}>
                  <td>{row.unit.name}</td>
                  <td>{row.unit.region.fullName}</td>
                  <td className="table-wrap-cell">
                    {row.items
                      .map((item) => `${item.domain.fullName}（${FEE_ITEM_KIND_LABELS[item.kind]}${item.years}年）`)
                      .join('、')}
                  </td>
                  <td className="num">{formatYuan(row.amountDueFen)}</td>
                  <td className="table-actions">
                    {row.canCollect ? (
                      <button
                        type="button"
                        className="button button-light"
                        onClick={() => {
                          setMessage(null)
                          setOpen(row)
                        }}
                      >
                        收费
                      </button>
                    ) : (
                      <span className="muted">由同级编办收费</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {open && (
        <CollectFeeDialog
          key={open.unit.id}
          row={open}
          onClose={() => setOpen(null)}
          onDone={(text) => {
            setOpen(null)
            setMessage(text)
          }}
        />
      )}
    </section>
  )
}

function CollectFeeDialog({
  row,
  onClose,
  onDone,
}: {
  row: Row
  onClose: () => void
  onDone: (message: string) => void
}) {
  // One key per dialog: a retry after a lost answer replays the first result instead of collecting twice.
  const [idempotencyKey] = useState(newIdempotencyKey)
  const [, collect] = useMutation(CollectFeeDocument)
  const itemKey = (item: Row['items'][number]) => (item.renewal ? `r${item.renewal.id}` : `d${item.domain.id}`)
  const [selected, setSelected] = useState<Set<string>>(() => new Set(row.items.map(itemKey)))
  const [amount, setAmount] = useState('')
  const [invoiceCount, setInvoiceCount] = useState('1')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const chosen = row.items.filter((item) => selected.has(itemKey(item)))
  const expectedFen = useMemo(() => chosen.reduce((sum, item) => sum + fenOf(item.feeFen), 0), [chosen])
  const amountFen = parseYuanToFen(amount)
  const invoices = /^\d{1,4}$/.test(invoiceCount) ? Number(invoiceCount) : null

  function toggle(key: string) {
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  }

  function review() {
    if (!chosen.length) return setProblem('请至少选择一项')
    if (amountFen == null) return setProblem('请输入金额（元，最多两位小数）')
    if (amountFen !== expectedFen) return setProblem(`金额与价格表不符：应收 ${formatYuan(expectedFen)} 元`)
    if (invoices == null || invoices > 1000) return setProblem('开具发票数量应为 0-1000')
    setProblem(null)
    setConfirming(true)
  }

  async function submit() {
    setBusy(true)
    const result = await collect({
      input: {
        unitId: row.unit.id,
        domainIds: chosen.filter((item) => !item.renewal).map((item) => item.domain.id),
        renewalIds: chosen.filter((item) => item.renewal).map((item) => item.renewal!.id),
        amountFen: amountFen!,
        invoiceCount: invoices!,
        idempotencyKey,
      },
    })
    setBusy(false)
    if (result.error) {
      setConfirming(false)
      setProblem(describeInvoiceError(result.error).message)
      return
    }
    onDone(resultMessage('collectFee', { unitName: row.unit.name, amountFen: result.data!.collectFee.amountFen }))
  }

  return (
    <div
      className="fees-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="collect-title"
      data-testid="collect-fee-dialog"
    >
      <div className="fees-dialog-body">
        <h3 id="collect-title">收费：{row.unit.name}</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">选择</th>
              <th scope="col">域名</th>
              <th scope="col">类型</th>
              <th scope="col">年限</th>
              <th scope="col" className="num">
                金额（元）
              </th>
            </tr>
          </thead>
          <tbody>
            {row.items.map((item) => (
              <tr key={itemKey(item)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`选择 ${item.domain.fullName}`}
                    checked={selected.has(itemKey(item))}
                    disabled={confirming}
                    onChange={() => toggle(itemKey(item))}
                  />
                </td>
                <td>
                  {item.domain.fullName}
                  {item.renewal && item.domain.expiresAt ? `（到期 ${formatDate(item.domain.expiresAt)}）` : ''}
                </td>
                <td>{FEE_ITEM_KIND_LABELS[item.kind]}</td>
                <td>{item.years}</td>
                <td className="num">{formatYuan(item.feeFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          应收合计：<strong data-testid="expected-total">{formatYuan(expectedFen)}</strong> 元
        </p>
        <div className="field">
          <label htmlFor="collect-amount">实收金额（元）</label>
          <input
            id="collect-amount"
            inputMode="decimal"
            value={amount}
            disabled={confirming}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="collect-invoices">开具发票数量</label>
          <input
            id="collect-invoices"
            inputMode="numeric"
            value={invoiceCount}
            disabled={confirming}
            onChange={(e) => setInvoiceCount(e.target.value)}
          />
        </div>
        <ErrorNotice message={problem} />
        {confirming ? (
          <div className="notice notice-warning" role="status">
            确认向 {row.unit.name} 收取 {chosen.length} 项费用共 <strong>{formatYuan(expectedFen)}</strong> 元，开具发票{' '}
            {invoices} 张？
          </div>
        ) : null}
        <div className="fees-actions">
          {confirming ? (
            <>
              <button type="button" className="button button-primary" disabled={busy} onClick={submit}>
                确认收费
              </button>
              <button
                type="button"
                className="button button-light"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                返回修改
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={review}>
                下一步
              </button>
              <button type="button" className="button button-light" onClick={onClose}>
                取消
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  )
}
