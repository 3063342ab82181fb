// The unit's registered facts as form fields (单位名称, 单位类型, 系统类别, 统一社会信用代码, 上级主管单位, 开办主体职能,
// 单位地址, 邮政编码): one set for 新用户注册 and 单位信息变更, so a fact reads, limits and checks the same in both. The
// caller's grid (.reg-grid) holds them; the region, which only registration asks for, goes in after 系统类别.
import type { ReactNode } from 'react'
import { SYSTEM_CATEGORY_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { Field } from '@/components/ui/Field'
import type { SystemCategory, UnitType } from '@/graphql/generated/graphql'
import { TextField } from './TextField'
import { creditCodeHint } from './checks'

/** The facts as the form edits them: '' for a type or category not chosen yet, or an optional fact left empty. */
export interface UnitFactValues {
  name: string
  type: UnitType | ''
  systemCategory: SystemCategory | ''
  creditCode: string
  superiorUnitName: string
  functions: string
  address: string
  postcode: string
}

export type UnitFactField = keyof UnitFactValues

export function UnitFactFields({
  values,
  onChange,
  errorOf,
  region,
  unchosen,
}: {
  values: UnitFactValues
  onChange: (field: UnitFactField, value: string) => void
  /** The field's error (the API's or the form's own check). */
  errorOf: (field: UnitFactField) => string | undefined
  /** The region picker (registration); the region is not a changeable fact. */
  region?: ReactNode
  /** Offer 请选择 in 单位类型 and 系统类别 (a new unit; a registered one always has both). */
  unchosen?: boolean
}) {
  const set = (field: UnitFactField) => (value: string) => onChange(field, value)
  return (
    <>
      <TextField
        name="name"
        label="单位名称（全称）"
        required
        wide
        maxLength={128}
        value={values.name}
        onChange={set('name')}
        error={errorOf('name')}
        help="填写经法定程序批准的单位全称"
      />
      <ChoiceField field="type" label="单位类型" labels={UNIT_TYPE_LABELS} {...{ values, set, errorOf, unchosen }} />
      <ChoiceField
        field="systemCategory"
        label="系统类别"
        labels={SYSTEM_CATEGORY_LABELS}
        {...{ values, set, errorOf, unchosen }}
      />
      {region}
      <TextField
        name="creditCode"
        label="统一社会信用代码"
        required
        maxLength={18}
        autoCapitalize="characters"
        spellCheck={false}
        className="mono"
        value={values.creditCode}
        onChange={set('creditCode')}
        error={errorOf('creditCode')}
        hint={creditCodeHint(values.creditCode)}
      />
      <TextField
        name="superiorUnitName"
        label="上级主管单位"
        maxLength={128}
        value={values.superiorUnitName}
        onChange={set('superiorUnitName')}
        error={errorOf('superiorUnitName')}
      />
      <Field
        id="reg-functions"
        label="开办主体职能"
        className="reg-wide"
        error={errorOf('functions')}
        errorTestId="error-functions"
      >
        {(control) => (
          <textarea
            {...control}
            name="functions"
            rows={3}
            maxLength={2000}
            value={values.functions}
            onChange={(event) => set('functions')(event.target.value)}
          />
        )}
      </Field>
      <UnitAddressFields values={values} set={set} errorOf={errorOf} />
    </>
  )
}

/** 单位类型 or 系统类别. */
function ChoiceField({
  field,
  label,
  labels,
  values,
  set,
  errorOf,
  unchosen,
}: {
  field: 'type' | 'systemCategory'
  label: string
  labels: Record<string, string>
  values: UnitFactValues
  set: (field: UnitFactField) => (value: string) => void
  errorOf: (field: UnitFactField) => string | undefined
  unchosen?: boolean
}) {
  return (
    <Field id={`reg-${field}`} label={label} required error={errorOf(field)} errorTestId={`error-${field}`}>
      {(control) => (
        <select {...control} name={field} value={values[field]} onChange={(event) => set(field)(event.target.value)}>
          {unchosen && <option value="">请选择</option>}
          {Object.entries(labels).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** 单位地址 and 邮政编码; 变更联系人 shows them read-only (they change by 单位信息变更) with its own help. */
export function UnitAddressFields({
  values,
  set,
  errorOf,
  readOnly,
  addressHelp = '发票将寄送至此地址，请填写准确',
}: {
  values: { address: string; postcode: string }
  set: (field: 'address' | 'postcode') => (value: string) => void
  errorOf: (field: 'address' | 'postcode') => string | undefined
  readOnly?: boolean
  addressHelp?: string
}) {
  return (
    <>
      <TextField
        name="address"
        label="单位地址"
        required
        wide
        maxLength={256}
        readOnly={readOnly}
        value={values.address}
        onChange={set('address')}
        error={errorOf('address')}
        help={addressHelp}
      />
      <TextField
        name="postcode"
        label="邮政编码"
        required
        maxLength={6}
        inputMode="numeric"
        readOnly={readOnly}
        value={values.postcode}
        onChange={set('postcode')}
        error={errorOf('postcode')}
      />
    </>
  )
}
