'use client'
// 标识安装检测 (CONAC): the latest run over the whole country and 立即运行检测. A run takes tens of minutes at national
// scale, so the button only queues one (the scheduler carries it out: at once when the API runs it, within a minute
// in production) and this panel follows it: while it is RUNNING it asks latestInstallCheckRun again every two
// seconds and shows 排队中, then a progress bar with 已检测 / 共, the counts so far and 预计剩余, and when it ends the
// result. The button is disabled while a run is going on (the API refuses a second one anyway: CONFLICT JOB_RUNNING).
import { useEffect, useRef, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { LatestInstallCheckRunQuery as LatestRunData } from '@/graphql/generated/graphql'
import { formatCount, formatEta, isDailyRun, runPercent } from './format'

/** What the panel shows of a run; the query and the mutation's answer read the same. */
export const InstallCheckRunFields = graphql(`
  fragment InstallCheckRunFields on InstallCheckRun {
    id
    periodKey
    status
    queued
    startedAt
    finishedAt
    lastProgressAt
    total
    sites
    checked
    found
    missing
    failed
    etaSeconds
  }
`)

export const LatestInstallCheckRunQuery = graphql(`
  query LatestInstallCheckRun {
    latestInstallCheckRun {
      ...InstallCheckRunFields
    }
  }
`)

export const RunInstallChecksMutation = graphql(`
  mutation RunInstallChecks {
    runInstallChecks {
      ...InstallCheckRunFields
    }
  }
`)

export type InstallCheckRun = NonNullable<LatestRunData['latestInstallCheckRun']>

/** How often a running run is asked for again. */
const POLL_MS = 2000
/** A run that beats (every few seconds) and has not for this long has lost its process: the scheduler resumes it. */
const STALLED_AFTER_MS = 2 * 60_000
/** A queued run waits for the scheduler's next tick (a minute); longer than this, the scheduler may not be running. */
const LONG_QUEUED_MS = 3 * 60_000

type RunState = 'queued' | 'waitingLong' | 'running' | 'stalled' | 'succeeded' | 'failed'

function stateOf(run: InstallCheckRun, now: number | null): RunState {
  if (run.status === 'SUCCEEDED') return 'succeeded'
  if (run.status === 'FAILED') return 'failed'
  if (run.queued)
    return now !== null && now - new Date(run.startedAt).getTime() > LONG_QUEUED_MS ? 'waitingLong' : 'queued'
  const last = run.lastProgressAt ?? run.startedAt
  return now !== null && now - new Date(last).getTime() > STALLED_AFTER_MS ? 'stalled' : 'running'
}

const TAG: Record<RunState, { text: string; tone: StatusTone }> = {
  queued: { text: '排队中', tone: 'warn' },
  waitingLong: { text: '排队中', tone: 'warn' },
  running: { text: '检测中', tone: 'warn' },
  stalled: { text: '检测暂停', tone: 'warn' },
  succeeded: { text: '已完成', tone: 'ok' },
  failed: { text: '检测中断', tone: 'error' },
}

/**
 * The latest run, kept across a failed refresh (the page goes on showing it and asking again), with `show` for the
 * run 立即运行检测 just queued. `onFinished` is called when a run this page saw running has ended.
 */
function useLatestRun(onFinished: () => void) {
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: LatestInstallCheckRunQuery,
    requestPolicy: 'cache-and-network',
  })
  // undefined: not known yet; null: there has never been a run. A new answer replaces it; a failed one does not.
  const [run, setRun] = useState<InstallCheckRun | null | undefined>(
    data ? (data.latestInstallCheckRun ?? null) : undefined,
  )
  const [seen, setSeen] = useState(data)
  if (data !== seen) {
    setSeen(data)
    if (data) setRun(data.latestInstallCheckRun ?? null)
  }
  // The time of the latest poll, for 排队中 or a pause that lasts too long (not read during render: a tick sets it).
  const [now, setNow] = useState<number | null>(null)
  const running = run?.status === 'RUNNING'

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      setNow(Date.now())
      reexecute({ requestPolicy: 'network-only' })
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [running, reexecute])

  const wasRunning = useRef(false)
  useEffect(() => {
    if (running) wasRunning.current = true
    else if (wasRunning.current && run) {
      wasRunning.current = false
      onFinished()
    }
  }, [running, run, onFinished])

  return {
    run,
    error,
    fetching,
    now,
    show: (queued: InstallCheckRun) => setRun(queued),
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
  }
}

