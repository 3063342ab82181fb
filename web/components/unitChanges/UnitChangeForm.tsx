'use client'
// 申请变更 (单位信息): the changeable facts, filled in as they are now, and the reason. Only the facts the person
// changed are sent; the API keeps only those that really differ and refuses a request that changes nothing. The
// unit's version goes with it, so a unit that changed meanwhile answers 请刷新 instead of filing against old facts.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { SYSTEM_CATEGORY_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { ErrorSummary, fieldProblems } from '@/components/registration/ErrorSummary'
import { TextField } from '@/components/registration/TextField'
import { creditCodeHint } from '@/components/registration/checks'
import { Field } from '@/components/ui/Field'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { SystemCategory, UnitType } from '@/graphql/generated/graphql'
import { UNIT_FACT_LABELS, type UnitFactName } from './labels'
import styles from './UnitChanges.module.css'

export const RequestUnitChangeMutation = graphql(`
  mutation RequestUnitChange($input: RequestUnitChangeInput!) {
    requestUnitChange(input: $input) {
      id
      status
    }
  }
`)

type Facts = Record<UnitFactName, string>

/** The unit's facts as the form edits them (empty text for a fact that has none). */
export interface ChangeableUnit {
  name: string
  type: UnitType
  systemCategory: SystemCategory
  creditCode: string
  address: string
  postcode: string
  superiorUnitName?: string | null
  functions?: string | null
  version: number
}

const factsOf = (unit: ChangeableUnit): Facts => ({
  name: unit.name,
  type: unit.type,
  systemCategory: unit.systemCategory,
  creditCode: unit.creditCode,
  address: unit.address,
  postcode: unit.postcode,
  superiorUnitName: unit.superiorUnitName ?? '',
  functions: unit.functions ?? '',
})

const FIELD_LABELS: Record<string, string> = { after: '变更内容', ...UNIT_FACT_LABELS, reason: '变更原因' }

export function UnitChangeForm({
  unit,
  onCancel,
  onFiled,
}: {
  unit: ChangeableUnit
  onCancel: () => void
  onFiled: () => void
}) {
  const [, requestChange] = useMutation(RequestUnitChangeMutation)
  const current = factsOf(unit)
  const [form, setForm] = useState<Facts>(current)
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const set = (name: UnitFactName) => (value: string) => setForm((facts) => ({ ...facts, [name]: value }))
  const fieldError = (name: string) => failure?.fields[name]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const changed = (Object.keys(form) as UnitFactName[]).filter((name) => form[name].trim() !== current[name].trim())
    const local: Record<string, string> = {}
    if (!changed.length) local.after = '请至少修改一项单位信息后再提交'
    const reasonLength = [...reason.trim()].length
    if (reasonLength < 2 || reasonLength > 500) local.reason = '请填写 2-500 个字的变更原因'
    if (Object.keys(local).length) {
      setFailure({ code: 'BAD_USER_INPUT', message: '变更申请有误，请按提示修改', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const after = Object.fromEntries(changed.map((name) => [name, form[name]]))
    const result = await requestChange({ input: { after, reason, unitVersion: unit.version } })
    setSubmitting(false)
    if (result.data?.requestUnitChange) {
      onFiled()
      return
    }
    setFailure(describeFailure(result.error, '提交失败，请稍后再试'))
  }

  return (
    <div className={styles.formSection}>
      <form
        className="reg-form"
        onSubmit={onSubmit}
        noValidate
        aria-busy={submitting}
        aria-labelledby="unit-change-form-title"
        data-testid="unit-change-form"
      >
        <h2 className={styles.sectionTitle} id="unit-change-form-title">
          申请变更单位信息
        </h2>
        <p className="reg-help">
          修改需要变更的项目并填写原因，提交后由同级编办审核；审核通过前单位信息保持不变。所属区域不能在此变更，如需调整请联系同级编办。
        </p>
        {failure && (
          <ErrorSummary
            message={failure.message}
            problems={fieldProblems(failure.fields, FIELD_LABELS, (field) => `reg-${field}`)}
            code={failure.code}
            testId="unit-change-error"
          >
            {failure.code === 'CONFLICT' && (
              <button type="button" className="button button-light" onClick={() => window.location.reload()}>
                刷新
              </button>
            )}
          </ErrorSummary>
        )}
        <div className="reg-grid">
          <TextField
            name="name"
            label="单位名称（全称）"
            required
            wide
            maxLength={128}
            value={form.name}
            onChange={set('name')}
            error={fieldError('name')}
          />
          <Field id="reg-type" label="单位类型" required error={fieldError('type')}>
            {(control) => (
              <select {...control} name="type" value={form.type} onChange={(event) => set('type')(event.target.value)}>
                {(Object.keys(UNIT_TYPE_LABELS) as UnitType[]).map((value) => (
                  <option key={value} value={value}>
                    {UNIT_TYPE_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="reg-systemCategory" label="系统类别" required error={fieldError('systemCategory')}>
            {(control) => (
              <select
                {...control}
                name="systemCategory"
                value={form.systemCategory}
                onChange={(event) => set('systemCategory')(event.target.value)}
              >
                {(Object.keys(SYSTEM_CATEGORY_LABELS) as SystemCategory[]).map((value) => (
                  <option key={value} value={value}>
                    {SYSTEM_CATEGORY_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            name="creditCode"
            label="统一社会信用代码"
            required
            maxLength={18}
            autoCapitalize="characters"
            spellCheck={false}
            className="mono"
            value={form.creditCode}
            onChange={set('creditCode')}
            error={fieldError('creditCode')}
            hint={creditCodeHint(form.creditCode)}
          />
          <TextField
            name="superiorUnitName"
            label="上级主管单位"
            maxLength={128}
            value={form.superiorUnitName}
            onChange={set('superiorUnitName')}
            error={fieldError('superiorUnitName')}
          />
          <TextField
            name="address"
            label="单位地址"
            required
            wide
            maxLength={256}
            value={form.address}
            onChange={set('address')}
            error={fieldError('address')}
            help="发票将寄往此地址"
          />
          <TextField
            name="postcode"
            label="邮政编码"
            required
            maxLength={6}
            inputMode="numeric"
            value={form.postcode}
            onChange={set('postcode')}
            error={fieldError('postcode')}
          />
          <Field id="reg-functions" label="开办主体职能" className="reg-wide" error={fieldError('functions')}>
            {(control) => (
              <textarea
                {...control}
                name="functions"
                rows={3}
                maxLength={2000}
                value={form.functions}
                onChange={(event) => set('functions')(event.target.value)}
              />
            )}
          </Field>
          <Field id="reg-reason" label="变更原因" required className="reg-wide" error={fieldError('reason')}>
            {(control) => (
              <textarea
                {...control}
                name="reason"
                rows={3}
                maxLength={500}
                required
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button-primary" disabled={submitting}>
            提交变更申请
          </button>
          <button type="button" className="button button-light" onClick={onCancel} disabled={submitting}>
            取消
          </button>
        </div>
      </form>
    </div>
  )
}
