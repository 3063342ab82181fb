'use client'
// 经办人交接 (/unit/handover): the unit's primary account names the new handler (name, mobile, email, ID number); the
// new handler completes it on their own device with the emailed link and the SMS code to the new mobile
// (/handover?token=…). While it waits the page shows it with 取消交接; below, every handover of the unit.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { FailureSummary } from '@/components/registration/ErrorSummary'
import { HandlerFields } from '@/components/registration/HandlerFields'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, readableErrorText, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { UnitHandoverPageQuery as PageResult } from '@/graphql/generated/graphql'
import styles from './handover.module.css'
import { newHandlerProblems, NEW_HANDLER_LABELS } from './rules'

const UnitHandoverPageQuery = graphql(`
  query UnitHandoverPage {
    me {
      id
      unitRole
    }
    myUnitContacts {
      unitId
      unitName
      handlerName
      handlerMobile
      handlerEmail
    }
    unitHandovers {
      id
      status
      expired
      oldName
      oldMobile
      newName
      newMobile
      newEmail
      newIdNumber
      startedByName
      createdAt
      expiresAt
      completedAt
      cancelledAt
      canCancel
    }
  }
`)

const StartHandoverMutation = graphql(`
  mutation StartHandover($input: StartHandoverInput!) {
    startHandover(input: $input) {
      id
      newName
      newMobile
      newEmail
    }
  }
`)

const CancelHandoverMutation = graphql(`
  mutation CancelHandover($id: ID!) {
    cancelHandover(id: $id)
  }
`)

type Handover = PageResult['unitHandovers'][number]

const EMPTY = { newName: '', newMobile: '', newEmail: '', newIdNumber: '' }

function statusOf(handover: Handover): { tone: StatusTone; label: string } {
  if (handover.status === 'COMPLETED') return { tone: 'ok', label: '已完成' }
  if (handover.status === 'CANCELLED') return { tone: 'neutral', label: '已取消' }
  return handover.expired ? { tone: 'neutral', label: '已过期' } : { tone: 'warn', label: '待新经办人确认' }
}

export function UnitHandoverPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: UnitHandoverPageQuery })
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const [result, setResult] = useState<ActionResult | null>(null)

  if (!data) {
    return (
      <section className="panel reg-form" aria-labelledby="handover-title">
        <div className="panel-head">
          <h1 id="handover-title">经办人交接</h1>
        </div>
        <ErrorNotice error={error} />
        {fetching && <Loading />}
      </section>
    )
  }
  const contacts = data.myUnitContacts
  const primary = data.me?.unitRole === 'PRIMARY'
  const pending = data.unitHandovers.find((handover) => handover.status === 'PENDING' && !handover.expired)
  return (
    <>
      <section className="panel reg-form" aria-labelledby="handover-title" data-testid="handover-page">
        <div className="panel-head">
          <h1 id="handover-title">经办人交接</h1>
          <span className="panel-meta">{contacts.unitName}</span>
        </div>
        <p className="reg-help">
          {'经办人离职或更换时，由单位主账号在此登记新经办人。系统向新经办人的邮箱发送确认链接、向其手机发送验证码；' +
            '新经办人在自己的设备上打开链接，输入验证码并设置新密码后交接完成。单位登录名、域名和历史记录保持不变，' +
            '原经办人的所有登录将立即退出，新旧经办人都会收到通知。'}
        </p>
        <dl className="facts">
          <div>
            <dt>现经办人</dt>
            <dd data-testid="current-handler">{contacts.handlerName}</dd>
          </div>
          <div>
            <dt>手机</dt>
            <dd className="mono">{contacts.handlerMobile}</dd>
          </div>
          <div>
            <dt>电子邮箱</dt>
            <dd>{contacts.handlerEmail}</dd>
          </div>
        </dl>
        <ResultNotice result={result} testId="handover-result" />
        {!primary ? (
          <p className="notice" data-testid="handover-primary-only">
            经办人交接需由单位主账号办理。
          </p>
        ) : pending ? (
          <PendingHandover handover={pending} onDone={(next) => (setResult(next), reload())} />
        ) : (
          <StartHandoverForm onStarted={(next) => (setResult(next), reload())} />
        )}
      </section>
      <HandoverHistory handovers={data.unitHandovers} />
    </>
  )
}

