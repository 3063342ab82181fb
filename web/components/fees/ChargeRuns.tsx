'use client'
// 每日扣费: the daily runs, and 立即执行 (behind a confirmation) for today. A day runs once; again shows that run.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { graphql } from '@/graphql/generated'
import { describeError, formatDateTime, formatYuan } from './format'

export const ChargeRunsDocument = graphql(`
  query ChargeRuns {
    chargeRuns(first: 50) { totalCount edges { node { id periodKey status startedAt finishedAt charged skipped chargedFen error } } }
  }
`)

export const RunDailyChargeDocument = graphql(`
  mutation RunDailyCharge { runDailyCharge { id periodKey status charged skipped chargedFen } }
`)

const STATUS_LABELS = { RUNNING: '执行中', SUCCEEDED: '已完成', FAILED: '失败' } as const

export function ChargeRuns() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ChargeRunsDocument })
  const [, run] = useMutation(RunDailyChargeDocument)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  async function onRun() {
    if (!window.confirm('立即执行今日扣费？将按收费先后从各编办帐户余额中扣费，余额不足的项目留待以后。每天只执行一次。')) return
    setBusy(true)
    const result = await run({})
    setBusy(false)
    if (result.error) setMessage({ text: describeError(result.error), error: true })
    else {
      const r = result.data!.runDailyCharge
      setMessage({ text: `${r.periodKey} 扣费完成：成功 ${r.charged} 项，共 ${formatYuan(r.chargedFen)} 元；余额不足或已变化 ${r.skipped} 项。`, error: false })
    }
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="charge-runs-title">
      <div className="panel-head">
        <h1 id="charge-runs-title">每日扣费</h1>
        <button type="button" className="button button-primary" disabled={busy} onClick={onRun}>立即执行</button>
      </div>
      {error && <p className="notice notice-error" role="alert">{describeError(error)}</p>}
      {message && <p className={message.error ? 'notice notice-error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {fetching && !data ? (
        <p className="muted">加载中…</p>
      ) : (data?.chargeRuns.edges.length ?? 0) === 0 ? (
        <p className="empty">暂无扣费记录</p>
      ) : (
        <TableScroll labelledBy="charge-runs-title">
          <table className="table" data-testid="charge-runs">
            <thead><tr><th scope="col">日期</th><th scope="col">状态</th><th scope="col">开始</th><th scope="col">结束</th><th scope="col">成功</th><th scope="col">未扣</th><th scope="col">扣费金额（元）</th></tr></thead>
            <tbody>
              {data!.chargeRuns.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.periodKey}</td><td>{STATUS_LABELS[node.status]}{node.error ? `：${node.error}` : ''}</td><td>{formatDateTime(node.startedAt)}</td><td>{formatDateTime(node.finishedAt)}</td>
                  <td>{node.charged}</td><td>{node.skipped}</td><td className="fees-amount">{formatYuan(node.chargedFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
