'use client'
// 发票开具 (office): the invoices issued to units, newest first, with 作废, 红字冲销 and 拆分 on this office's own
// invoices, and 补开发票 (an invoice outside a fee collection, taken from the office's stock). Corrections and
// splits are new invoices pointing at their parent; nothing is edited in place.
import { useMemo, useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { newIdempotencyKey } from '@/components/fees/format'
import { Field } from '@/components/ui/Field'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { fenOf, formatDateTime, formatYuan, parseYuanToFen } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { OfficeInvoicesQuery } from '@/graphql/generated/graphql'
import { MyOfficeForInvoicesDocument } from './OfficeInvoiceRequests'
import { describeInvoiceError, INVOICE_KIND_LABELS, MAX_SHEETS, parseSheets } from './shared'

export const OfficeInvoicesDocument = graphql(`
  query OfficeInvoices($first: Int, $after: String, $unitName: String) {
    unitInvoices(first: $first, after: $after, filter: { unitName: $unitName }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          count
          amountFen
          issuedAt
          note
          corrected
          unit {
            id
            name
          }
          office {
            id
            name
          }
          feeCollection {
            id
          }
          parent {
            id
            kind
          }
          children {
            id
            kind
          }
        }
      }
    }
  }
`)

export const SameLevelUnitsDocument = graphql(`
  query SameLevelUnits($regionCode: String) {
    units(first: 100, regionCode: $regionCode) {
      edges {
        node {
          id
          name
          region {
            code
          }
        }
      }
    }
  }
`)

export const InvoiceFeeCollectionsDocument = graphql(`
  query InvoiceFeeCollections {
    feeCollections(first: 100) {
      edges {
        node {
          id
          amountFen
          invoiceCount
          collectedAt
          unit {
            id
          }
          office {
            id
          }
        }
      }
    }
  }
`)

export const IssueInvoiceDocument = graphql(`
  mutation IssueInvoice(
    $unitId: ID!
    $feeCollectionId: ID
    $count: Int!
    $amountFen: Fen!
    $note: String
    $idempotencyKey: String!
  ) {
    issueInvoice(
      input: {
        unitId: $unitId
        feeCollectionId: $feeCollectionId
        count: $count
        amountFen: $amountFen
        note: $note
        idempotencyKey: $idempotencyKey
      }
    ) {
      id
      count
      amountFen
    }
  }
`)

export const VoidInvoiceDocument = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(input: { id: $id, reason: $reason }) {
      id
      kind
      count
      amountFen
    }
  }
`)

export const RedLetterInvoiceDocument = graphql(`
  mutation RedLetterInvoice($id: ID!, $reason: String!, $count: Int!) {
    redLetterInvoice(input: { id: $id, reason: $reason, count: $count }) {
      id
      kind
      count
      amountFen
    }
  }
`)

export const SplitInvoiceDocument = graphql(`
  mutation SplitInvoice($id: ID!, $parts: [InvoiceSplitPart!]!) {
    splitInvoice(input: { id: $id, parts: $parts }) {
      id
      kind
      count
      amountFen
    }
  }
