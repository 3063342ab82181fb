'use client'
// 定时任务: each scheduled job with its schedule (Beijing time), last run, result and next run, and 立即运行
// (behind a confirmation) for the current period. A period runs once; running it again says it already ran.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { describeResult } from './results'

export const ScheduledJobsDocument = graphql(`
  query ScheduledJobs {
    scheduledJobs {
      name
      title
      schedule
      nextRunAt
      lastRun {
        periodKey
        status
        startedAt
        finishedAt
        result
        error
      }
    }
  }
`)

export const RunJobNowDocument = graphql(`
  mutation RunJobNow($job: String!) {
    runJobNow(job: $job) {
      periodKey
      alreadyRan
      job {
        name
        title
      }
      run {
        periodKey
        status
        startedAt
        finishedAt
        result
        error
      }
    }
  }
`)

const STATUS_LABELS = { RUNNING: '执行中', SUCCEEDED: '已完成', FAILED: '失败' } as const

export function ScheduledJobs() {
  const [{ data, fetching, error }] = useQuery({ query: ScheduledJobsDocument })
  const [, runNow] = useMutation(RunJobNowDocument)
  const confirm = useConfirm()
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  async function onRun(name: string, title: string) {
    const message = `立即运行「${title}」？将执行当前这一期任务（每天运行的为今天，每隔几分钟运行的为当前时段，北京时间）；这一期已成功运行过的不会重复执行。`
    if (!(await confirm({ title: '立即运行定时任务', message, confirmLabel: '立即运行' }))) return
    setBusy(name)
    setMessage(null)
    const result = await runNow({ job: name })
    setBusy(null)
    if (result.error) setMessage({ text: readableErrorText(result.error), error: true })
    else if (result.data?.runJobNow) {
      const answer = result.data.runJobNow
      // A run that failed now is a failure to show as one; one that failed earlier today is what that run did.
      setMessage({
        text: resultMessage('runJobNow', { jobRun: answer }),
        error: !answer.alreadyRan && answer.run.status === 'FAILED',
      })
    }
  }

  return (
    <section className="panel" aria-labelledby="scheduled-jobs-title">
      <div className="panel-head">
        <h1 id="scheduled-jobs-title">定时任务</h1>
      </div>
      <p className="muted">
        各任务按北京时间定时运行，每期（每天）只运行一次；服务停机错过的最近一期会在启动后补运行。
      </p>
      <ErrorNotice error={error} />
      <ResultNotice result={message} testId="job-message" />
      {fetching && !data ? (
        <Loading />
      ) : (
        <TableScroll labelledBy="scheduled-jobs-title">
          <table className="table table-fit" data-testid="scheduled-jobs">
            <thead>
              <tr>
                <th scope="col">任务</th>
                <th scope="col">上次运行</th>
                <th scope="col">结果</th>
                <th scope="col">下次运行</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {(data?.scheduledJobs ?? []).map((job) => (
                <tr key={job.name} data-job={job.name}>
                  <td>
                    {job.title}
                    <span className="table-subline">{job.schedule}</span>
                  </td>
                  <td>
                    {job.lastRun ? (
                      <>
                        {job.lastRun.periodKey} {STATUS_LABELS[job.lastRun.status]}
                        <span className="table-subline">{formatDateTime(job.lastRun.startedAt)} 开始</span>
                      </>
                    ) : (
                      '从未运行'
                    )}
                  </td>
                  <td className="table-text">
                    {job.lastRun?.error ? `错误：${job.lastRun.error}` : describeResult(job.lastRun?.result)}
                  </td>
                  <td>{formatDateTime(job.nextRunAt)}</td>
                  <td className="table-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={busy !== null}
                      onClick={() => onRun(job.name, job.title)}
                    >
                      {busy === job.name ? '运行中…' : '立即运行'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
