'use client'
// 域名生命周期期限: the dated periods after expiry (宽限期, 赎回期, 保留期). A domain follows the entry in force on its
// expiry date, so a new entry starts tomorrow at the earliest and never changes a domain that has already expired.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { chinaDateFromToday } from '@/components/invoiceReports/filters'

export const LifecyclePeriodsDocument = graphql(`
  query LifecyclePeriodsList {
    domainLifecyclePeriods {
      id
      graceDays
      redemptionDays
      holdDays
      effectiveFrom
      createdAt
      inForce
    }
  }
`)

export const SetLifecyclePeriodsDocument = graphql(`
  mutation SetDomainLifecyclePeriods($input: SetDomainLifecyclePeriodsInput!) {
    setDomainLifecyclePeriods(input: $input) {
      id
      graceDays
      redemptionDays
      holdDays
      effectiveFrom
    }
  }
`)

/** The bounds the API checks (server/src/modules/lifecycle/periods.ts), shown before anything is sent. */
const FIELDS = [
  { key: 'graceDays', label: '宽限期（天）', min: 1, max: 365, hint: '到期后仍可解析，单位可自行续费' },
  { key: 'redemptionDays', label: '赎回期（天）', min: 1, max: 365, hint: '停止解析，只能通过编办续费' },
  { key: 'holdDays', label: '保留期（天）', min: 0, max: 3650, hint: '删除后名称保留，期满可重新申请' },
] as const
type FieldKey = (typeof FIELDS)[number]['key']

function wholeDays(text: string, min: number, max: number): number | null {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return null
  const value = Number(text)
  return value >= min && value <= max ? value : null
}

export function LifecyclePeriods({ canSet }: { canSet: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: LifecyclePeriodsDocument })
  const [, setPeriods] = useMutation(SetLifecyclePeriodsDocument)
  const confirm = useConfirm()
  const [days, setDays] = useState<Record<FieldKey, string>>({ graceDays: '', redemptionDays: '', holdDays: '' })
  const [date, setDate] = useState('')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const today = chinaDateFromToday(0)
  const tomorrow = chinaDateFromToday(1)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const values = Object.fromEntries(
      FIELDS.map((field) => [field.key, wholeDays(days[field.key], field.min, field.max)]),
    ) as Record<FieldKey, number | null>
    const wrong = FIELDS.filter((field) => values[field.key] === null)
    if (wrong.length || !date) {
      const text = wrong.length
        ? wrong.map((field) => `${field.label.replace('（天）', '')}应为 ${field.min} 到 ${field.max} 天`).join('；')
        : '请选择生效日期'
      setMessage({ text, error: true })
      return
    }
    const input = {
      graceDays: values.graceDays!,
      redemptionDays: values.redemptionDays!,
      holdDays: values.holdDays!,
      effectiveFrom: date,
    }
    const text =
      `确认自 ${date} 起到期的域名：宽限期 ${input.graceDays} 天、赎回期 ${input.redemptionDays} 天、` +
      `保留期 ${input.holdDays} 天？此前已到期的域名仍按原期限处理；已设置的期限不能修改。`
    if (!(await confirm({ title: '设置域名生命周期期限', message: text, confirmLabel: '设置' }))) return
    setBusy(true)
    const result = await setPeriods({ input })
    setBusy(false)
    if (result.error) {
      setMessage({ text: readableErrorText(result.error), error: true })
      return
    }
    setMessage({ text: resultMessage('setDomainLifecyclePeriods', { from: date, ...input }), error: false })
    setDays({ graceDays: '', redemptionDays: '', holdDays: '' })
    setDate('')
    refetch({ requestPolicy: 'network-only' })
  }

  const entries = data?.domainLifecyclePeriods ?? []
  return (
    <>
      <section className="panel" aria-labelledby="periods-title">
        <div className="panel-head">
          <h1 id="periods-title">域名生命周期期限</h1>
        </div>
        <p className="muted">
          域名到期后依次进入宽限期、赎回期，期满删除；删除后名称再保留一段时间，之后可重新申请。每个域名按其到期日当天有效的期限处理。
        </p>
        <ErrorNotice error={error} />
        {fetching && !data ? (
          <Loading />
        ) : entries.length === 0 ? (
          <EmptyState>尚未设置期限</EmptyState>
        ) : (
          <TableScroll labelledBy="periods-title">
            <table className="table" data-testid="lifecycle-periods">
              <thead>
                <tr>
                  <th scope="col">适用于到期日</th>
                  <th scope="col" className="num">
                    宽限期（天）
                  </th>
                  <th scope="col" className="num">
                    赎回期（天）
                  </th>
                  <th scope="col" className="num">
                    保留期（天）
                  </th>
                  <th scope="col">状态</th>
                  <th scope="col">设置时间</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{entry.effectiveFrom} 起</td>
                    <td className="num">{entry.graceDays}</td>
                    <td className="num">{entry.redemptionDays}</td>
                    <td className="num">{entry.holdDays}</td>
                    <td>
                      {entry.inForce ? (
                        <StatusTag tone="ok">现行</StatusTag>
                      ) : entry.effectiveFrom > today ? (
                        <StatusTag tone="warn">待生效</StatusTag>
                      ) : (
                        <StatusTag tone="neutral">已被取代</StatusTag>
                      )}
                    </td>
                    <td>{formatDateTime(entry.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {canSet && (
        <section className="panel" aria-labelledby="set-periods-title">
          <div className="panel-head">
            <h2 id="set-periods-title">设置新的期限</h2>
          </div>
          <form className="filters" onSubmit={submit}>
            {FIELDS.map((field) => (
              <div className="field" key={field.key}>
                <label htmlFor={`periods-${field.key}`}>{field.label}</label>
                <input
                  id={`periods-${field.key}`}
                  inputMode="numeric"
                  value={days[field.key]}
                  onChange={(e) => setDays({ ...days, [field.key]: e.target.value })}
                  placeholder={`${field.min}–${field.max}`}
                  aria-describedby={`periods-${field.key}-hint`}
                  required
                />
                <small id={`periods-${field.key}-hint`} className="muted">
                  {field.hint}
                </small>
              </div>
            ))}
            <div className="field">
              <label htmlFor="periods-date">适用于到期日</label>
              <input
                id="periods-date"
                type="date"
                min={tomorrow}
                value={date}
                onChange={(e) => setDate(e.target.value)}
                required
                aria-describedby="periods-date-hint"
              />
              <small id="periods-date-hint" className="muted">
                自该日起到期的域名适用，最早为明天
              </small>
            </div>
            <div className="filters-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                设置
              </button>
            </div>
          </form>
          <ResultNotice result={message} />
        </section>
      )}
    </>
  )
}
