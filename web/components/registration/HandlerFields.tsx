// The handler's (经办人) name, ID number, mobile and email as form fields: one set for 新用户注册, 变更联系人, 网站开办
// 申请 and 经办人交接 (the new handler), so they read, limit and check the same everywhere. The caller's grid
// (.reg-grid) holds them. The forms name the fields handlerName… or, for the new handler of a handover, newName….
import type { ReactNode } from 'react'
import { TextField } from './TextField'
import { idNumberHint } from './checks'

type Part = 'Name' | 'IdNumber' | 'Mobile' | 'Email'
export type HandlerFieldName<P extends string> = `${P}${Part}`

const LABELS: Record<Part, string> = {
  Name: '经办人姓名',
  IdNumber: '经办人身份证号',
  Mobile: '经办人手机',
  Email: '电子邮箱',
}

export function HandlerFields<P extends 'handler' | 'new'>({
  prefix,
  form,
  set,
  errorOf,
  labels,
  help,
  readOnly = [],
  storedIdNumber,
  afterIdNumber,
  autoComplete,
}: {
  /** handler (handlerName …) or new (newName …, 经办人交接). */
  prefix: P
  form: Record<HandlerFieldName<P>, string>
  set: (name: HandlerFieldName<P>) => (value: string) => void
  errorOf: (name: HandlerFieldName<P>) => string | undefined
  /** Other words for a field (新经办人姓名, 手机号码 …). */
  labels?: Partial<Record<Part, string>>
  help?: Partial<Record<Part, string>>
  /** Shown, not changed here (变更联系人: the name and mobile change by 经办人交接). */
  readOnly?: Part[]
  /** The masked number the form was loaded with: left as it is, it keeps the stored one, so it gets no hint. */
  storedIdNumber?: string | null
  /** What follows the ID number (变更联系人: the stored number and 查看). */
  afterIdNumber?: ReactNode
  /** The person's own mobile and email (registration): let the browser offer them. */
  autoComplete?: boolean
}) {
  const name = (part: Part) => `${prefix}${part}` as HandlerFieldName<P>
  const common = (part: Part) => ({
    name: name(part),
    label: labels?.[part] ?? LABELS[part],
    required: true,
    readOnly: readOnly.includes(part) || undefined,
    value: form[name(part)],
    onChange: set(name(part)),
    error: errorOf(name(part)),
    help: help?.[part],
  })
  const idNumber = form[name('IdNumber')]
  return (
    <>
      <TextField {...common('Name')} maxLength={32} />
      <TextField
        {...common('IdNumber')}
        maxLength={18}
        spellCheck={false}
        className="mono"
        hint={storedIdNumber != null && idNumber === storedIdNumber ? null : idNumberHint(idNumber)}
      />
      {afterIdNumber}
      <TextField
        {...common('Mobile')}
        maxLength={11}
        inputMode="numeric"
        autoComplete={autoComplete ? 'tel' : undefined}
      />
      <TextField {...common('Email')} type="email" maxLength={128} autoComplete={autoComplete ? 'email' : undefined} />
    </>
  )
}