/** The CONAC part of the 标识安装检测 page: the latest run with its progress, and 立即运行检测. */
export function InstallCheckRunPanel({ onFinished }: { onFinished: () => void }) {
  const latest = useLatestRun(onFinished)
  const [, start] = useMutation(RunInstallChecksMutation)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  // runId: the run a success message is about; it goes once that run has ended (the result line says how it went).
  const [message, setMessage] = useState<(ActionResult & { runId?: string }) | null>(null)
  const { run } = latest
  const running = run?.status === 'RUNNING'
  const shownMessage = message && (message.error || (running && run?.id === message.runId)) ? message : null

  async function onRun() {
    const question =
      '立即对全国有效的自建网站标识运行安装检测？\n' +
      '检测在后台进行：系统逐一访问各网站首页，近几天内已检测到标识的网站本轮跳过。' +
      '全国网站较多，检测可能需要几十分钟；本页会显示检测进度，离开本页不影响检测。'
    if (!(await confirm({ title: '立即运行安装检测', message: question, confirmLabel: '开始检测' }))) return
    setBusy(true)
    setMessage(null)
    const result = await start({})
    setBusy(false)
    if (result.error) {
      // Most likely a run began meanwhile (CONFLICT JOB_RUNNING): the panel shows that one.
      setMessage({ text: readableErrorText(result.error), error: true })
      latest.refresh()
      return
    }
    const queued = result.data!.runInstallChecks
    setMessage({ text: resultMessage('runInstallChecks', queued), error: false, runId: queued.id })
    latest.show(queued)
  }

  return (
    <div className="install-run" data-testid="install-run">
      <div className="install-run-head">
        <h2 id="install-run-title">
          最近一次检测{run ? (isDailyRun(run.periodKey) ? '（每日定时检测）' : '（手动运行）') : ''}
        </h2>
        {run && (
          <StatusTag tone={TAG[stateOf(run, latest.now)].tone} testId="install-run-status">
            {TAG[stateOf(run, latest.now)].text}
          </StatusTag>
        )}
        <button
          type="button"
          className="button button-primary install-run-button"
          data-testid="install-run-button"
          disabled={busy || run === undefined || running}
          onClick={onRun}
        >
          {busy ? '正在提交…' : '立即运行检测'}
        </button>
      </div>
      <ResultNotice result={shownMessage} testId="install-run-message" />
      {run === undefined ? (
        latest.fetching ? (
          <Loading />
        ) : (
          <ErrorNotice error={latest.error} />
        )
      ) : run === null ? (
        <EmptyState testId="install-run-empty">尚未运行过安装检测</EmptyState>
      ) : (
        <>
          {/* A failed refresh while the run goes on: the last progress stays, the next poll tries again. */}
          {running && latest.error && (
            <p className="muted install-run-note" data-testid="install-run-refresh-failed">
              暂时无法获取最新进度，正在重试…
            </p>
          )}
          <RunProgress run={run} state={stateOf(run, latest.now)} />
        </>
      )}
    </div>
  )
}

