'use client'
// 每日扣费: today at a glance (the 01:00 run, everything charged today including right after 认款, what waits and
// why), 立即执行 (behind a confirmation; a day runs once, and pressing it again says so), and the past runs.
import { useState } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { formatClock, todayFacts } from './chargeText'

export const ChargeRunsDocument = graphql(`
  query ChargeRuns {
    chargeOverview {
      day
      todaysRun {
        id
        status
        startedAt
        finishedAt
        charged
        skipped
        chargedFen
        error
      }
      chargedToday {
        items
        amountFen
      }
      waiting {
        items
        amountFen
        shortfallFen
        offices
      }
    }
    chargeRuns(first: 50) {
      totalCount
      edges {
        node {
          id
          periodKey
          status
          startedAt
          finishedAt
          charged
          skipped
          chargedFen
          error
        }
      }
    }
  }
`)

export const RunDailyChargeNowDocument = graphql(`
  mutation RunDailyChargeNow {
    runJobNow(job: "dailyCharge") {
      periodKey
      alreadyRan
    }
  }
`)

const STATUS_LABELS = { RUNNING: '执行中', SUCCEEDED: '已完成', FAILED: '失败' } as const

/** `canRunNow`: 立即执行 is runJobNow, a system operation for the 管理员 role; 财务 reads the runs. */
export function ChargeRuns({ canRunNow }: { canRunNow: boolean }) {
  const client = useClient()
  const [{ data, fetching, error }] = useQuery({ query: ChargeRunsDocument })
  const [, runNow] = useMutation(RunDailyChargeNowDocument)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const overview = data?.chargeOverview

  async function onRun() {
    const message =
      '立即执行今天的每日扣费？将按收费先后从各编办帐户余额中扣费，余额不足的项目待该编办下次认款后再扣。每天只执行一次，今天已执行过的不会重复执行。'
    if (!(await confirm({ title: '立即执行每日扣费', message, confirmLabel: '立即执行' }))) return
    setBusy(true)
    setMessage(null)
    const result = await runNow({})
    const answer = result.data?.runJobNow
    // What the run did and what waits now, read after it finished.
    const fresh = answer
      ? await client.query(ChargeRunsDocument, {}, { requestPolicy: 'network-only' }).toPromise()
      : null
    setBusy(false)
    if (!answer)
      setMessage({ text: result.error ? readableErrorText(result.error) : '执行失败，请稍后再试', error: true })
    else if (!fresh?.data && fresh?.error) setMessage({ text: readableErrorText(fresh.error), error: true })
    else {
      const today = fresh?.data?.chargeOverview ?? null
      setMessage({
        text: resultMessage('runJobNow', { dailyCharge: { alreadyRan: answer.alreadyRan, today } }),
        error: today?.todaysRun?.status === 'FAILED',
      })
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby="charge-today-title">
        <div className="panel-head panel-head-wrap">
          <h1 id="charge-today-title">每日扣费{overview ? `：今天（${overview.day}）` : ''}</h1>
          {canRunNow && (
            <button type="button" className="button button-primary" disabled={busy} onClick={onRun}>
              {busy ? '执行中…' : '立即执行'}
            </button>
          )}
        </div>
        <p className="muted panel-text">
          每天 01:00（北京时间）自动为各编办扣费；CONAC 认款后即按新余额扣费，当日完成注册或续费。
        </p>
        <ErrorNotice error={error} />
        <ResultNotice result={message} testId="charge-message" />
        {overview ? (
          <dl className="facts" data-testid="charge-today">
            {todayFacts(overview).map(([label, text]) => (
              <div key={label} className="wide">
                <dt>{label}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        ) : (
          fetching && <Loading />
        )}
      </section>
      <section className="panel" aria-labelledby="charge-runs-title">
        <div className="panel-head">
          <h2 id="charge-runs-title">扣费记录</h2>
          {data && <span className="panel-meta">共 {data.chargeRuns.totalCount} 次</span>}
        </div>
        {fetching && !data ? (
          <Loading />
        ) : (data?.chargeRuns.edges.length ?? 0) === 0 ? (
          <EmptyState>暂无扣费记录</EmptyState>
        ) : (
          <TableScroll labelledBy="charge-runs-title">
            <table className="table table-fit" data-testid="charge-runs">
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">状态</th>
                  <th scope="col">运行时间</th>
                  <th scope="col" className="num">
                    扣费（项）
                  </th>
                  <th scope="col" className="num">
                    未扣（项）
                  </th>
                  <th scope="col" className="num">
                    扣费金额（元）
                  </th>
                </tr>
              </thead>
              <tbody>
                {data!.chargeRuns.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.periodKey}</td>
                    <td className="table-text">
                      {STATUS_LABELS[node.status]}
                      {node.error && <span className="table-subline">{node.error}</span>}
                    </td>
                    <td>
                      {formatDateTime(node.startedAt)}
                      {node.finishedAt && <span className="table-subline">至 {formatClock(node.finishedAt)}</span>}
                    </td>
                    <td className="num">{node.charged}</td>
                    <td className="num">{node.skipped}</td>
                    <td className="num">{formatYuan(node.chargedFen)}</td>
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
