'use client'
// 新用户注册 (seed 001 附件一): 注册单位信息, 注册人信息 and 登录信息 in one form. 注册 first checks the whole form in the
// browser (rules.ts, the API's rules) and marks every wrong field at once, with a summary at the top that links to
// them; only a form that passes is sent. The API's field errors (a taken name, a wrong code) show the same way.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { SystemCategory, UnitType } from '@/graphql/generated/graphql'
import { FailureSummary } from './ErrorSummary'
import { HandlerFields } from './HandlerFields'
import { chosenRegionCode, EMPTY_REGION, REGION_CONTROL_ID, RegionPicker, type RegionChoice } from './RegionPicker'
import { TextField } from './TextField'
import { UnitFactFields, type UnitFactField } from './UnitFactFields'
import { VerificationCodeField } from './VerificationCodeField'
import { REGISTRATION_FIELD_LABELS, registrationProblems } from './rules'

export const RegisterUnitMutation = graphql(`
  mutation RegisterUnit($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      unitName
      username
    }
  }
`)

const TEXT_FIELDS = [
  'name',
  'creditCode',
  'superiorUnitName',
  'functions',
  'address',
  'postcode',
  'landline',
  'handlerName',
  'handlerMobile',
  'handlerEmail',
  'handlerIdNumber',
  'username',
  'password',
  'passwordConfirm',
  'verificationCode',
] as const
type TextFieldName = (typeof TEXT_FIELDS)[number]

const EMPTY_FORM = Object.fromEntries(TEXT_FIELDS.map((name) => [name, ''])) as Record<TextFieldName, string>

/** The control a field's summary entry links to: the region's first select, otherwise the field's own. */
const controlIdOf = (field: string) => (field === 'regionCode' ? REGION_CONTROL_ID : `reg-${field}`)

export function RegisterForm({ showOutboxLink }: { showOutboxLink: boolean }) {
  const [, register] = useMutation(RegisterUnitMutation)
  const [form, setForm] = useState(EMPTY_FORM)
  const [type, setType] = useState<UnitType | ''>('')
  const [systemCategory, setSystemCategory] = useState<SystemCategory | ''>('')
  const [region, setRegion] = useState<RegionChoice>(EMPTY_REGION)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState<{ unitName: string; username: string } | null>(null)
  const hydrated = useHydrated()

  const set = (name: TextFieldName) => (value: string) => setForm((current) => ({ ...current, [name]: value }))
  const fieldError = (name: string) => failure?.fields[name]
  function setFact(field: UnitFactField, value: string) {
    if (field === 'type') setType(value as UnitType | '')
    else if (field === 'systemCategory') setSystemCategory(value as SystemCategory | '')
    else set(field)(value)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const local = registrationProblems({ ...form, type, systemCategory, regionCode: chosenRegionCode(region) })
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '注册信息有误，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const { passwordConfirm: _confirm, ...text } = form
    const result = await register({
      input: {
        ...text,
        type: type as UnitType,
        systemCategory: systemCategory as SystemCategory,
        regionCode: chosenRegionCode(region),
        superiorUnitName: text.superiorUnitName || null,
        functions: text.functions || null,
        landline: text.landline || null,
      },
    })
    setSubmitting(false)
    if (result.data?.registerUnit) {
      setDone(result.data.registerUnit)
      window.scrollTo({ top: 0 })
      return
    }
    setFailure(describeFailure(result.error, '注册失败，请稍后再试'))
  }

  if (done) {
    return (
      <section className="panel reg-done" aria-labelledby="reg-done-title" data-testid="register-done">
        <h1 id="reg-done-title">注册成功</h1>
        <p>
          “{done.unitName}”的账号已创建，登录用户名为{' '}
          <strong className="mono" data-testid="register-username">
            {done.username}
          </strong>
          。
        </p>
        <p className="muted">同级编办已收到注册通知。请使用注册时设置的密码登录，进行域名申请等业务。</p>
        <p>
          <Link href="/login" className="button button-primary">
            去登录
          </Link>
        </p>
      </section>
    )
  }

  return (
    <form className="panel reg-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="register-form">
      <div className="panel-head">
        <h1>新用户注册</h1>
        <span className="panel-meta">
          带 <span className="reg-required">*</span> 的为必填项
        </span>
      </div>
      {failure && (
        <FailureSummary
          failure={failure}
          labels={REGISTRATION_FIELD_LABELS}
          testId="register-error-summary"
          fieldIdOf={controlIdOf}
        />
      )}

      <fieldset className="reg-section">
        <legend>注册单位信息</legend>
        <div className="reg-grid">
          <UnitFactFields
            values={{ ...form, type, systemCategory }}
            onChange={setFact}
            errorOf={fieldError}
            region={<RegionPicker value={region} onChange={setRegion} error={fieldError('regionCode')} />}
            unchosen
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
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>注册人（经办人）信息</legend>
        <div className="reg-grid">
          <HandlerFields prefix="handler" form={form} set={set} errorOf={fieldError} autoComplete />
          <VerificationCodeField
            label="短信验证码"
            mobile={form.handlerMobile}
            purpose="UNIT_REGISTRATION"
            value={form.verificationCode}
            onChange={set('verificationCode')}
            error={fieldError('verificationCode')}
            showOutboxLink={showOutboxLink}
          />
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>登录信息</legend>
        <div className="reg-grid">
          <TextField
            name="username"
            label="用户名"
            required
            maxLength={32}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={form.username}
            onChange={set('username')}
            error={fieldError('username')}
            help="3-32 位小写字母、数字、下划线或连字符"
          />
          <div />
          <TextField
            name="password"
            label="密码"
            required
            type="password"
            maxLength={64}
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            error={fieldError('password')}
            help="至少 10 个字符，不能包含用户名，不能是常见或已泄露的密码"
          />
          <TextField
            name="passwordConfirm"
            label="确认密码"
            required
            type="password"
            maxLength={64}
            autoComplete="new-password"
            value={form.passwordConfirm}
            onChange={set('passwordConfirm')}
            error={fieldError('passwordConfirm')}
          />
        </div>
      </fieldset>

      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || submitting}>
          {submitting ? '正在注册…' : '注册'}
        </button>
        <Link href="/login">已有账号，返回登录</Link>
      </div>
    </form>
  )
}