function RunProgress({ run, state }: { run: InstallCheckRun; state: RunState }) {
  const waiting = state === 'queued' || state === 'waitingLong'
  const ended = state === 'succeeded' || state === 'failed'
  const percent = runPercent(run.checked, run.total, ended)
  // Taken by the scheduler, counting what is due (a moment; at national scale a few seconds).
  const counting = state === 'running' && run.total === 0 && run.checked === 0
  return (
    <div data-state={state} data-testid="install-run-progress">
      {waiting ? (
        <p className="install-run-line" role="status" data-testid="install-run-queued">
          排队中（等待调度进程开始，一般在一分钟内）
          {state === 'waitingLong' && (
            <span className="muted install-run-note">
              已等待超过 3 分钟。如长时间未开始，请联系系统运维人员检查定时任务（调度进程）是否在运行。
            </span>
          )}
        </p>
      ) : (
        <>
          <progress
            className="install-run-bar"
            max={Math.max(run.total, 1)}
            value={run.total > 0 ? Math.min(run.checked, run.total) : ended ? 1 : 0}
            aria-label="检测进度"
            aria-valuetext={`已检测 ${percent}%`}
            data-testid="install-run-bar"
          />
          <p className="install-run-line">
            {counting ? (
              '正在统计本轮需要检测的标识…'
            ) : (
              <>
                已检测 <strong data-testid="install-run-checked">{formatCount(run.checked)}</strong> /{' '}
                <span data-testid="install-run-total">{formatCount(run.total)}</span> 个标识（
                <span data-testid="install-run-percent">{percent}%</span>）
                {run.sites > 0 && <span className="muted">，涉及 {formatCount(run.sites)} 个网站</span>}
              </>
            )}
          </p>
          <dl className="install-run-stats">
            <div>
              <dt>已找到标识代码</dt>
              <dd className="num" data-testid="install-run-found">
                {formatCount(run.found)}
              </dd>
            </div>
            <div>
              <dt>未找到标识代码</dt>
              <dd className="num" data-testid="install-run-missing">
                {formatCount(run.missing)}
              </dd>
            </div>
            <div>
              <dt>无法访问</dt>
              <dd className="num" data-testid="install-run-failed">
                {formatCount(run.failed)}
              </dd>
            </div>
            {!ended && (
              <div>
                <dt>预计剩余</dt>
                <dd className="num" data-testid="install-run-eta">
                  {formatEta(run.etaSeconds)}
                </dd>
              </div>
            )}
          </dl>
        </>
      )}
      <p className="muted install-run-times">
        <span className="install-run-time">
          {waiting ? '提交时间' : '开始时间'}{' '}
          <span data-testid="install-run-started">{formatDateTime(run.startedAt)}</span>
        </span>
        {run.finishedAt && (
          <span className="install-run-time">
            完成时间 <span data-testid="install-run-finished">{formatDateTime(run.finishedAt)}</span>
          </span>
        )}
      </p>
      <RunOutcome run={run} state={state} />
    </div>
  )
}

/** What the run came to, or what is going on when it is not simply working. */
function RunOutcome({ run, state }: { run: InstallCheckRun; state: RunState }) {
  if (state === 'succeeded')
    return (
      <p className="notice notice-ok install-run-result" role="status" data-testid="install-run-result">
        {run.total === 0
          ? '检测完成：本轮没有需要检测的网站（近几天内已检测到标识的网站不再重复检测）。'
          : `检测完成：共检测 ${formatCount(run.checked)} 个标识，已找到标识代码 ${formatCount(run.found)} 个，未找到 ${formatCount(run.missing)} 个，无法访问 ${formatCount(run.failed)} 个。`}
      </p>
    )
  if (state === 'failed')
    return (
      // A state of the run, not a failure of the page: a warning, which says what happens next.
      <p className="notice notice-warning install-run-result" role="status" data-testid="install-run-result">
        检测中断：已检测 {formatCount(run.checked)} / {formatCount(run.total)}{' '}
        个标识，结果已保存。系统会在之后的定时检测中自动继续检测其余网站，也可以稍后再次点击“立即运行检测”。
      </p>
    )
  if (state === 'stalled')
    return (
      <p className="notice notice-warning install-run-result" role="status" data-testid="install-run-result">
        检测暂停：超过 2 分钟没有新的进度（检测进程可能已重启）。系统会自动从中断处继续检测，已检测的结果不会丢失。
      </p>
    )
  return null
}
