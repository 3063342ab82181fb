'use client'
// 登记新经办人: the new handler's name, ID number, mobile and email, checked here as the API checks them, then a
// confirmation naming where the link and the code go, then startHandover. The unit's primary account starts one for
// its own unit (/unit/handover); the 管理员 of a unit's same-level office for that unit (unitId, 单位账号管理).
import { useState, type FormEvent, type ReactNode } from 'react'
import { useMutation } from 'urql'
import { FailureSummary } from '@/components/registration/ErrorSummary'
import { HandlerFields } from '@/components/registration/HandlerFields'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { resultMessage } from '@/components/ui/resultMessages'
import type { ActionResult } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { StartHandoverDocument } from './documents'
import styles from './handover.module.css'
import { newHandlerProblems, NEW_HANDLER_LABELS } from './rules'

const EMPTY = { newName: '', newMobile: '', newEmail: '', newIdNumber: '' }

export function StartHandoverForm({
  unitId,
  unitName,
  onStarted,
  children,
}: {
  /** Office staff: the unit to hand over. The unit's own page leaves it out. */
  unitId?: string
  /** Named in the confirmation when an office acts for a unit. */
  unitName?: string
  onStarted: (result: ActionResult) => void
  /** More buttons beside 发起交接 (a link to 变更联系人, 关闭). */
  children?: ReactNode
}) {
  const [, start] = useMutation(StartHandoverDocument)
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
      (unitName ? `为“${unitName}”办理经办人交接。` : '') +
      `将向 ${form.newEmail.trim()} 发送确认链接，向 ${form.newMobile.trim()} 发送短信验证码。` +
      `${form.newName.trim()}完成确认后，原经办人的所有登录将立即退出。确定发起交接吗？`
    if (!(await confirm({ title: '发起经办人交接', message, confirmLabel: '发起交接' }))) return
    setSubmitting(true)
    setFailure(null)
    const result = await start({ input: { ...form, unitId } })
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
        {children}
      </div>
    </form>
  )
}
