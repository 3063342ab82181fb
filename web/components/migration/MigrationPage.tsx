'use client'
// 数据迁移 (CONAC 管理员): 新建导入 → 上传文件 (several; each file's detected kind, size and rows; a file of unknown
// kind is named and refused) → 校验 (a dry run in the background: progress bar with rows, 行/秒 and 预计剩余) → the
// report (counts per kind, the refused rows page by page, 下载校验报告) → 提交导入 after a ConfirmDialog naming what
// will be written → the result per kind (新增 / 更新 / 未变 / 拒绝). Below, every earlier run (CLI runs too).
// The selected run is in the address (?run=<id>), so a reload keeps it.
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { FilePicker } from '@/components/ui/FilePicker'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatWait } from '@/components/ui/format'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { MigrationRunDetailQuery } from '@/graphql/generated/graphql'
import { MigrationStatusTag, formatBytes, formatCount } from './parts'

export const MigrationRunsQuery = graphql(`
  query MigrationRuns($first: Int, $after: String) {
    migrationRuns(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          source
          status
          dryRun
          interrupted
          createdAt
          createdByName
          finishedAt
          problemCount
          files {
            fileName
          }
        }
      }
    }
  }
`)

export const MigrationRunDetailQueryDoc = graphql(`
  query MigrationRunDetail($id: ID!, $after: String) {
    migrationRun(id: $id) {
      id
      source
      status
      dryRun
      version
      interrupted
      phaseText
      rowsDone
      rowsTotal
      percent
      rowsPerSecond
      etaSeconds
      problemCount
      error
      canUpload
      canValidate
      canCommit
      reportPath
      createdAt
      finishedAt
      files {
        uploadId
        fileName
        kindText
        size
        rows
      }
      counts {
        kind
        kindText
        rows
        valid
        inserted
        updated
        unchanged
        refused
      }
      problems(first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            fileName
            row
            column
            message
          }
        }
      }
    }
  }
`)

export const CreateMigrationRunMutation = graphql(`
  mutation CreateMigrationRun {
    createMigrationRun {
      id
      status
    }
  }
`)

export const ValidateMigrationRunMutation = graphql(`
  mutation ValidateMigrationRun($id: ID!, $version: Int) {
    validateMigrationRun(id: $id, version: $version) {
      id
      status
      version
    }
  }
`)

export const CommitMigrationRunMutation = graphql(`
  mutation CommitMigrationRun($id: ID!, $version: Int!) {
    commitMigrationRun(id: $id, version: $version) {
      id
      status
      version
    }
  }
`)

export const RemoveMigrationUploadMutation = graphql(`
  mutation RemoveMigrationUpload($id: ID!) {
    removeMigrationUpload(id: $id) {
      id
      status
      version
    }
  }
`)

type Run = NonNullable<MigrationRunDetailQuery['migrationRun']>

/** The API's upload limit (server/src/modules/migration/upload.ts MAX_UPLOAD_BYTES). */
const MAX_FILE_BYTES = 50 * 1024 * 1024

const running = (run: Pick<Run, 'status' | 'interrupted'>) =>
  (run.status === 'VALIDATING' || run.status === 'COMMITTING') && !run.interrupted

