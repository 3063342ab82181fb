// The checks 经办人交接 runs before it sends the new handler's facts: the handler rules of registration, under the
// handover form's field names (the API answers under the same names).
import { handlerProblems, type Problems } from '@/components/registration/rules'

export const NEW_HANDLER_LABELS: Record<string, string> = {
  newName: '新经办人姓名',
  newIdNumber: '身份证号',
  newMobile: '手机号码',
  newEmail: '电子邮箱',
}

const FIELD_OF = {
  handlerName: 'newName',
  handlerMobile: 'newMobile',
  handlerEmail: 'newEmail',
  handlerIdNumber: 'newIdNumber',
} as const

export function newHandlerProblems(form: {
  newName: string
  newMobile: string
  newEmail: string
  newIdNumber: string
}): Problems {
  const problems = handlerProblems({
    handlerName: form.newName,
    handlerMobile: form.newMobile,
    handlerEmail: form.newEmail,
    handlerIdNumber: form.newIdNumber,
  })
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [FIELD_OF[field as keyof typeof FIELD_OF], problem]),
  )
}
