// The facts of a new account (username, name, mobile, email), checked the same way for office staff and unit
// deputies. The username is stored lower-case, so its unique index makes it unique case-insensitively.
import { badInput } from '../../errors.ts'
import { isValidMobile } from '../../lib/identifiers.ts'

export interface NewAccountInput {
  username: string
  displayName: string
  mobile: string
  email: string
}

const USERNAME = /^[a-z0-9_-]{4,32}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The account's facts trimmed (username lower-cased), or BAD_USER_INPUT naming every wrong field. */
export function checkNewAccount(input: NewAccountInput, extra: Record<string, string> = {}): NewAccountInput {
  const account = {
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName.trim(),
    mobile: input.mobile.trim(),
    email: input.email.trim(),
  }
  const fields: Record<string, string> = { ...extra }
  if (!USERNAME.test(account.username)) fields.username = '用户名为 4–32 位小写字母、数字、下划线或连字符'
  if (account.displayName.length < 2 || account.displayName.length > 32) fields.displayName = '姓名为 2–32 个字'
  if (!isValidMobile(account.mobile)) fields.mobile = '请输入 11 位手机号码'
  if (account.email.length > 128 || !EMAIL.test(account.email)) fields.email = '电子邮箱格式不正确'
  if (Object.keys(fields).length) throw badInput('账号信息有误，请按提示修改', fields)
  return account
}

/** A disable reason: 1–200 characters after trimming. */
export function checkDisableReason(reason: string): string {
  const trimmed = reason.trim()
  if (trimmed.length < 1 || trimmed.length > 200) throw badInput('请填写停用原因', { reason: '停用原因为 1–200 个字' })
  return trimmed
}
