'use client'
// 预开发票审核 (CONAC): the offices' pending requests, oldest work first on screen, with 审核通过并寄出 (needs the
// 快递单号) and 不通过 (needs a reason); below, every request with a status filter. A request someone else handled
// first comes back as a stale-version conflict.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { InvoiceRequestStatus, OfficeInvoiceRequestsQuery } from '@/graphql/generated/graphql'
import { OfficeInvoiceRequestsDocument } from './OfficeInvoiceRequests'
import {
  describeInvoiceError,
  INVOICE_REQUEST_STATUS_LABELS,
  INVOICE_TYPE_LABELS,
  STALE_REQUEST_MESSAGE,
} from './shared'

export const ShipInvoiceRequestDocument = graphql(`
  mutation ShipInvoiceRequest($input: ShipInvoiceRequestInput!) {
    shipInvoiceRequest(input: $input) {
      id
      status
      shippedAt
      trackingNumber
      version
    }
  }
`)

export const RejectInvoiceRequestDocument = graphql(`
  mutation RejectInvoiceRequest($input: RejectInvoiceRequestInput!) {
    rejectInvoiceRequest(input: $input) {
      id
      status
      rejectReason
      version
    }
  }
`)

type RequestNode = OfficeInvoiceRequestsQuery['invoiceRequests']['edges'][number]['node']
type Action = { kind: 'ship' | 'reject'; id: string }

const LIST_CONTEXT = { additionalTypenames: ['InvoiceRequest'] }
const PENDING: InvoiceRequestStatus[] = ['REQUESTED']
const FILTERS: [InvoiceRequestStatus | null, string][] = [
  [null, '全部'],
  ['REQUESTED', '已申请'],
  ['SHIPPED', '已寄出'],
  ['SIGNED', '已签收'],
  ['REJECTED', '未通过'],
]