`)

type InvoiceNode = OfficeInvoicesQuery['unitInvoices']['edges'][number]['node']
type UnitOption = { id: string; name: string }
type Action = { kind: 'void' | 'red' | 'split'; invoice: InvoiceNode }

const LIST_CONTEXT = { additionalTypenames: ['Invoice', 'FeeCollection'] }

export function OfficeInvoices() {
  const [{ data: me }] = useQuery({ query: MyOfficeForInvoicesDocument })
  const office = me?.me?.office ?? null
  const [{ data: unitData }] = useQuery({
    query: SameLevelUnitsDocument,
    variables: { regionCode: office?.region.code ?? null },
    pause: !office,
  })
  // Same-level units (同级编办): the units whose region is the office's own region, as the API decides who may collect.
  const units = useMemo<UnitOption[]>(
    () =>
      (unitData?.units.edges ?? [])
        .map((edge) => edge.node)
        .filter((node) => node.region.code === office?.region.code)
        .map((node) => ({ id: node.id, name: node.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [unitData, office],
  )
  if (!office)
    return (
      <section className="panel">
        <Loading />
      </section>
    )
  return (
    <>
      <InvoiceList officeId={office.id} units={units} />
      <IssueInvoiceForm officeId={office.id} units={units} />
    </>
  )
}

function InvoiceList({ officeId, units }: { officeId: string; units: UnitOption[] }) {
  const pages = useCursorPages()
  const [search, setSearch] = useState('')
  const [unitName, setUnitName] = useState<string | null>(null)
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OfficeInvoicesDocument,
    variables: { first: PAGE_SIZE, after: pages.after, unitName },
    context: LIST_CONTEXT,
  })
  const [action, setAction] = useState<Action | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const connection = data?.unitInvoices

  function done(text: string) {
    setAction(null)
    setMessage({ text, error: false })
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="office-invoices-title">
      <div className="panel-head">
        <h1 id="office-invoices-title">发票开具</h1>
        {connection && (
          <span className="panel-meta">
            共 <strong>{connection.totalCount}</strong> 条发票记录
          </span>
        )}
      </div>
      <form
        className="fees-actions invoice-search"
        onSubmit={(event) => {
          event.preventDefault()
          setUnitName(search.trim() || null)
          pages.reset()
        }}
      >
        <div className="field">
          <label htmlFor="invoice-search-unit">单位名称</label>
          <input id="invoice-search-unit" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit" className="button button-light">
          查询发票
        </button>
      </form>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="office-invoices-empty">暂无发票记录</EmptyState>
      ) : (
        <TableScroll labelledBy="office-invoices-title">
          <table className="table" data-testid="office-invoices">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">开具时间</th>
                <th scope="col">单位</th>
                <th scope="col">类型</th>
                <th scope="col" className="num">
                  张数
                </th>
                <th scope="col" className="num">
                  金额（元）
                </th>
                <th scope="col">收费</th>
                <th scope="col">备注</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                // The API's rules: only the issuing office acts; 作废/红冲 on 开具 or 拆分所得 invoices that are neither
                // corrected nor split; 拆分 only on 开具 ones.
                const isSplit = node.children.some((child) => child.kind === 'SPLIT')
                const own = node.office.id === officeId && !node.corrected && !isSplit && fenOf(node.amountFen) > 0
                const correctable = own && (node.kind === 'NORMAL' || node.kind === 'SPLIT')
                const splittable = own && node.kind === 'NORMAL'
                return (
                  <tr key={node.id} data-testid={`invoice-${node.id}`}>
                    <td>#{node.id}</td>
                    <td>{formatDateTime(node.issuedAt)}</td>
                    <td className="table-wrap-cell">
                      {node.unit.name}
                      {node.office.id !== officeId && <p className="muted">{node.office.name} 开具</p>}
                    </td>
                    <td>
                      {INVOICE_KIND_LABELS[node.kind]}
                      {node.parent && <p className="muted">原发票 #{node.parent.id}</p>}
                      {node.corrected && <span className="tag invoice-corrected">已更正</span>}
                      {isSplit && <span className="tag invoice-corrected">已拆分</span>}
                    </td>
                    <td className="num">{node.count}</td>
                    <td className="num">{formatYuan(node.amountFen)}</td>
                    <td>{node.feeCollection ? `#${node.feeCollection.id}` : '—'}</td>
                    <td className="table-wrap-cell">{node.note ?? '—'}</td>
                    <td className="domain-row-actions table-actions">
                      {correctable && (
                        <>
                          <button
                            type="button"
                            className="button button-light"
                            onClick={() => {
                              setMessage(null)
                              setAction({ kind: 'void', invoice: node })
                            }}
                          >
                            作废
                          </button>
                          <button
                            type="button"
                            className="button button-light"
                            onClick={() => {
                              setMessage(null)
                              setAction({ kind: 'red', invoice: node })
                            }}
                          >
                            红字冲销
                          </button>
                        </>
                      )}
                      {splittable && (
                        <button
                          type="button"
                          className="button button-light"
                          onClick={() => {
                            setMessage(null)
                            setAction({ kind: 'split', invoice: node })
                          }}
                        >
                          拆分
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
      {action?.kind === 'void' && (
        <VoidDialog key={action.invoice.id} invoice={action.invoice} onClose={() => setAction(null)} onDone={done} />
      )}
      {action?.kind === 'red' && (
        <RedLetterDialog
          key={action.invoice.id}
          invoice={action.invoice}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
      {action?.kind === 'split' && (
        <SplitDialog
          key={action.invoice.id}
          invoice={action.invoice}
          units={units}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
    </section>
  )
}

function describeInvoice(invoice: InvoiceNode): string {
  return `#${invoice.id}（${invoice.unit.name}，${invoice.count} 张，${formatYuan(invoice.amountFen)} 元）`
}

type DialogProps = { invoice: InvoiceNode; onClose: () => void; onDone: (message: string) => void }

function VoidDialog({ invoice, onClose, onDone }: DialogProps) {
  const [, voidInvoice] = useMutation(VoidInvoiceDocument)
  const confirm = useConfirm()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const text = reason.trim()
    if (text.length < 2 || text.length > 500) return setProblem('请填写 2-500 个字的作废原因')
    const message = `确认作废发票 ${describeInvoice(invoice)}？作废后生成冲销记录，已用的发票不退回余额。`
    if (!(await confirm({ title: '作废发票', message, confirmLabel: '作废', danger: true }))) return
    setBusy(true)
    const result = await voidInvoice({ id: invoice.id, reason: text })
    setBusy(false)
    if (result.error) return setProblem(describeInvoiceError(result.error).message)
    onDone(resultMessage('voidInvoice', { invoiceId: invoice.id }))
  }

  return (
    <div className="fees-dialog" role="dialog" aria-modal="true" aria-labelledby="void-invoice-title">
      <form className="fees-dialog-body" onSubmit={onSubmit}>
        <h3 id="void-invoice-title">作废发票 {describeInvoice(invoice)}</h3>
        <div className="field">
          <label htmlFor="void-invoice-reason">作废原因</label>
          <textarea
            id="void-invoice-reason"
            className="invoice-textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
        </div>
        <ErrorNotice message={problem} />
        <div className="fees-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            确认作废
          </button>
          <button type="button" className="button button-light" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </div>
  )
}

function RedLetterDialog({ invoice, onClose, onDone }: DialogProps) {
  const [, redLetter] = useMutation(RedLetterInvoiceDocument)
  const confirm = useConfirm()
  const [reason, setReason] = useState('')
  const [sheets, setSheets] = useState('1')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const text = reason.trim()
    const count = parseSheets(sheets, 1, MAX_SHEETS)
    if (text.length < 2 || text.length > 500) return setProblem('请填写 2-500 个字的冲销原因')
    if (count == null) return setProblem(`红字发票张数应为 1-${MAX_SHEETS}`)
    const message = `确认对发票 ${describeInvoice(invoice)} 开具红字发票 ${count} 张进行冲销？将从发票余额中扣除 ${count} 张。`
    if (!(await confirm({ title: '红字冲销', message, confirmLabel: '开具红字发票', danger: true }))) return
    setBusy(true)
    const result = await redLetter({ id: invoice.id, reason: text, count })
    setBusy(false)
    if (result.error) return setProblem(describeInvoiceError(result.error).message)
    onDone(
      resultMessage('redLetterInvoice', { invoiceId: invoice.id, amountFen: result.data!.redLetterInvoice.amountFen }),
    )
  }

  return (
    <div className="fees-dialog" role="dialog" aria-modal="true" aria-labelledby="red-invoice-title">
      <form className="fees-dialog-body" onSubmit={onSubmit}>
        <h3 id="red-invoice-title">红字冲销 {describeInvoice(invoice)}</h3>
        <div className="field">
          <label htmlFor="red-invoice-reason">冲销原因</label>
          <textarea
            id="red-invoice-reason"
            className="invoice-textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="red-invoice-count">红字发票张数（从发票余额中扣除）</label>
          <input
            id="red-invoice-count"
            inputMode="numeric"
            value={sheets}
            onChange={(e) => setSheets(e.target.value)}
          />
        </div>
        <ErrorNotice message={problem} />
        <div className="fees-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            确认红字冲销
          </button>
          <button type="button" className="button button-light" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </div>
  )
}

type SplitRow = { key: number; unitId: string; count: string; amount: string }

function SplitDialog({ invoice, units, onClose, onDone }: DialogProps & { units: UnitOption[] }) {
  const [, split] = useMutation(SplitInvoiceDocument)
  const confirm = useConfirm()
  const [rows, setRows] = useState<SplitRow[]>(() => [
    { key: 1, unitId: invoice.unit.id, count: '', amount: '' },
    { key: 2, unitId: '', count: '', amount: '' },
  ])
  const [nextKey, setNextKey] = useState(3)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // The parent's unit may not be a same-level unit any more (or not in the first page of units): keep it selectable.
  const options = units.some((unit) => unit.id === invoice.unit.id)
    ? units
    : [{ id: invoice.unit.id, name: invoice.unit.name }, ...units]
  const parentFen = fenOf(invoice.amountFen)
  const parsed = rows.map((row) => ({
    unitId: row.unitId,
    count: parseSheets(row.count, 1, invoice.count),
    amountFen: parseYuanToFen(row.amount),
  }))
  const sheetSum = parsed.reduce((sum, part) => sum + (part.count ?? 0), 0)
  const fenSum = parsed.reduce((sum, part) => sum + (part.amountFen ?? 0), 0)
  const allValid =
    parsed.length >= 2 &&
    parsed.every((part) => part.unitId && part.count != null && part.amountFen != null && part.amountFen > 0)
  const balanced = allValid && sheetSum === invoice.count && fenSum === parentFen

  function update(key: number, patch: Partial<SplitRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!balanced) return setProblem('拆分后的张数与金额合计须与原发票完全一致')
    const names = new Map(options.map((unit) => [unit.id, unit.name]))
    const summary = parsed
      .map((part) => `${names.get(part.unitId) ?? part.unitId} ${part.count} 张 ${formatYuan(part.amountFen)} 元`)
      .join('；')
    if (
      !(await confirm({
        title: '拆分发票',
        message: `确认将发票 ${describeInvoice(invoice)} 拆分为：${summary}？`,
        confirmLabel: '拆分',
      }))
    )
      return
    setBusy(true)
    const result = await split({
      id: invoice.id,
      parts: parsed.map((part) => ({ unitId: part.unitId, count: part.count!, amountFen: part.amountFen! })),
    })
    setBusy(false)
    if (result.error) return setProblem(describeInvoiceError(result.error).message)
    onDone(resultMessage('splitInvoice', { invoiceId: invoice.id, parts: parsed.length }))
  }

  return (
    <div className="fees-dialog" role="dialog" aria-modal="true" aria-labelledby="split-invoice-title">
      <form className="fees-dialog-body" onSubmit={onSubmit}>
        <h3 id="split-invoice-title">拆分发票 {describeInvoice(invoice)}</h3>
        <table className="table" data-testid="split-rows">
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">张数</th>
              <th scope="col">金额（元）</th>
              <th scope="col" className="table-actions">
                操作
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key}>
                <td>
                  <label className="visually-hidden" htmlFor={`split-unit-${row.key}`}>
                    第 {index + 1} 行单位
                  </label>
                  <select
                    id={`split-unit-${row.key}`}
                    className="invoice-select"
                    value={row.unitId}
                    onChange={(e) => update(row.key, { unitId: e.target.value })}
                  >
                    <option value="">请选择单位</option>
                    {options.map((unit) => (
                      <option key={unit.id} value={unit.id}>
                        {unit.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`split-count-${row.key}`}>
                    第 {index + 1} 行张数
                  </label>
                  <input
                    id={`split-count-${row.key}`}
                    className="invoice-input-short"
                    inputMode="numeric"
                    value={row.count}
                    aria-invalid={row.count !== '' && parsed[index].count == null ? true : undefined}
                    onChange={(e) => update(row.key, { count: e.target.value })}
                  />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`split-amount-${row.key}`}>
                    第 {index + 1} 行金额（元）
                  </label>
                  <input
                    id={`split-amount-${row.key}`}
                    className="invoice-input-short"
                    inputMode="decimal"
                    value={row.amount}
                    aria-invalid={row.amount !== '' && parsed[index].amountFen == null ? true : undefined}
                    onChange={(e) => update(row.key, { amount: e.target.value })}
                  />
                </td>
                <td className="table-actions">
                  <button
                    type="button"
                    className="button button-light"
                    disabled={rows.length <= 2}
                    onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                  >
                    删除第 {index + 1} 行
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="fees-actions">
          <button
            type="button"
            className="button button-light"
            onClick={() => {
              setRows((current) => [...current, { key: nextKey, unitId: '', count: '', amount: '' }])
              setNextKey((key) => key + 1)
            }}
          >
            增加一行
          </button>
        </div>
        <p className={balanced ? 'notice' : 'notice notice-warning'} role="status" data-testid="split-sums">
          合计 <strong>{sheetSum}</strong> / {invoice.count} 张，<strong>{formatYuan(fenSum)}</strong> /{' '}
          {formatYuan(parentFen)} 元
          {balanced
            ? '，与原发票一致'
            : sheetSum !== invoice.count || fenSum !== parentFen
              ? `，还差 ${invoice.count - sheetSum} 张、${formatYuan(parentFen - fenSum)} 元`
              : '，请填写完整每一行（至少两行）'}
        </p>
        <ErrorNotice message={problem} />
        <div className="fees-actions">
          <button type="submit" className="button button-primary" disabled={busy || !balanced}>
            确认拆分
          </button>
          <button type="button" className="button button-light" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </div>
  )
}

function IssueInvoiceForm({ officeId, units }: { officeId: string; units: UnitOption[] }) {
  const [, issue] = useMutation(IssueInvoiceDocument)
  const confirm = useConfirm()
  const [{ data: collectionData }] = useQuery({ query: InvoiceFeeCollectionsDocument, context: LIST_CONTEXT })
  // One key per submission attempt: a retry after a lost answer replays the first result; a new key after success.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const [unitId, setUnitId] = useState('')
  const [feeCollectionId, setFeeCollectionId] = useState('')
  const [sheets, setSheets] = useState('1')
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const collections = (collectionData?.feeCollections.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.office.id === officeId && node.unit.id === unitId)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setMessage(null)
    const count = parseSheets(sheets)
    const amountFen = parseYuanToFen(amount)
    const problems: Record<string, string> = {}
    if (!unitId) problems.unitId = '请选择单位'
    if (count == null) problems.count = '请输入 1-1000 之间的整数'
    if (amountFen == null || amountFen <= 0) problems.amountFen = '请输入金额（元，最多两位小数）'
    setFields(problems)
    if (Object.keys(problems).length) return
    const unitName = units.find((unit) => unit.id === unitId)?.name ?? unitId
    const message = `确认为 ${unitName} 开具发票 ${count} 张，金额 ${formatYuan(amountFen)} 元？将从发票余额中扣除 ${count} 张。`
    if (!(await confirm({ title: '补开发票', message, confirmLabel: '开具' }))) return
    setBusy(true)
    const result = await issue({
      unitId,
      feeCollectionId: feeCollectionId || null,
      count: count!,
      amountFen: amountFen!,
      note: note.trim() || null,
      idempotencyKey,
    })
    setBusy(false)
    if (result.error) {
      const failure = describeInvoiceError(result.error)
      setFields(failure.fields)
      setMessage({ text: failure.message, error: true })
      return
    }
    const issued = result.data!.issueInvoice
    setMessage({
      text: resultMessage('issueInvoice', { unitName, count: issued.count, amountFen: issued.amountFen }),
      error: false,
    })
    setIdempotencyKey(newIdempotencyKey())
    setAmount('')
    setNote('')
    setSheets('1')
    setFeeCollectionId('')
  }

  return (
    <section className="panel" aria-labelledby="issue-invoice-title">
      <div className="panel-head">
        <h2 id="issue-invoice-title">补开发票</h2>
        <span className="panel-meta">收费时未开具的发票可在此补开，从本单位发票余额中扣除</span>
      </div>
      <form className="fees-form invoice-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="issue-invoice-unit">开票单位</label>
          <select
            id="issue-invoice-unit"
            value={unitId}
            aria-invalid={fields.unitId ? true : undefined}
            onChange={(e) => {
              setUnitId(e.target.value)
              setFeeCollectionId('')
            }}
          >
            <option value="">请选择单位</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
          {fields.unitId && <p className="field-error">{fields.unitId}</p>}
        </div>
        <div className="field">
          <label htmlFor="issue-invoice-collection">对应收费（可选）</label>
          <select
            id="issue-invoice-collection"
            value={feeCollectionId}
            disabled={!unitId}
            onChange={(e) => setFeeCollectionId(e.target.value)}
          >
            <option value="">不关联收费</option>
            {collections.map((node) => (
              <option key={node.id} value={node.id}>
                #{node.id} {formatDateTime(node.collectedAt)} {formatYuan(node.amountFen)} 元（已开 {node.invoiceCount}{' '}
                张）
              </option>
            ))}
          </select>
          {fields.feeCollectionId && <p className="field-error">{fields.feeCollectionId}</p>}
        </div>
        <Field id="issue-invoice-count" label="开具发票张数" error={fields.count}>
          {(control) => (
            <input {...control} inputMode="numeric" value={sheets} onChange={(e) => setSheets(e.target.value)} />
          )}
        </Field>
        <Field id="issue-invoice-amount" label="发票金额（元）" error={fields.amountFen}>
          {(control) => (
            <input {...control} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          )}
        </Field>
        <div className="field">
          <label htmlFor="issue-invoice-note">备注（可选）</label>
          <input id="issue-invoice-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ResultNotice result={message} />
        <div className="fees-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            补开发票
          </button>
        </div>
      </form>
    </section>
  )
}
