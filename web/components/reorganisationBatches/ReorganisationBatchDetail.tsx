'use client'
// One 批量机构改革 batch: what it holds (the rows as the dry run read them), 审核 for the office above (通过 / 不通过
// with a reason, each confirmed), 撤回 for the uploader, and while it is carried out the progress (rows done of all,
// the time left) polled every two seconds, then the result: rows carried out, rows failed with their reasons.
import { useEffect, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { Field } from '@/components/ui/Field'
import { formatDateTime, formatWait } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { TableScroll } from '@/components/ui/TableScroll'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { BatchStatusTag } from './parts'

export const ReorganisationBatchQuery = graphql(`
  query ReorganisationBatch($id: ID!) {
    reorganisationBatch(id: $id) {
      id
      fileName
      status
      version
      officeName
      reviewOfficeName
      uploadedByName
      reviewedByName
      reviewNote
      canReview
      canWithdraw
      rowCount
      doneCount
      failedCount
      percent
      etaSeconds
      createdAt
      reviewedAt
      startedAt
      finishedAt
      summaries {
        sequence
        sheetRow
        kindText
        summary
        objectCount
      }
      rows(statuses: [FAILED]) {
        id
        sequence
        sheetRow
        kindText
        failure
      }
    }
  }
`)

export const ReviewReorganisationBatchMutation = graphql(`
  mutation ReviewReorganisationBatch($input: ReviewReorganisationBatchInput!) {
    reviewReorganisationBatch(input: $input) {
      id
      status
      version
    }
  }
`)

export const WithdrawReorganisationBatchMutation = graphql(`
  mutation WithdrawReorganisationBatch($id: ID!) {
    withdrawReorganisationBatch(id: $id) {
      id
      status
      version
    }
  }
`)

const POLL_MS = 2000

export function ReorganisationBatchDetail({ id }: { id: string }) {
  const confirm = useConfirm()
  const [{ data, fetching, error }, reload] = useQuery({ query: ReorganisationBatchQuery, variables: { id } })
  const [, review] = useMutation(ReviewReorganisationBatchMutation)
  const [, withdraw] = useMutation(WithdrawReorganisationBatchMutation)
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const [result, setResult] = useState<ActionResult | null>(null)
  const [busy, setBusy] = useState(false)
  const batch = data?.reorganisationBatch
  const active = batch?.status === 'APPROVED' || batch?.status === 'RUNNING'

  // While the job runs, ask again every two seconds (the progress lives in the database).
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => reload({ requestPolicy: 'network-only' }), POLL_MS)
    return () => clearInterval(timer)
  }, [active, reload])

  if (!batch) return fetching ? <Loading /> : <ErrorNotice error={error} />

  async function decide(approve: boolean) {
    if (!batch) return
    if (!approve && [...note.trim()].length < 2)
      return setResult({ text: '请填写不通过的原因（2-500 个字）。', error: true })
    const ok = await confirm(
      approve
        ? {
            title: '审核通过',
            message: `确定审核通过「${batch.fileName}」吗？\n共 ${batch.rowCount} 项机构改革，通过后立即逐项执行，不能撤回。`,
            confirmLabel: '通过',
          }
        : {
            title: '审核不通过',
            message: `确定审核不通过「${batch.fileName}」吗？\n原因：${note.trim()}`,
            confirmLabel: '不通过',
            danger: true,
          },
    )
    if (!ok) return
    setBusy(true)
    const answer = await review({
      input: { id: batch.id, version: batch.version, approve, note: approve ? null : note.trim() },
    })
    setBusy(false)
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setRejecting(false)
    setResult({
      text: resultMessage('reviewReorganisationBatch', { approved: approve, rows: batch.rowCount }),
      error: false,
    })
    reload({ requestPolicy: 'network-only' })
  }

  async function takeBack() {
    if (!batch) return
    const ok = await confirm({
      title: '撤回',
      message: `确定撤回「${batch.fileName}」吗？撤回后如需办理，请重新上传。`,
      confirmLabel: '撤回',
      danger: true,
    })
    if (!ok) return
    const answer = await withdraw({ id: batch.id })
    if (answer.error) return setResult({ text: describeFailure(answer.error).message, error: true })
    setResult({ text: resultMessage('withdrawReorganisationBatch'), error: false })
    reload({ requestPolicy: 'network-only' })
  }

  const finished = batch.doneCount + batch.failedCount
  return (
    <section className="panel" aria-labelledby="batch-title">
      <div className="panel-head">
        <h1 id="batch-title">批量机构改革：{batch.fileName}</h1>
        <BatchStatusTag status={batch.status} />
      </div>
      <dl className="facts">
        <dt>提交编办</dt>
        <dd>
          {batch.officeName}（{batch.uploadedByName ?? ''}，{formatDateTime(batch.createdAt)}）
        </dd>
        <dt>审核编办</dt>
        <dd>
          {batch.reviewOfficeName}
          {batch.reviewedAt && `（${batch.reviewedByName ?? ''}，${formatDateTime(batch.reviewedAt)}）`}
        </dd>
        {batch.reviewNote && (
          <>
            <dt>审核意见</dt>
            <dd>{batch.reviewNote}</dd>
          </>
        )}
      </dl>
      <ResultNotice result={result} testId="batch-detail-result" />
      <ErrorNotice error={error} />

      {batch.canReview && (
        <div data-testid="batch-review">
          {rejecting && (
            <Field id="batch-reject-note" label="不通过原因" required>
              {(control) => (
                <textarea {...control} value={note} onChange={(event) => setNote(event.target.value)} rows={3} />
              )}
            </Field>
          )}
          <p>
            {!rejecting && (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void decide(true)}>
                审核通过
              </button>
            )}{' '}
            {rejecting ? (
              <>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => void decide(false)}
                >
                  确认不通过
                </button>{' '}
                <button type="button" className="button button-light" onClick={() => setRejecting(false)}>
                  取消
                </button>
              </>
            ) : (
              <button type="button" className="button button-light" disabled={busy} onClick={() => setRejecting(true)}>
                审核不通过
              </button>
            )}
          </p>
        </div>
      )}
      {batch.canWithdraw && (
        <p>
          <button type="button" className="button button-light" onClick={() => void takeBack()}>
            撤回
          </button>
        </p>
      )}

      {(active || batch.status === 'COMPLETED') && (
        <div data-testid="batch-progress">
          <h2>执行进度</h2>
          <progress max={batch.rowCount} value={finished} aria-label="执行进度" style={{ width: '100%' }} />
          <p role="status" data-testid="batch-progress-text">
            已处理 {finished} / {batch.rowCount} 项（{batch.percent}%）：已执行 {batch.doneCount} 项，失败{' '}
            {batch.failedCount} 项
            {batch.status === 'RUNNING' && batch.etaSeconds != null && `，预计还需 ${formatWait(batch.etaSeconds)}`}
            {batch.status === 'COMPLETED' &&
              batch.finishedAt &&
              `。已于 ${formatDateTime(batch.finishedAt)} 全部处理完毕`}
          </p>
          <p className="muted">
            每项机构改革单独执行：要么该项全部对象转移，要么都不动。某项因提交后情况变化（如域名有待处理的续费申请）无法执行时记录原因，其余各项继续执行；失败的项可修改后另行办理。
          </p>
        </div>
      )}

      {batch.rows.length > 0 && (
        <>
          <h2 id="batch-failed-title">执行失败的改革事项</h2>
          <TableScroll labelledBy="batch-failed-title">
            <table className="table" data-testid="batch-failed">
              <thead>
                <tr>
                  <th className="num">序号</th>
                  <th className="num">行号</th>
                  <th>类型</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {batch.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="num">{row.sequence}</td>
                    <td className="num">{row.sheetRow}</td>
                    <td>{row.kindText}</td>
                    <td>{row.failure}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}

      <h2 id="batch-rows-title">改革事项（{batch.rowCount} 项）</h2>
      <TableScroll labelledBy="batch-rows-title">
        <table className="table" data-testid="batch-summaries">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th className="num">行号</th>
              <th>类型</th>
              <th>内容</th>
              <th className="num">对象数</th>
            </tr>
          </thead>
          <tbody>
            {batch.summaries.map((row) => (
              <tr key={row.sequence}>
                <td className="num">{row.sequence}</td>
                <td className="num">{row.sheetRow}</td>
                <td>{row.kindText ?? ''}</td>
                <td>{row.summary}</td>
                <td className="num">{row.objectCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}