export function ConacInvoiceRequests() {
  const pendingPages = useCursorPages()
  const [pendingResult, refetchPending] = useQuery({
    query: OfficeInvoiceRequestsDocument,
    variables: { first: PAGE_SIZE, after: pendingPages.after, filter: { statuses: PENDING } },
    context: LIST_CONTEXT,
  })
  const [, ship] = useMutation(ShipInvoiceRequestDocument)
  const [, reject] = useMutation(RejectInvoiceRequestDocument)
  const confirm = useConfirm()
  const [action, setAction] = useState<Action | null>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const pending = pendingResult.data?.invoiceRequests

  function open(kind: Action['kind'], id: string) {
    setAction({ kind, id })
    setText('')
    setMessage(null)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>, node: RequestNode) {
    event.preventDefault()
    if (!action) return
    const value = text.trim()
    if (action.kind === 'ship') {
      if (!value || value.length > 64) return setMessage({ text: '请填写快递单号（不超过 64 个字符）', error: true })
      const message = `确认审核通过 ${node.office.name} 的申请，并寄出 ${node.count} 张${INVOICE_TYPE_LABELS[node.invoiceType]}（快递单号 ${value}）？`
      if (!(await confirm({ title: '审核通过并寄出发票', message, confirmLabel: '寄出' }))) return
    } else {
      if (value.length < 2 || value.length > 500)
        return setMessage({ text: '请填写 2-500 个字的不通过原因', error: true })
      const message = `确认不通过 ${node.office.name} 的预开发票申请？原因：${value}`
      if (!(await confirm({ title: '预开发票申请不通过', message, confirmLabel: '不通过' }))) return
    }
    setBusy(true)
    const result =
      action.kind === 'ship'
        ? await ship({ input: { id: node.id, version: node.version, trackingNumber: value } })
        : await reject({ input: { id: node.id, version: node.version, reason: value } })
    setBusy(false)
    if (result.error) {
      setMessage({ text: describeInvoiceError(result.error, STALE_REQUEST_MESSAGE).message, error: true })
    } else {
      setMessage({
        text:
          action.kind === 'ship'
            ? resultMessage('shipInvoiceRequest', {
                officeName: node.office.name,
                count: node.count,
                trackingNumber: value,
              })
            : resultMessage('rejectInvoiceRequest', { officeName: node.office.name }),
        error: false,
      })
      setAction(null)
      setText('')
    }
    refetchPending({ requestPolicy: 'network-only' })
  }

  return (
    <>
      <section className="panel" aria-labelledby="conac-invoice-pending-title">
        <div className="panel-head">
          <h1 id="conac-invoice-pending-title">预开发票审核</h1>
          {pending && (
            <span className="panel-meta">
              待审核 <strong>{pending.totalCount}</strong> 条
            </span>
          )}
        </div>
        <ErrorNotice error={pendingResult.error} />
        <ResultNotice result={message} />
        {!pending ? (
          pendingResult.fetching ? (
            <Loading />
          ) : null
        ) : pending.edges.length === 0 ? (
          <EmptyState testId="conac-invoice-pending-empty">暂无待审核的预开发票申请</EmptyState>
        ) : (
          <TableScroll label="待审核的预开发票申请">
            <table className="table" data-testid="conac-invoice-pending">
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">编办</th>
                  <th scope="col" className="num">
                    发票数量
                  </th>
                  <th scope="col">发票类型</th>
                  <th scope="col" className="num">
                    票面总额（元）
                  </th>
                  <th scope="col">邮寄地址</th>
                  <th scope="col">申请时间</th>
                  <th scope="col" className="table-actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {pending.edges.map(({ node }) => (
                  <tr key={node.id} data-testid={`pending-invoice-request-${node.id}`}>
                    <td>#{node.id}</td>
                    <td className="table-wrap-cell">{node.office.name}</td>
                    <td className="num">{node.count} 张</td>
                    <td>{INVOICE_TYPE_LABELS[node.invoiceType]}</td>
                    <td className="num">{formatYuan(node.faceValueFen)}</td>
                    <td className="table-wrap-cell">
                      {node.mailingAddress}
                      {action?.id === node.id && (
                        <form className="domain-form domain-form-inline" onSubmit={(event) => onSubmit(event, node)}>
                          <div className="field">
                            {action.kind === 'ship' ? (
                              <>
                                <label htmlFor={`tracking-${node.id}`}>快递单号</label>
                                <input
                                  id={`tracking-${node.id}`}
                                  maxLength={64}
                                  value={text}
                                  onChange={(e) => setText(e.target.value)}
                                  autoFocus
                                  required
                                />
                              </>
                            ) : (
                              <>
                                <label htmlFor={`reject-reason-${node.id}`}>不通过原因</label>
                                <textarea
                                  id={`reject-reason-${node.id}`}
                                  rows={3}
                                  maxLength={500}
                                  value={text}
                                  onChange={(e) => setText(e.target.value)}
                                  autoFocus
                                  required
                                />
                              </>
                            )}
                          </div>
                          <div className="actions">
                            <button type="submit" className="button button-primary" disabled={busy}>
                              {action.kind === 'ship' ? '确认寄出' : '提交不通过'}
                            </button>
                            <button type="button" className="button button-light" onClick={() => setAction(null)}>
                              取消
                            </button>
                          </div>
                        </form>
                      )}
                    </td>
                    <td>{formatDateTime(node.requestedAt)}</td>
                    <td className="domain-row-actions table-actions">
                      <button
                        type="button"
                        className="button button-primary"
                        disabled={busy}
                        onClick={() => open('ship', node.id)}
                      >
                        审核通过并寄出
                      </button>
                      <button
                        type="button"
                        className="button button-light"
                        disabled={busy}
                        onClick={() => open('reject', node.id)}
                      >
                        不通过
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pending && <ConnectionPager pages={pendingPages} pageInfo={pending.pageInfo} />}
      </section>
      <AllInvoiceRequests />
    </>
  )
}

function AllInvoiceRequests() {
  const pages = useCursorPages()
  const [status, setStatus] = useState<InvoiceRequestStatus | null>(null)
  const [{ data, fetching, error }] = useQuery({
    query: OfficeInvoiceRequestsDocument,
    variables: { first: PAGE_SIZE, after: pages.after, filter: status ? { statuses: [status] } : {} },
    context: LIST_CONTEXT,
  })
  const connection = data?.invoiceRequests

  return (
    <section className="panel" aria-labelledby="conac-invoice-all-title">
      <div className="panel-head">
        <h2 id="conac-invoice-all-title">全部预开发票申请</h2>
        <div className="fees-tabs" role="tablist" aria-label="按状态筛选">
          {FILTERS.map(([value, label]) => (
            <button
              key={label}
              type="button"
              role="tab"
              aria-selected={status === value}
              className={status === value ? 'button button-primary' : 'button button-light'}
              onClick={() => {
                setStatus(value)
                pages.reset()
              }}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState>暂无预开发票申请</EmptyState>
      ) : (
        <TableScroll label="全部预开发票申请">
          <table className="table" data-testid="conac-invoice-requests">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">编办</th>
                <th scope="col" className="num">
                  发票数量
                </th>
                <th scope="col">发票类型</th>
                <th scope="col" className="num">
                  票面总额（元）
                </th>
                <th scope="col">申请时间</th>
                <th scope="col">状态</th>
                <th scope="col">快递单号</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>#{node.id}</td>
                  <td className="table-wrap-cell">{node.office.name}</td>
                  <td className="num">{node.count} 张</td>
                  <td>{INVOICE_TYPE_LABELS[node.invoiceType]}</td>
                  <td className="num">{formatYuan(node.faceValueFen)}</td>
                  <td>{formatDateTime(node.requestedAt)}</td>
                  <td className="table-wrap-cell">
                    {INVOICE_REQUEST_STATUS_LABELS[node.status]}
                    {node.status === 'SHIPPED' && <p className="muted">寄出于 {formatDateTime(node.shippedAt)}</p>}
                    {node.status === 'SIGNED' && <p className="muted">签收于 {formatDateTime(node.signedAt)}</p>}
                    {node.status === 'REJECTED' && node.rejectReason && (
                      <p className="muted">原因：{node.rejectReason}</p>
                    )}
                  </td>
                  <td>{node.trackingNumber ?? '—'}</td>
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