function PendingHandover({ handover, onDone }: { handover: Handover; onDone: (result: ActionResult) => void }) {
  const [, cancel] = useMutation(CancelHandoverMutation)
  const [busy, setBusy] = useState(false)
  const confirm = useConfirm()

  async function onCancel() {
    const message = `取消后，发给${handover.newName}的确认链接和验证码立即失效，经办人保持不变。确定取消吗？`
    if (!(await confirm({ title: '取消经办人交接', message, confirmLabel: '取消交接', danger: true }))) return
    setBusy(true)
    const result = await cancel({ id: handover.id })
    setBusy(false)
    onDone(
      result.error
        ? { error: true, text: readableErrorText(result.error) }
        : { error: false, text: resultMessage('cancelHandover') },
    )
  }

  return (
    <div data-testid="handover-pending">
      <h2 className={styles.subtitle}>进行中的交接</h2>
      <dl className="facts">
        <div>
          <dt>新经办人</dt>
          <dd>{handover.newName}</dd>
        </div>
        <div>
          <dt>手机</dt>
          <dd className="mono">{handover.newMobile}</dd>
        </div>
        <div>
          <dt>电子邮箱</dt>
          <dd>{handover.newEmail}</dd>
        </div>
        <div>
          <dt>身份证号</dt>
          <dd className="mono">{handover.newIdNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>发起</dt>
          <dd>
            {handover.startedByName}，{formatDateTime(handover.createdAt)}
          </dd>
        </div>
        <div>
          <dt>链接有效期至</dt>
          <dd>{formatDateTime(handover.expiresAt)}</dd>
        </div>
      </dl>
      <p className="muted">等待新经办人打开邮件中的链接，输入手机验证码并设置密码。</p>
      {handover.canCancel && (
        <div className="reg-actions">
          <button type="button" className="button button-light" onClick={onCancel} disabled={busy}>
            {busy ? '正在取消…' : '取消交接'}
          </button>
        </div>
      )}
    </div>
  )
}

function StartHandoverForm({ onStarted }: { onStarted: (result: ActionResult) => void }) {
  const [, start] = useMutation(StartHandoverMutation)
  const [form, setForm] = useState(EMPTY)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const hydrated = useHydrated()
  const confirm = useConfirm()

  type Name = keyof typeof EMPTY
  const set = (name: Name) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: Name) => failure?.fields[name]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local = newHandlerProblems(form)
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '新经办人信息有误，请按提示修改', fields: local })
      return
    }
    const message =
      `将向 ${form.newEmail.trim()} 发送确认链接，向 ${form.newMobile.trim()} 发送短信验证码。` +
      `${form.newName.trim()}完成确认后，原经办人的所有登录将立即退出。确定发起交接吗？`
    if (!(await confirm({ title: '发起经办人交接', message, confirmLabel: '发起交接' }))) return
    setSubmitting(true)
    setFailure(null)
    const result = await start({ input: form })
    setSubmitting(false)
    const started = result.data?.startHandover
    if (started) {
      setForm(EMPTY)
      onStarted({ error: false, text: resultMessage('startHandover', started) })
      return
    }
    setFailure(describeFailure(result.error, '发起失败，请稍后再试'))
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="handover-form">
      <h2 className={styles.subtitle}>登记新经办人</h2>
      {failure && <FailureSummary failure={failure} labels={NEW_HANDLER_LABELS} testId="handover-error" />}
      <div className="reg-grid">
        <HandlerFields
          prefix="new"
          form={form}
          set={set}
          errorOf={fieldError}
          labels={{ Name: '新经办人姓名', IdNumber: '身份证号', Mobile: '手机号码' }}
          help={{ Mobile: '验证码将发送到此号码', Email: '确认链接将发送到此邮箱' }}
        />
      </div>
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在发起…' : '发起交接'}
        </button>
        <Link href="/unit/contacts">变更联系人</Link>
      </div>
    </form>
  )
}

function HandoverHistory({ handovers }: { handovers: Handover[] }) {
  return (
    <section className={`panel reg-form ${styles.history}`} aria-labelledby="handover-history-title">
      <div className="panel-head">
        <h2 id="handover-history-title">交接记录</h2>
      </div>
      {handovers.length === 0 ? (
        <EmptyState testId="handover-history-empty">本单位尚无经办人交接记录。</EmptyState>
      ) : (
        <TableScroll labelledBy="handover-history-title">
          <table className="table" data-testid="handover-history">
            <thead>
              <tr>
                <th scope="col">发起时间</th>
                <th scope="col">原经办人</th>
                <th scope="col">新经办人</th>
                <th scope="col">新手机</th>
                <th scope="col">发起人</th>
                <th scope="col">状态</th>
                <th scope="col">完成/取消时间</th>
              </tr>
            </thead>
            <tbody>
              {handovers.map((handover) => {
                const status = statusOf(handover)
                return (
                  <tr key={handover.id}>
                    <td>{formatDateTime(handover.createdAt)}</td>
                    <td>{handover.oldName}</td>
                    <td>{handover.newName}</td>
                    <td className="mono">{handover.newMobile}</td>
                    <td>{handover.startedByName}</td>
                    <td>
                      <StatusTag tone={status.tone}>{status.label}</StatusTag>
                    </td>
                    <td>{formatDateTime(handover.completedAt ?? handover.cancelledAt) || '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
