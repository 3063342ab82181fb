'use client'
// 机构改革申请 (office): the plan in full (sources, targets, every object with its 去向) and, for the reviewing
// office, 通过 / 不通过; for the filing office, 撤回. Each asks for confirmation; 通过 carries the plan out at once.
import Link from 'next/link'
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { ReorganisationDetailQuery, ReviewReorganisationMutation, WithdrawReorganisationMutation } from './documents'
import { ACTION_LABELS, KIND_LABELS, OBJECT_LABELS, STATUS_LABELS, STATUS_TONES } from './labels'
import styles from './reorganisations.module.css'

export function ReorganisationDetail({ id, basePath }: { id: string; basePath: string }) {
  const confirm = useConfirm()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ReorganisationDetailQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  })
  const [, review] = useMutation(ReviewReorganisationMutation)
  const [, withdraw] = useMutation(WithdrawReorganisationMutation)
  const [note, setNote] = useState('')
  const [message, setMessage] = useState<ActionResult | null>(null)
  const [busy, setBusy] = useState(false)
  const request = data?.unitReorganisation

  if (!request) {
    return (
      <section className="panel">
        <ErrorNotice error={error} />
        {fetching ? <Loading /> : <EmptyState>机构改革申请不存在或无权查看</EmptyState>}
      </section>
    )
  }
  const what = `${KIND_LABELS[request.kind]}：${request.sourceUnitNames.join('、')}`

  async function decide(approve: boolean) {
    if (!request) return
    if (!approve && [...note.trim()].length < 2) {
      setMessage({ text: '不通过时须填写 2-500 个字的审核意见', error: true })
      return
    }
    const ok = await confirm(
      approve
        ? {
            title: '审核通过并实施',
            message: `确定审核通过「${what}」吗？\n通过后立即实施：${request.objects.length} 个对象按方案划转或注销，原单位停用。此操作不能撤销。`,
            confirmLabel: '通过并实施',
            danger: true,
          }
        : {
            title: '审核不通过',
            message: `确定审核不通过「${what}」吗？\n审核意见：${note.trim()}`,
            confirmLabel: '不通过',
          },
    )
    if (!ok) return
    setBusy(true)
    const result = await review({
      input: { id: request.id, version: request.version, approve, note: note.trim() || null },
    })
    setBusy(false)
    if (result.data?.reviewReorganisation) {
      const done = result.data.reviewReorganisation
      setMessage({
        text: resultMessage('reviewReorganisation', {
          approved: approve,
          moved: done.movedCount ?? 0,
          cancelled: done.cancelledCount ?? 0,
        }),
        error: false,
      })
      refetch({ requestPolicy: 'network-only' })
    } else setMessage({ text: describeFailure(result.error, '审核失败，请稍后再试').message, error: true })
  }

  async function takeBack() {
    if (!request) return
    const ok = await confirm({
      title: '撤回机构改革申请',
      message: `确定撤回「${what}」吗？撤回后可重新提交。`,
      confirmLabel: '撤回',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    const result = await withdraw({ input: { id: request.id, version: request.version } })
    setBusy(false)
    if (result.data?.withdrawReorganisation) {
      setMessage({ text: resultMessage('withdrawReorganisation'), error: false })
      refetch({ requestPolicy: 'network-only' })
    } else setMessage({ text: describeFailure(result.error, '撤回失败，请稍后再试').message, error: true })
  }

  return (
    <section className="panel" aria-labelledby="reorganisation-title" data-testid="reorganisation-detail">
      <div className="panel-head">
        <h1 id="reorganisation-title">
          机构改革申请 {request.id}：{KIND_LABELS[request.kind]}
        </h1>
        <StatusTag tone={STATUS_TONES[request.status]} testId="reorganisation-status">
          {STATUS_LABELS[request.status]}
        </StatusTag>
      </div>
      <div className={styles.body}>
        <p>
          <Link href={basePath}>返回机构改革列表</Link>
        </p>
        <ResultNotice result={message} testId="reorganisation-result" />
        <dl className={styles.facts}>
          <dt>原单位</dt>
          <dd>{request.sourceUnitNames.join('、')}</dd>
          {request.newName && (
            <>
              <dt>新名称</dt>
              <dd>{request.newName}</dd>
            </>
          )}
          <dt>生效日期</dt>
          <dd>{request.effectiveDate}</dd>
          <dt>改革依据</dt>
          <dd>{request.note}</dd>
          <dt>提交</dt>
          <dd>
            {request.initiatingOffice.name} {request.requestedByName ?? ''} {formatDateTime(request.requestedAt)}
          </dd>
          <dt>审核编办</dt>
          <dd>{request.reviewOffice.name}</dd>
          {request.decidedAt && (
            <>
              <dt>审核</dt>
              <dd>
                {request.decidedByName ?? ''} {formatDateTime(request.decidedAt)} {request.decisionNote ?? ''}
              </dd>
            </>
          )}
        </dl>
        {request.targets.length > 0 && (
          <>
            <h2 className={styles.sectionTitle}>目标单位</h2>
            <ul className={styles.list} data-testid="reorganisation-targets">
              {request.targets.map((t) => (
                <li key={t.ref}>
                  {t.ref}：{t.name}
                  {t.isNew ? '（新设单位）' : '（已有单位）'}
                </li>
              ))}
            </ul>
          </>
        )}
        {request.objects.length > 0 && (
          <>
            <h2 className={styles.sectionTitle}>{request.status === 'CARRIED_OUT' ? '实施结果' : '对象去向'}</h2>
            <TableScroll label="对象去向">
              <table className="table" data-testid="reorganisation-objects">
                <thead>
                  <tr>
                    <th scope="col">类别</th>
                    <th scope="col">对象</th>
                    <th scope="col">原单位</th>
                    <th scope="col">去向</th>
                  </tr>
                </thead>
                <tbody>
                  {request.objects.map((o) => (
                    <tr key={`${o.objectType}:${o.objectId}`}>
                      <td>{OBJECT_LABELS[o.objectType]}</td>
                      <td>{o.label}</td>
                      <td>{o.unitName}</td>
                      <td>
                        {o.action === 'MOVE'
                          ? `${ACTION_LABELS.MOVE}到 ${o.targetName ?? ''}`
                          : o.action
                            ? ACTION_LABELS[o.action]
                            : '未列入'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
        {request.viewerMayReview && (
          <div className={styles.review} data-testid="reorganisation-review">
            <div className="field">
              <label htmlFor="reorganisation-note">审核意见（不通过时必填）</label>
              <textarea
                id="reorganisation-note"
                rows={2}
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => decide(true)}
              data-testid="reorganisation-approve"
            >
              通过并实施
            </button>{' '}
            <button type="button" className="button button-light" disabled={busy} onClick={() => decide(false)}>
              不通过
            </button>
          </div>
        )}
        {request.viewerMayWithdraw && (
          <p>
            <button
              type="button"
              className="button button-light"
              disabled={busy}
              onClick={takeBack}
              data-testid="reorganisation-withdraw"
            >
              撤回申请
            </button>
          </p>
        )}
      </div>
    </section>
  )
}
