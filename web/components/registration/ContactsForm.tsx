'use client'
// 变更联系人: the unit user keeps the handler and mailing details current (seed 000 step 4). A new mobile number
// must receive a code first; the version loaded with the form guards against overwriting someone else's save.
import Link from 'next/link'
import { useEffect, useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { graphql } from '@/graphql/generated'
import type { UnitContactsQuery } from '@/graphql/generated/graphql'
import { describeApiError, type FormFailure } from './apiErrors'
import { idNumberHint } from './checks'
import { TextField } from './TextField'
import { VerificationCodeButton } from './VerificationCodeButton'

export const UnitContactsDocument = graphql(`
  query UnitContacts {
    myUnitContacts {
      unitId
      unitName
      handlerName
      handlerMobile
      handlerEmail
      handlerIdNumber
      landline
      address
      postcode
      version
    }
  }
`)

export const UpdateUnitContactsMutation = graphql(`
  mutation UpdateUnitContacts($input: UpdateUnitContactsInput!) {
    updateUnitContacts(input: $input) {
      unitId
      unitName
      handlerName
      handlerMobile
      handlerEmail
      handlerIdNumber
      landline
      address
      postcode
      version
    }
  }
`)

type Contacts = UnitContactsQuery['myUnitContacts']

function formOf(contacts: Contacts) {
  return {
    handlerName: contacts.handlerName,
    handlerMobile: contacts.handlerMobile,
    handlerEmail: contacts.handlerEmail,
    handlerIdNumber: contacts.handlerIdNumber ?? '',
    landline: contacts.landline ?? '',
    address: contacts.address,
    postcode: contacts.postcode,
    verificationCode: '',
  }
}

export function ContactsForm({ initial, showOutboxLink }: { initial: Contacts; showOutboxLink: boolean }) {
  const [, update] = useMutation(UpdateUnitContactsMutation)
  const [saved, setSaved] = useState(initial)
  const [form, setForm] = useState(() => formOf(initial))
  const [failure, setFailure] = useState<FormFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])

  type Name = keyof ReturnType<typeof formOf>
  const set = (name: Name) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: string) => failure?.fields[name]
  const mobileChanged = form.handlerMobile.trim() !== saved.handlerMobile

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    setSubmitting(true)
    setFailure(null)
    setNotice(null)
    const result = await update({
      input: {
        ...form,
        landline: form.landline || null,
        verificationCode: mobileChanged ? form.verificationCode : null,
        version: saved.version,
      },
    })
    setSubmitting(false)
    const updated = result.data?.updateUnitContacts
    if (updated) {
      setSaved(updated)
      setForm(formOf(updated))
      setNotice('联系人信息已保存')
      return
    }
    setFailure(describeApiError(result.error, '保存失败，请稍后再试'))
  }

  return (
    <form className="panel reg-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="contacts-form">
      <div className="panel-head">
        <h1>变更联系人</h1>
        <span className="panel-meta">{saved.unitName}</span>
      </div>
      <p className="reg-help">经办人、联系方式和单位地址须保持准确：审核结果通过短信、邮件通知，发票寄往单位地址。更换经办人手机号需验证新号码。</p>
      {notice && (
        <p className="notice reg-notice-ok" role="status" data-testid="contacts-saved">
          {notice}
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert" data-testid="contacts-error" data-code={failure.code}>
          {failure.message}
          {failure.code === 'CONFLICT' && (
            <>
              {' '}
              <button type="button" className="button button-light" onClick={() => window.location.reload()}>
                刷新
              </button>
            </>
          )}
        </p>
      )}
      <div className="reg-grid">
        <TextField name="handlerName" label="经办人姓名" required maxLength={32} value={form.handlerName} onChange={set('handlerName')} error={fieldError('handlerName')} />
        <TextField name="handlerIdNumber" label="经办人身份证号" required maxLength={18} className="mono" spellCheck={false} value={form.handlerIdNumber} onChange={set('handlerIdNumber')} error={fieldError('handlerIdNumber')} hint={idNumberHint(form.handlerIdNumber)} />
        <TextField name="handlerMobile" label="经办人手机" required maxLength={11} inputMode="numeric" value={form.handlerMobile} onChange={set('handlerMobile')} error={fieldError('handlerMobile')} />
        <TextField name="handlerEmail" label="电子邮箱" required type="email" maxLength={128} value={form.handlerEmail} onChange={set('handlerEmail')} error={fieldError('handlerEmail')} />
        {mobileChanged && (
          <div className="field reg-wide">
            <label htmlFor="reg-verificationCode">
              新手机号验证码<span className="reg-required" aria-hidden="true"> *</span>
            </label>
            <div className="reg-code-row">
              <input id="reg-verificationCode" name="verificationCode" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={form.verificationCode} onChange={(event) => set('verificationCode')(event.target.value)} aria-invalid={fieldError('verificationCode') ? true : undefined} />
              <VerificationCodeButton mobile={form.handlerMobile} purpose="CONTACT_CHANGE" id="contacts-code-status" />
            </div>
            {fieldError('verificationCode') && <p className="field-error">{fieldError('verificationCode')}</p>}
            {showOutboxLink && (
              <p className="reg-help">
                开发环境可在 <Link href="/dev/outbox" target="_blank">开发发件箱</Link> 查看验证码。
              </p>
            )}
          </div>
        )}
        <TextField name="landline" label="固定电话" maxLength={32} value={form.landline} onChange={set('landline')} error={fieldError('landline')} placeholder="如 0393-7221234" />
        <TextField name="postcode" label="邮政编码" required maxLength={6} inputMode="numeric" value={form.postcode} onChange={set('postcode')} error={fieldError('postcode')} />
        <TextField name="address" label="单位地址" required wide maxLength={256} value={form.address} onChange={set('address')} error={fieldError('address')} help="发票将寄送至此地址" />
      </div>
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在保存…' : '保存'}
        </button>
        <Link href="/unit">返回单位首页</Link>
      </div>
    </form>
  )
}