export function MigrationPage() {
  const router = useRouter()
  const pathname = usePathname()
  const params = useSearchParams()
  const selected = params.get('run')
  const pages = useCursorPages()
  const [list, reloadList] = useQuery({
    query: MigrationRunsQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  })
  const [result, setResult] = useState<ActionResult | null>(null)
  const [, create] = useMutation(CreateMigrationRunMutation)
  const [creating, setCreating] = useState(false)

  const listChanged = useCallback(() => reloadList({ requestPolicy: 'network-only' }), [reloadList])

  const select = (id: string | null) => {
    setResult(null)
    router.replace(id ? `${pathname}?run=${id}` : pathname, { scroll: false })
  }

  async function startRun() {
    setCreating(true)
    const answer = await create({})
    setCreating(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setResult({ text: resultMessage('createMigrationRun'), error: false })
    reloadList({ requestPolicy: 'network-only' })
    router.replace(`${pathname}?run=${answer.data!.createMigrationRun.id}`, { scroll: false })
  }

  const connection = list.data?.migrationRuns
  return (
    <>
      <section className="panel" aria-labelledby="migration-title">
        <div className="panel-head">
          <h1 id="migration-title">数据迁移</h1>
        </div>
        <div className="panel-section">
          <p className="muted">
            把原网上名称注册管理系统导出的数据（编办、编办人员、注册单位、域名、解析记录、网站标识、网站开办申请、编办余额、发票库存）
            按模板整理成 .xlsx 或 .csv
            文件后上传。先校验：校验只读不写，报告逐行列出被拒绝的行（文件、行号、列、原因）；确认后再提交导入。
            同样的文件再导入一次不会改变任何数据，修正后的文件只更新有变化的内容。
          </p>
          <p>
            <button
              type="button"
              className="button button-primary"
              disabled={creating}
              onClick={() => void startRun()}
              data-testid="migration-new"
            >
              新建导入
            </button>
          </p>
          <ResultNotice result={result} testId="migration-result" />
        </div>
      </section>

      {selected && <RunPanel key={selected} runId={selected} onChanged={listChanged} />}

      <section className="panel" aria-labelledby="migration-runs-title">
        <div className="panel-head">
          <h2 id="migration-runs-title">导入记录</h2>
          {connection && <span className="panel-meta">共 {connection.totalCount} 次</span>}
        </div>
        <ErrorNotice error={list.error} />
        {!connection ? (
          list.fetching ? (
            <Loading />
          ) : null
        ) : connection.edges.length === 0 ? (
          <EmptyState testId="migration-runs-empty">还没有导入记录。点击“新建导入”开始。</EmptyState>
        ) : (
          <TableScroll labelledBy="migration-runs-title">
            <table className="table" data-testid="migration-runs">
              <thead>
                <tr>
                  <th className="num">编号</th>
                  <th>来源</th>
                  <th>状态</th>
                  <th className="num">文件</th>
                  <th className="num">拒绝行数</th>
                  <th>创建时间</th>
                  <th className="table-actions">操作</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr key={node.id} aria-current={String(node.id) === selected ? 'true' : undefined}>
                    <td className="num">{node.id}</td>
                    <td>
                      {node.source === 'CLI'
                        ? '命令行'
                        : `页面${node.createdByName ? `（${node.createdByName}）` : ''}`}
                    </td>
                    <td>
                      <MigrationStatusTag status={node.status} dryRun={node.dryRun} interrupted={node.interrupted} />
                    </td>
                    <td className="num">{node.files.length}</td>
                    <td className="num">{formatCount(node.problemCount)}</td>
                    <td>{formatDateTime(node.createdAt)}</td>
                    <td className="table-actions">
                      <button type="button" className="button button-light" onClick={() => select(String(node.id))}>
                        查看
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
      </section>
    </>
  )
}

interface UploadOutcome {
  fileName: string
  error: string | null
}

/** Posts one file's bytes to the portal's proxy of the API's upload route. */
async function uploadFile(runId: string, file: File): Promise<UploadOutcome> {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return { fileName: file.name, error: '只支持 .xlsx 或 .csv 文件' }
  if (file.size > MAX_FILE_BYTES) return { fileName: file.name, error: '文件超过 50 MB，请拆分后上传' }
  try {
    const response = await fetch(`/migration/runs/${runId}/files?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    })
    if (response.ok) return { fileName: file.name, error: null }
    let message = '上传失败，请稍后再试'
    try {
      const body = (await response.json()) as { errors?: { message?: string }[] }
      message = body.errors?.[0]?.message ?? message
    } catch {}
    if (response.status === 401) message = '登录已过期，请重新登录'
    return { fileName: file.name, error: message }
  } catch {
    return { fileName: file.name, error: '无法连接服务器，请检查网络后重试' }
  }
}

function RunPanel({ runId, onChanged }: { runId: string; onChanged: () => void }) {
  const confirm = useConfirm()
  const problemPages = useCursorPages()
  const [detail, reload] = useQuery({
    query: MigrationRunDetailQueryDoc,
    variables: { id: runId, after: problemPages.after },
    requestPolicy: 'network-only',
  })
  const [, validate] = useMutation(ValidateMigrationRunMutation)
  const [, commit] = useMutation(CommitMigrationRunMutation)
  const [, remove] = useMutation(RemoveMigrationUploadMutation)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ActionResult | null>(null)
  const [uploads, setUploads] = useState<UploadOutcome[]>([])
  const run = detail.data?.migrationRun

  // While the run works in the background, ask again every second and a half.
  const isRunning = !!run && running(run)
  const wasRunning = useRef(false)
  // The run's version when this page started its background work: a later version, not running, means it ended.
  const [startedVersion, setStartedVersion] = useState<number | null>(null)
  const version = run?.version
  // Once that work has ended, its 已开始… message is done: the status and the summary say how it went.
  const startedWorkEnded = !isRunning && startedVersion != null && version != null && version > startedVersion
  const shownResult = startedWorkEnded ? null : result
  useEffect(() => {
    if (!isRunning) {
      if (wasRunning.current) onChanged()
      wasRunning.current = false
      return
    }
    wasRunning.current = true
    const timer = setInterval(() => reload({ requestPolicy: 'network-only' }), 1500)
    return () => clearInterval(timer)
  }, [isRunning, reload, onChanged])

  const refresh = () => {
    reload({ requestPolicy: 'network-only' })
    onChanged()
  }

  async function choose(files: File[]) {
    if (!files.length) return
    setBusy(true)
    setResult(null)
    setStartedVersion(null)
    const outcomes: UploadOutcome[] = []
    for (const file of files) outcomes.push(await uploadFile(runId, file))
    setBusy(false)
    setUploads(outcomes.filter((outcome) => outcome.error))
    const done = outcomes.filter((outcome) => !outcome.error).length
    if (done)
      setResult({
        text: `已上传 ${done} 个文件${done < outcomes.length ? '，其余文件未上传（见下方原因）' : ''}。`,
        error: false,
      })
    refresh()
  }

  async function removeUpload(uploadId: string, fileName: string) {
    const ok = await confirm({
      title: '移除文件',
      message: `确定从本次导入中移除「${fileName}」吗？移除后需重新校验。`,
      confirmLabel: '移除',
    })
    if (!ok) return
    setBusy(true)
    const answer = await remove({ id: uploadId })
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setStartedVersion(null)
    setResult({ text: resultMessage('removeMigrationUpload', { fileName }), error: false })
    refresh()
  }

  async function startValidation() {
    if (!run) return
    setBusy(true)
    setResult(null)
    const answer = await validate({ id: String(run.id), version: run.version })
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    problemPages.reset()
    setStartedVersion(answer.data!.validateMigrationRun.version)
    setResult({ text: resultMessage('validateMigrationRun'), error: false })
    refresh()
  }

  async function startCommit() {
    if (!run) return
    const resumed = run.status !== 'VALIDATED'
    const lines = run.counts.map((count) => `${count.kindText}：${formatCount(count.valid)} 行`)
    const ok = await confirm({
      title: resumed ? '继续导入' : '提交导入',
      message: resumed
        ? `导入 #${run.id} 上次未完成。继续后，已写入的批次不会重复写入，其余数据接着写入。`
        : `将写入以下数据（按自然键新增或更新，未变的不动）：\n${lines.join('\n')}` +
          (run.problemCount ? `\n另有 ${formatCount(run.problemCount)} 行被拒绝，不会导入。` : '') +
          '\n导入的账号需由本人认领（设置密码）后才能登录。',
      confirmLabel: resumed ? '继续导入' : '提交导入',
    })
    if (!ok) return
    setBusy(true)
    setResult(null)
    const answer = await commit({ id: String(run.id), version: run.version })
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setStartedVersion(answer.data!.commitMigrationRun.version)
    setResult({ text: resultMessage('commitMigrationRun', { resumed }), error: false })
    refresh()
  }

  if (!run)
    return (
      <section className="panel" aria-label="导入详情">
        <ErrorNotice error={detail.error} />
        {detail.fetching && <Loading />}
      </section>
    )

  // The last pass was a commit: its counts are what was written.
  const committed = !run.dryRun
  return (
    <section className="panel" aria-labelledby="migration-run-title" data-testid="migration-run">
      <div className="panel-head">
        <h2 id="migration-run-title">导入 #{run.id}</h2>
        <MigrationStatusTag status={run.status} dryRun={run.dryRun} interrupted={run.interrupted} />
      </div>

      <div className="panel-section">
        <h3>1. 上传文件</h3>
      </div>
      {run.files.length === 0 ? (
        <EmptyState testId="migration-files-empty">还没有上传文件。可一次选择多个文件。</EmptyState>
      ) : (
        <TableScroll label="文件">
          <table className="table" data-testid="migration-files">
            <thead>
              <tr>
                <th>文件</th>
                <th>类型</th>
                <th className="num">大小</th>
                <th className="num">行数</th>
                {run.canUpload && <th className="table-actions">操作</th>}
              </tr>
            </thead>
            <tbody>
              {run.files.map((file) => (
                <tr key={file.fileName}>
                  <td>{file.fileName}</td>
                  <td>{file.kindText ?? '无法识别'}</td>
                  <td className="num">{formatBytes(file.size)}</td>
                  <td className="num">{file.rows == null ? '—' : formatCount(file.rows)}</td>
                  {run.canUpload && (
                    <td className="table-actions">
                      {file.uploadId && (
                        <button
                          type="button"
                          className="button button-light"
                          disabled={busy}
                          onClick={() => void removeUpload(String(file.uploadId), file.fileName)}
                        >
                          移除
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="panel-section">
        {run.canUpload && (
          <FilePicker
            id="migration-files-input"
            multiple
            accept=".xlsx,.csv"
            buttonLabel="选择文件（.xlsx 或 .csv，可多选，每个不超过 50 MB）"
            disabled={busy}
            clearAfterChoose
            onChange={(files) => void choose(files)}
            testId="migration-file-input"
          />
        )}
        {uploads.length > 0 && (
          <ul className="notice notice-error" role="alert" data-testid="migration-upload-errors">
            {uploads.map((upload) => (
              <li key={upload.fileName}>
                {upload.fileName}：{upload.error}
              </li>
            ))}
          </ul>
        )}

        <h3>2. 校验与导入</h3>
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={!run.canValidate || !run.files.length || busy}
            onClick={() => void startValidation()}
            data-testid="migration-validate"
          >
            {run.status === 'VALIDATED' || (run.status === 'FAILED' && run.dryRun) ? '重新校验' : '校验'}
          </button>{' '}
          <button
            type="button"
            className="button button-primary"
            disabled={!run.canCommit || busy}
            onClick={() => void startCommit()}
            data-testid="migration-commit"
          >
            {run.canCommit && run.status !== 'VALIDATED' ? '继续导入' : '提交导入'}
          </button>{' '}
          {(run.status === 'VALIDATED' || run.status === 'COMMITTED' || run.problemCount > 0) && (
            <a className="button button-light" href={run.reportPath} download data-testid="migration-report-download">
              下载校验报告（Excel）
            </a>
          )}
        </p>
        <ResultNotice result={shownResult} testId="migration-run-result" />

        {(isRunning || run.interrupted) && <ProgressBar run={run} />}
        {run.status === 'FAILED' && run.error && (
          <p className="notice notice-error" role="alert" data-testid="migration-error">
            {run.dryRun ? '校验' : '导入'}未完成：{run.error}
            {!run.dryRun && '。已写入的批次保留，点击“继续导入”接着写入。'}
          </p>
        )}
        {run.interrupted && (
          <p className="notice notice-error" role="alert">
            处理中断（服务重启或进程退出）。
            {run.dryRun ? '请重新校验。' : '点击“继续导入”接着写入，已写入的批次不会重复。'}
          </p>
        )}
      </div>

      {run.counts.length > 0 && (
        <>
          <div className="panel-section">
            <h3>{committed ? '导入结果' : '校验结果'}</h3>
            <p
              className={run.problemCount ? 'notice notice-error' : 'notice notice-ok'}
              role="status"
              data-testid="migration-summary"
            >
              {summaryText(run, committed)}
            </p>
          </div>
          <TableScroll label={committed ? '导入结果' : '校验结果'}>
            <table className="table" data-testid="migration-counts">
              <thead>
                <tr>
                  <th>类型</th>
                  <th className="num">行数</th>
                  {committed ? (
                    <>
                      <th className="num">新增</th>
                      <th className="num">更新</th>
                      <th className="num">未变</th>
                    </>
                  ) : (
                    <th className="num">有效</th>
                  )}
                  <th className="num">拒绝</th>
                </tr>
              </thead>
              <tbody>
                {run.counts.map((count) => (
                  <tr key={count.kind}>
                    <td>{count.kindText}</td>
                    <td className="num">{formatCount(count.rows)}</td>
                    {committed ? (
                      <>
                        <td className="num">{formatCount(count.inserted)}</td>
                        <td className="num">{formatCount(count.updated)}</td>
                        <td className="num">{formatCount(count.unchanged)}</td>
                      </>
                    ) : (
                      <td className="num">{formatCount(count.valid)}</td>
                    )}
                    <td className="num">{formatCount(count.refused)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}

      {run.problems.totalCount > 0 && (
        <>
          <div className="panel-section">
            <h3 id="migration-problems-title">被拒绝的行（共 {formatCount(run.problems.totalCount)} 条问题）</h3>
          </div>
          <TableScroll labelledBy="migration-problems-title">
            <table className="table" data-testid="migration-problems">
              <thead>
                <tr>
                  <th>文件</th>
                  <th className="num">行号</th>
                  <th>列</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {run.problems.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.fileName}</td>
                    <td className="num">{node.row || '整个文件'}</td>
                    <td>{node.column}</td>
                    <td>{node.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <ConnectionPager pages={problemPages} pageInfo={run.problems.pageInfo} />
        </>
      )}
    </section>
  )
}

function summaryText(run: Run, committed: boolean): string {
  const rows = run.counts.reduce((sum, count) => sum + count.rows, 0)
  if (committed) {
    const inserted = run.counts.reduce((sum, count) => sum + count.inserted, 0)
    const updated = run.counts.reduce((sum, count) => sum + count.updated, 0)
    const unchanged = run.counts.reduce((sum, count) => sum + count.unchanged, 0)
    return (
      `共 ${formatCount(rows)} 行：新增 ${formatCount(inserted)}，更新 ${formatCount(updated)}，未变 ${formatCount(unchanged)}` +
      (run.problemCount ? `，${formatCount(run.problemCount)} 行被拒绝（见下表，可下载校验报告）。` : '。')
    )
  }
  return run.problemCount
    ? `共 ${formatCount(rows)} 行，${formatCount(run.problemCount)} 行被拒绝（见下表）。可以修正文件后重新上传、重新校验；也可以直接提交，被拒绝的行不会导入。`
    : `共 ${formatCount(rows)} 行，全部通过校验，可以提交导入。`
}

function ProgressBar({ run }: { run: Run }) {
  return (
    <div data-testid="migration-progress">
      <p className="muted">
        {run.phaseText ?? '处理中'}：{formatCount(run.rowsDone)} / {formatCount(run.rowsTotal)} 行（{run.percent}%）
        {run.rowsPerSecond > 0 && `，${formatCount(run.rowsPerSecond)} 行/秒`}
        {run.etaSeconds != null && `，预计剩余 ${formatWait(run.etaSeconds)}`}
      </p>
      <progress
        max={Math.max(run.rowsTotal, 1)}
        value={Math.min(run.rowsDone, Math.max(run.rowsTotal, 1))}
        aria-label="进度"
        style={{ width: '100%' }}
      />
    </div>
  )
}
