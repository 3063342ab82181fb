'use client'
// 变更联系人: the unit user keeps the contact and mailing details current (seed 000 step 4). The handler's name and
// mobile are shown read-only: a new handler comes through 经办人交接 (/unit/handover), where the new mobile proves
// itself. The version loaded with the form guards against overwriting someone else's save.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { resultMessage } from '@/components/ui/resultMessages'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import type { UnitContacts_FormFragment } from '@/graphql/generated/graphql'
import { FailureSummary } from './ErrorSummary'
import { HandlerFields } from './HandlerFields'
import { UnitAddressFields } from './UnitFactFields'
import { TextField } from './TextField'
import { UpdateUnitContactsMutation } from './contactsDocuments'
import { RevealIdNumber } from '@/components/pii/RevealIdNumber'
import { CONTACT_FIELD_LABELS, contactChangeProblems, contactFormOf } from './rules'

type Contacts = UnitContacts_FormFragment

export function ContactsForm({ initial }: { initial: Contacts }) {
  const [, update] = useMutation(UpdateUnitContactsMutation)
  const [saved, setSaved] = useState(initial)
  const [form, setForm] = useState(() => contactFormOf(initial))
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const hydrated = useHydrated()

  type Name = keyof ReturnType<typeof contactFormOf>
  const set = (name: Name) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: string) => failure?.fields[name]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    setNotice(null)
    const local = contactChangeProblems(form, saved, saved.handlerIdNumber ?? null)
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '联系人信息有误，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await update({
      input: {
        ...form,
        landline: form.landline || null,
        version: saved.version,
      },
    })
    setSubmitting(false)
    const updated = result.data?.updateUnitContacts
    if (updated) {
      setSaved(updated)
      setForm(contactFormOf(updated))
      setNotice(resultMessage('updateUnitContacts'))
      return
    }
    setFailure(describeFailure(result.error, '保存失败，请稍后再试'))
  }

  return (
    <form className="panel reg-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="contacts-form">
      <div className="panel-head">
        <h1>变更联系人</h1>
        <span className="panel-meta">{saved.unitName}</span>
      </div>
      <p className="reg-help">
        {'联系方式和单位地址须保持准确：审核结果通过短信、邮件通知，发票寄往单位地址。经办人姓名和手机号不能在此修改，'}
        更换经办人请使用<Link href="/unit/handover">经办人交接</Link>（新经办人须验证手机号）。
      </p>
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="contacts-saved">
          {notice}
        </p>
      )}
      {failure && (
        <FailureSummary failure={failure} labels={CONTACT_FIELD_LABELS} testId="contacts-error" reloadOnConflict />
      )}
      <div className="reg-grid">
        <HandlerFields
          prefix="handler"
          form={form}
          set={set}
          errorOf={fieldError}
          readOnly={['Name', 'Mobile']}
          help={{ Name: '更换经办人请使用“经办人交接”', Mobile: '新经办人的手机号在交接时验证' }}
          storedIdNumber={saved.handlerIdNumber}
          afterIdNumber={
            <div className="reg-help" data-testid="contacts-id-number">
              当前登记的身份证号：
              <RevealIdNumber subject="UNIT" id={saved.unitId} masked={saved.handlerIdNumber ?? null} />
              <br />
              号码部分隐藏；不修改则保持原号码，修改请输入完整号码。
            </div>
          }
        />
        <TextField
          name="landline"
          label="固定电话"
          maxLength={32}
          value={form.landline}
          onChange={set('landline')}
          error={fieldError('landline')}
          placeholder="如 0393-7221234"
        />
        <UnitAddressFields
          values={form}
          set={set}
          errorOf={fieldError}
          readOnly
          addressHelp="发票将寄送至此地址；地址变更请在“单位信息”申请，经同级编办审核"
        />
      </div>
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在保存…' : '保存'}
        </button>
        <Link href="/unit/handover">经办人交接</Link>
        <Link href="/unit/profile">单位信息</Link>
        <Link href="/unit">返回单位首页</Link>
      </div>
    </form>
  )
}
