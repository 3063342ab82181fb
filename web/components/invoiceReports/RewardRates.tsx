'use client'
// 奖励比例: the dated rates CONAC sets; a new rate applies to collections from its effective date on.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { chinaDateFromToday, chinaMidnight } from './filters'

export const RewardRatesDocument = graphql(`
  query RewardRatesList {
    rewardRates {
      id
      basisPoints
      effectiveFrom
      createdAt
    }
  }
`)

export const SetRewardRateDocument = graphql(`
  mutation SetRewardRate($input: SetRewardRateInput!) {
    setRewardRate(input: $input) {
      id
      basisPoints
      effectiveFrom
    }
  }
`)

/** 1000 basis points → "10.00%" */
export function formatRate(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`
}

/** "10" or "7.5" or "7.25" (percent) → basis points; null otherwise. */
function parsePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!match) return null
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return value <= 10000 ? value : null
}

export function RewardRates({ canSet }: { canSet: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RewardRatesDocument })
  const [, setRate] = useMutation(SetRewardRateDocument)
  const confirm = useConfirm()
  const [percent, setPercent] = useState('')
  const [date, setDate] = useState('')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const basisPoints = parsePercent(percent)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (basisPoints === null || !date) {
      setMessage({ text: '请输入 0 到 100 之间的比例（最多两位小数）和生效日期', error: true })
      return
    }
    const message = `确认自 ${date}（北京时间零点）起，奖励比例为 ${formatRate(basisPoints)}？此后收费的奖励经费按新比例计算，已设置的比例不能修改。`
    if (!(await confirm({ title: '设置奖励比例', message, confirmLabel: '设置' }))) return
    setBusy(true)
    const result = await setRate({ input: { basisPoints, effectiveFrom: chinaMidnight(date) } })
    setBusy(false)
    if (result.error) setMessage({ text: readableErrorText(result.error), error: true })
    else {
      setMessage({
        text: resultMessage('setRewardRate', { from: date, rate: formatRate(result.data!.setRewardRate.basisPoints) }),
        error: false,
      })
      setPercent('')
      setDate('')
      refetch({ requestPolicy: 'network-only' })
    }
  }

  return (
    <>
      {canSet && (
        <section className="panel" aria-labelledby="set-rate-title">
          <div className="panel-head">
            <h1 id="set-rate-title">设置奖励比例</h1>
          </div>
          <form className="filters" onSubmit={submit}>
            <div className="field">
              <label htmlFor="rate-percent">奖励比例（%）</label>
              <input
                id="rate-percent"
                inputMode="decimal"
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
                placeholder="如 10"
                required
              />
            </div>
            <div className="field">
              <label htmlFor="rate-date">生效日期</label>
              <input
                id="rate-date"
                type="date"
                min={chinaDateFromToday(1)}
                value={date}
                onChange={(e) => setDate(e.target.value)}
                required
                aria-describedby="rate-date-hint"
              />
              <small id="rate-date-hint" className="muted">
                最早从明天零点起生效：已发生的收费不按新比例重算
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
      <section className="panel" aria-labelledby="rates-title">
        <div className="panel-head">
          <h2 id="rates-title">奖励比例历史</h2>
        </div>
        <ErrorNotice error={error} />
        {fetching && !data ? (
          <Loading />
        ) : (data?.rewardRates.length ?? 0) === 0 ? (
          <EmptyState>尚未设置奖励比例（未设置期间的收费不计奖励经费）</EmptyState>
        ) : (
          <TableScroll labelledBy="rates-title">
            <table className="table" data-testid="reward-rates">
              <thead>
                <tr>
                  <th scope="col">生效时间</th>
                  <th scope="col">奖励比例</th>
                  <th scope="col">设置时间</th>
                </tr>
              </thead>
              <tbody>
                {data!.rewardRates.map((rate) => (
                  <tr key={rate.id}>
                    <td>{formatDateTime(rate.effectiveFrom)}</td>
                    <td>{formatRate(rate.basisPoints)}</td>
                    <td>{formatDateTime(rate.createdAt)}</td>
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
