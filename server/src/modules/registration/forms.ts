// The forms of 新用户注册 and 变更联系人: every field's rule, with the problems collected into one field map (the
// portal shows them beside the fields), and the values trimmed and normalised as they are stored.
import type { SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import { passwordPolicyProblem } from '../../lib/passwordPolicy.ts'
import { isValidIdNumber, isValidMobile } from '../../lib/identifiers.ts'
import { normaliseCreditCode, optionalText, UNIT_FACT_RULES, type Fields } from './factRules.ts'

export interface RegisterUnitInput {
  name: string
  type: UnitType
  systemCategory: SystemCategory
  creditCode: string
  regionCode: string
  superiorUnitName?: string | null
  functions?: string | null
  address: string
  postcode: string
  landline?: string | null
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
  username: string
  password: string
  verificationCode: string
}

export interface UpdateUnitContactsInput {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
  landline?: string | null
  address: string
  postcode: string
  verificationCode?: string | null
  version: number
}

export type { Fields }

const LANDLINE = /^(0[0-9]{2,3}-?)?[0-9]{7,8}(-[0-9]{1,6})?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const USERNAME = /^[a-z0-9_-]{3,32}$/
const optional = optionalText

export interface Handler {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
}

/** The handler's (经办人) input field names, as registration and 变更联系人 call them. */
const HANDLER_FIELDS: Record<keyof Handler, string> = {
  handlerName: 'handlerName',
  handlerMobile: 'handlerMobile',
  handlerEmail: 'handlerEmail',
  handlerIdNumber: 'handlerIdNumber',
}

/**
 * The handler's facts, trimmed and normalised, with problems under the form's own field names (registration,
 * 变更联系人 and 经办人交接 name them differently).
 */
export function checkHandler(input: Handler, fields: Fields, names: Record<keyof Handler, string> = HANDLER_FIELDS) {
  const handler = {
    handlerName: input.handlerName.trim(),
    handlerMobile: input.handlerMobile.trim(),
    handlerEmail: input.handlerEmail.trim().toLowerCase(),
    handlerIdNumber: input.handlerIdNumber.trim().toUpperCase(),
  }
  if (handler.handlerName.length < 2 || handler.handlerName.length > 32)
    fields[names.handlerName] = '请填写经办人姓名（2-32 个字符）'
  if (!isValidMobile(handler.handlerMobile)) fields[names.handlerMobile] = '请填写 11 位手机号码'
  if (!EMAIL.test(handler.handlerEmail) || handler.handlerEmail.length > 128)
    fields[names.handlerEmail] = '请填写有效的电子邮箱'
  if (!/^[0-9]{17}[0-9X]$/.test(handler.handlerIdNumber))
    fields[names.handlerIdNumber] = '身份证号应为 18 位（最后一位可为 X）'
  else if (!isValidIdNumber(handler.handlerIdNumber))
    fields[names.handlerIdNumber] = '身份证号校验位或出生日期不正确，请核对'
  return handler
}

/** The contact fields shared by registration and 变更联系人; problems go into fields. */
export function checkContacts(
  input: Pick<
    UpdateUnitContactsInput,
    'handlerName' | 'handlerMobile' | 'handlerEmail' | 'handlerIdNumber' | 'landline' | 'address' | 'postcode'
  >,
  fields: Fields,
) {
  const contacts = {
    ...checkHandler(input, fields),
    landline: optional(input.landline),
    address: input.address.trim(),
    postcode: input.postcode.trim(),
  }
  if (contacts.landline && (!LANDLINE.test(contacts.landline) || contacts.landline.length > 32)) {
    fields.landline = '固定电话格式如 0393-7221234'
  }
  const addressProblem = UNIT_FACT_RULES.address(contacts.address)
  if (addressProblem) fields.address = addressProblem
  const postcodeProblem = UNIT_FACT_RULES.postcode(contacts.postcode)
  if (postcodeProblem) fields.postcode = postcodeProblem
  return contacts
}

export function checkRegistration(input: RegisterUnitInput) {
  const fields: Fields = {}
  const name = input.name.trim()
  const creditCode = normaliseCreditCode(input.creditCode)
  const username = input.username.trim().toLowerCase()
  const superiorUnitName = optional(input.superiorUnitName)
  const functions = optional(input.functions)
  const facts = { name, creditCode, superiorUnitName, functions }
  for (const key of Object.keys(facts) as (keyof typeof facts)[]) {
    const problem = (UNIT_FACT_RULES[key] as (value: string | null) => string | null)(facts[key])
    if (problem) fields[key] = problem
  }
  if (!/^[0-9]{6}$/.test(input.regionCode)) fields.regionCode = '请选择所属区域'
  const contacts = checkContacts(input, fields)
  if (!USERNAME.test(username)) fields.username = '用户名应为 3-32 位小写字母、数字、下划线或连字符'
  // Only a valid user name is compared with the password: an empty one is part of every password.
  const passwordProblem = passwordPolicyProblem(input.password, USERNAME.test(username) ? username : '')
  if (passwordProblem) fields.password = passwordProblem
  if (!/^[0-9]{6}$/.test(input.verificationCode.trim())) fields.verificationCode = '请填写 6 位短信验证码'
  return { fields, unit: { name, creditCode, superiorUnitName, functions, ...contacts }, username }
}
