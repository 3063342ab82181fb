'use client'
// 预开发票申请 and 预开发票管理 (office): ask CONAC for invoices (at most 30,000 yuan of face value a request; the
// amount is parsed from the yuan text into integer fen, never through a float), then follow the office's requests
// and 签收 the shipped ones, which adds their sheets to the 发票余额.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { Field } from '@/components/ui/Field'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan, parseYuanToFen } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { InvoiceType } from '@/graphql/generated/graphql'
import {
  describeInvoiceError,
  INVOICE_REQUEST_STATUS_LABELS,
  INVOICE_TYPE_LABELS,
  parseSheets,
  REQUEST_CAP_FEN,
  STALE_REQUEST_MESSAGE,
} from './shared'

export const MyOfficeForInvoicesDocument = graphql(`
  query MyOfficeForInvoices {
    me {
      id
      office {
        id
        name
        address
        region {
          code
        }
      }
    }
  }
`)

export const OfficeInvoiceRequestsDocument = graphql(`
  query OfficeInvoiceRequests($first: Int, $after: String, $filter: InvoiceRequestFilter) {
    invoiceRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          count
          invoiceType
          faceValueFen
          mailingAddress
          status
          requestedAt
          shippedAt
          trackingNumber
          signedAt
          rejectReason
          version
          office {
            id
            name
          }
        }
      }
    }
  }
`)

export const RequestInvoicesDocument = graphql(`
  mutation RequestInvoices($input: RequestInvoicesInput!) {
    requestInvoices(input: $input) {
      id
      status
      count
      version
    }
  }
`)

export const SignInvoiceRequestDocument = graphql(`
  mutation SignInvoiceRequest($input: SignInvoiceRequestInput!) {
    signInvoiceRequest(input: $input) {
      id
      status
      signedAt
      version
    }
  }
`)

const INVOICE_TYPES = Object.keys(INVOICE_TYPE_LABELS) as InvoiceType[]
// A new request must show up even when the list was empty (and so held no InvoiceRequest to invalidate).
const REQUEST_LIST_CONTEXT = { additionalTypenames: ['InvoiceRequest'] }

export function OfficeInvoiceRequests() {
  const [{ data: me }] = useQuery({ query: MyOfficeForInvoicesDocument })
  const office = me?.me?.office ?? null
  // 邮寄地址 defaults to the office's address, else to the address of its latest request.
  const [latest] = useQuery({
    query: OfficeInvoiceRequestsDocument,
    variables: { first: 1, after: null, filter: { officeId: office?.id } },
    pause: !office,
  })
  const ready = office && (latest.data || latest.error)
  const defaultAddress = office?.address || latest.data?.invoiceRequests.edges[0]?.node.mailingAddress || ''
  return (
    <>
      {office && ready ? (
        <InvoiceRequestForm key={office.id} defaultAddress={defaultAddress} />
      ) : (
        <section className="panel">
          <Loading />
        </section>
      )}
      {office && <OfficeRequestList officeId={office.id} />}
    </>
  )
}

function InvoiceRequestForm({ defaultAddress }: { defaultAddress: string }) {
  const [, requestInvoices] = useMutation(RequestInvoicesDocument)
  const [count, setCount] = useState('')
  const [invoiceType, setInvoiceType] = useState<InvoiceType>('GENERAL')
  const [faceValue, setFaceValue] = useState('')
  const [address, setAddress] = useState(defaultAddress)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setMessage(null)
    const sheets = parseSheets(count)
    const faceValueFen = parseYuanToFen(faceValue)
    const mailingAddress = address.trim()
    const problems: Record<string, string> = {}
    if (sheets == null) problems.count = '请输入 1-1000 之间的整数'
    if (faceValueFen == null || faceValueFen <= 0) problems.faceValueFen = '请输入票面总额（元，最多两位小数）'
    else if (faceValueFen > REQUEST_CAP_FEN) problems.faceValueFen = '每次申请的发票票面总额不能超过 30,000 元'
    if (mailingAddress.length < 5) problems.mailingAddress = '请填写邮寄地址'
    setFields(problems)
    if (Object.keys(problems).length) return
    setBusy(true)
    const result = await requestInvoices({
      input: { count: sheets!, invoiceType, faceValueFen: faceValueFen!, mailingAddress },
    })
    setBusy(false)
    if (result.error) {
      const failure = describeInvoiceError(result.error)
      setFields(failure.fields)
      setMessage({ text: failure.message, error: true })
      return
    }
    setMessage({
      text: resultMessage('requestInvoices', {
        count: sheets!,
        invoiceType: INVOICE_TYPE_LABELS[invoiceType],
        faceValueFen,
      }),
      error: false,
    })
    setCount('')
    setFaceValue('')
  }

  return (
    <section className="panel" aria-labelledby="invoice-request-title">
      <div className="panel-head">
        <h1 id="invoice-request-title">预开发票申请</h1>
        <span className="panel-meta">每次申请发票的最高额度为 3 万元</span>
      </div>
      <form className="fees-form invoice-form" onSubmit={onSubmit} noValidate>
        <h3 className="invoice-form-title">发票信息</h3>
        <Field id="invoice-request-count" label="发票数量（张）" error={fields.count}>
          {(control) => (
            <input {...control} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
          )}
        </Field>
        <div className="field">
          <label htmlFor="invoice-request-type">发票类型</label>
          <select
            id="invoice-request-type"
            value={invoiceType}
            onChange={(e) => setInvoiceType(e.target.value as InvoiceType)}
          >
            {INVOICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {INVOICE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <Field id="invoice-request-face-value" label="票面总额（元）" error={fields.faceValueFen}>
          {(control) => (
            <input {...control} inputMode="decimal" value={faceValue} onChange={(e) => setFaceValue(e.target.value)} />
          )}
        </Field>
        <Field id="invoice-request-address" label="邮寄地址" error={fields.mailingAddress}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={256}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          )}
        </Field>
        <ResultNotice result={message} />
        <div className="fees-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            发票申请
          </button>
        </div>
      </form>
    </section>
  )
}

