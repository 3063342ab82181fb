'use client'
// A handover waiting for the new handler: whom it names, who started it, until when the link works, and 取消交接 for
// those who may (the unit's primary account, or the office staff member who started it: canCancel). Shown on the
// unit's /unit/handover and on the office's 单位账号管理.
import { useState, type ReactNode } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import type { ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import type { PendingHandover_HandoverFragment } from '@/graphql/generated/graphql'
import { CancelHandoverDocument } from './documents'
import { HandlerFacts } from './HandlerFacts'
import styles from './handover.module.css'

export type PendingHandoverView = PendingHandover_HandoverFragment

export function PendingHandover({
  handover,
  onDone,
  children,
}: {
  handover: PendingHandoverView
  onDone: (result: ActionResult) => void
  /** More buttons beside 取消交接 (关闭). */
  children?: ReactNode
}) {
  const [, cancel] = useMutation(CancelHandoverDocument)
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
      <HandlerFacts label="新经办人" name={handover.newName} mobile={handover.newMobile} email={handover.newEmail}>
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
      </HandlerFacts>
      <p className="muted">
        {'等待新经办人打开邮件中的链接，输入手机验证码并设置密码。未收到验证码时，新经办人可在链接页面重新发送；' +
          '新经办人信息有误或链接过期时，请取消后重新发起。'}
      </p>
      {(handover.canCancel || children) && (
        <div className="reg-actions">
          {handover.canCancel && (
            <button type="button" className="button button-light" onClick={onCancel} disabled={busy}>
              {busy ? '正在取消…' : '取消交接'}
            </button>
          )}
          {children}
        </div>
      )}
    </div>
  )
}
