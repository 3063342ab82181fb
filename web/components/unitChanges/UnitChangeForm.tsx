'use client'
// 申请变更 (单位信息): the changeable facts, filled in as they are now, and the reason. Only the facts the person
// changed are sent; the API keeps only those that really differ and refuses a request that changes nothing. The
// unit's version goes with it, so a unit that changed meanwhile answers 请刷新 instead of filing against old facts.
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { FailureSummary } from '@/components/registration/ErrorSummary'
import { UnitFactFields, type UnitFactValues } from '@/components/registration/UnitFactFields'
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

type Facts = UnitFactValues

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
  const setFact = (name: UnitFactName, value: string) => setForm((facts) => ({ ...facts, [name]: value }))
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
          <FailureSummary failure={failure} labels={FIELD_LABELS} testId="unit-change-error" reloadOnConflict />
        )}
        <div className="reg-grid">
          <UnitFactFields values={form} onChange={setFact} errorOf={fieldError} />
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