function OfficeRequestList({ officeId }: { officeId: string }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OfficeInvoiceRequestsDocument,
    variables: { first: PAGE_SIZE, after: pages.after, filter: { officeId } },
    context: REQUEST_LIST_CONTEXT,
  })
  const [, sign] = useMutation(SignInvoiceRequestDocument)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const connection = data?.invoiceRequests

  async function onSign(node: { id: string; version: number; count: number }) {
    if (
      !(await confirm({
        title: '签收发票',
        message: `确认已收到 ${node.count} 张发票？签收后计入发票余额。`,
        confirmLabel: '签收',
      }))
    )
      return
    setBusy(true)
    const result = await sign({ input: { id: node.id, version: node.version } })
    setBusy(false)
    setMessage(
      result.error
        ? { text: describeInvoiceError(result.error, STALE_REQUEST_MESSAGE).message, error: true }
        : { text: resultMessage('signInvoiceRequest', { count: node.count }), error: false },
    )
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="invoice-requests-title">
      <div className="panel-head">
        <h2 id="invoice-requests-title">预开发票管理</h2>
        {connection && (
          <span className="panel-meta">
            共 <strong>{connection.totalCount}</strong> 条申请
          </span>
        )}
      </div>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="invoice-requests-empty">暂无预开发票申请</EmptyState>
      ) : (
        <TableScroll label="预开发票申请记录">
          <table className="table" data-testid="office-invoice-requests">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">申请时间</th>
                <th scope="col" className="num">
                  发票数量
                </th>
                <th scope="col">发票类型</th>
                <th scope="col" className="num">
                  票面总额（元）
                </th>
                <th scope="col">邮寄地址</th>
                <th scope="col">状态</th>
                <th scope="col">快递单号</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-testid={`invoice-request-${node.id}`}>
                  <td>#{node.id}</td>
                  <td>{formatDateTime(node.requestedAt)}</td>
                  <td className="num">{node.count} 张</td>
                  <td>{INVOICE_TYPE_LABELS[node.invoiceType]}</td>
                  <td className="num">{formatYuan(node.faceValueFen)}</td>
                  <td className="table-wrap-cell">{node.mailingAddress}</td>
                  <td className="table-wrap-cell">
                    {INVOICE_REQUEST_STATUS_LABELS[node.status]}
                    {node.status === 'SHIPPED' && node.shippedAt && (
                      <p className="muted">寄出于 {formatDateTime(node.shippedAt)}</p>
                    )}
                    {node.status === 'SIGNED' && node.signedAt && (
                      <p className="muted">签收于 {formatDateTime(node.signedAt)}</p>
                    )}
                    {node.status === 'REJECTED' && node.rejectReason && (
                      <p className="muted">原因：{node.rejectReason}</p>
                    )}
                  </td>
                  <td>{node.trackingNumber ?? '—'}</td>
                  <td className="table-actions">
                    {node.status === 'SHIPPED' && node.office.id === officeId && (
                      <button
                        type="button"
                        className="button button-primary"
                        disabled={busy}
                        onClick={() => onSign(node)}
                      >
                        签收
                      </button>
                    )}
                  </td>
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
