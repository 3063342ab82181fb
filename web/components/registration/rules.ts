// The registration and contact forms' checks in the browser, mirroring the API (checkRegistration / checkContacts
// in server/src/modules/registration/service.ts, same messages), so the first 注册 or 保存 marks every field that
// is wrong at once instead of one round trip per mistake. The API checks again and decides (whether a name is taken,
// whether the SMS code is right, whether the region has an office); tests/api/registration-rules.test.ts keeps the
// two in step.
import type { UnitContacts_FormFragment } from '../../graphql/generated/graphql'
import { creditCodeHint, idNumberHint } from './checks'

/** Field name → what is wrong with it. */
export type Problems = Record<string, string>

export interface ContactValues {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
  landline: string
  address: string
  postcode: string
}

export interface RegistrationValues extends ContactValues {
  name: string
  /** '' until chosen */
  type: string
  systemCategory: string
  regionCode: string
  creditCode: string
  superiorUnitName: string
  functions: string
  username: string
  password: string
  passwordConfirm: string
  verificationCode: string
}

/** 新用户注册's fields as the form labels them, in the form's order (for the error summary). */
export const REGISTRATION_FIELD_LABELS: Record<string, string> = {
  name: '单位名称（全称）',
  type: '单位类型',
  systemCategory: '系统类别',
  regionCode: '所属区域',
  creditCode: '统一社会信用代码',
  superiorUnitName: '上级主管单位',
  functions: '开办主体职能',
  address: '单位地址',
  postcode: '邮政编码',
  landline: '固定电话',
  handlerName: '经办人姓名',
  handlerIdNumber: '经办人身份证号',
  handlerMobile: '经办人手机',
  handlerEmail: '电子邮箱',
  verificationCode: '短信验证码',
  username: '用户名',
  password: '密码',
  passwordConfirm: '确认密码',
}

/** 变更联系人's fields as the form labels them, in the form's order. */
export const CONTACT_FIELD_LABELS: Record<string, string> = {
  handlerName: '经办人姓名',
  handlerIdNumber: '经办人身份证号',
  handlerMobile: '经办人手机',
  handlerEmail: '电子邮箱',
  verificationCode: '新手机号验证码',
  landline: '固定电话',
  address: '单位地址',
  postcode: '邮政编码',
}

const MOBILE = /^1[3-9][0-9]{9}$/
const LANDLINE = /^(0[0-9]{2,3}-?)?[0-9]{7,8}(-[0-9]{1,6})?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const USERNAME = /^[a-z0-9_-]{3,32}$/
const POSTCODE = /^[0-9]{6}$/
const CODE = /^[0-9]{6}$/

/**
 * The handler's facts (registration, 变更联系人, 经办人交接), as the API checks them. storedIdNumber: the masked number
 * 变更联系人 was loaded with; left as it is, it keeps the stored number, so it is not checked as a typed one.
 */
export function handlerProblems(
  values: Pick<ContactValues, 'handlerName' | 'handlerMobile' | 'handlerEmail' | 'handlerIdNumber'>,
  storedIdNumber: string | null = null,
): Problems {
  const problems: Problems = {}
  const handlerName = values.handlerName.trim()
  const handlerEmail = values.handlerEmail.trim().toLowerCase()
  const handlerIdNumber = values.handlerIdNumber.trim().toUpperCase()
  if (handlerName.length < 2 || handlerName.length > 32) problems.handlerName = '请填写经办人姓名（2-32 个字符）'
  if (!MOBILE.test(values.handlerMobile.trim())) problems.handlerMobile = '请填写 11 位手机号码'
  if (!EMAIL.test(handlerEmail) || handlerEmail.length > 128) problems.handlerEmail = '请填写有效的电子邮箱'
  if (storedIdNumber != null && handlerIdNumber === storedIdNumber) {
    // unchanged
  } else if (!/^[0-9]{17}[0-9X]$/.test(handlerIdNumber))
    problems.handlerIdNumber = '身份证号应为 18 位（最后一位可为 X）'
  else if (idNumberHint(handlerIdNumber)) problems.handlerIdNumber = '身份证号校验位或出生日期不正确，请核对'
  return problems
}

/** The contact fields shared by registration and 变更联系人 (storedIdNumber: see handlerProblems). */
export function contactProblems(values: ContactValues, storedIdNumber: string | null = null): Problems {
  const problems = handlerProblems(values, storedIdNumber)
  const landline = values.landline.trim()
  const address = values.address.trim()
  if (landline && (!LANDLINE.test(landline) || landline.length > 32)) problems.landline = '固定电话格式如 0393-7221234'
  if (address.length < 5 || address.length > 256)
    problems.address = '请填写单位详细地址（5-256 个字符），发票将寄往此地址'
  if (!POSTCODE.test(values.postcode.trim())) problems.postcode = '邮政编码应为 6 位数字'
  return problems
}

/** Everything 新用户注册 requires, in the order the form shows the fields. */
export function registrationProblems(values: RegistrationValues): Problems {
  const problems: Problems = {}
  const name = values.name.trim()
  const creditCode = values.creditCode.trim().toUpperCase()
  const username = values.username.trim().toLowerCase()
  if (name.length < 2 || name.length > 128) problems.name = '请填写单位全称（2-128 个字符）'
  if (!values.type) problems.type = '请选择单位类型'
  if (!values.systemCategory) problems.systemCategory = '请选择系统类别'
  if (!/^[0-9]{6}$/.test(values.regionCode)) problems.regionCode = '请选择所属区域'
  if (creditCode.length !== 18) problems.creditCode = '统一社会信用代码应为 18 位'
  else if (creditCodeHint(creditCode)) problems.creditCode = '统一社会信用代码格式或校验位不正确，请核对'
  if (values.superiorUnitName.trim().length > 128) problems.superiorUnitName = '上级主管单位不超过 128 个字符'
  if (values.functions.trim().length > 2000) problems.functions = '开办主体职能不超过 2000 个字符'
  Object.assign(problems, contactProblems(values))
  if (!CODE.test(values.verificationCode.trim())) problems.verificationCode = '请填写 6 位短信验证码'
  if (!USERNAME.test(username)) problems.username = '用户名应为 3-32 位小写字母、数字、下划线或连字符'
  const password = values.password
  // The API's password policy (server/src/lib/passwordPolicy.ts) without its list of leaked passwords (too large to
  // ship to the browser): the API alone refuses those.
  const passwordLength = [...password].length
  if (passwordLength < 10) problems.password = '密码至少 10 个字符'
  else if (passwordLength > 128) problems.password = '密码不超过 128 个字符'
  else if (USERNAME.test(username) && password.toLowerCase().includes(username))
    problems.password = '密码不能包含用户名'
  if (!values.passwordConfirm) problems.passwordConfirm = '请再次输入密码'
  else if (values.passwordConfirm !== password) problems.passwordConfirm = '两次输入的密码不一致'
  return problems
}

/** 变更联系人's form for the contacts as the API has them (no code typed yet). */
export function contactFormOf(contacts: UnitContacts_FormFragment): ContactValues {
  return {
    handlerName: contacts.handlerName,
    handlerMobile: contacts.handlerMobile,
    handlerEmail: contacts.handlerEmail,
    handlerIdNumber: contacts.handlerIdNumber ?? '',
    landline: contacts.landline ?? '',
    address: contacts.address,
    postcode: contacts.postcode,
  }
}

/** What updateUnitContacts answers when the handler's name or mobile differ from the unit's (reason USE_HANDOVER). */
export const USE_HANDOVER = '经办人变更请使用“经办人交接”'
/** …and when the address or postcode differ (reason USE_UNIT_CHANGE): they change by a reviewed 单位信息 request. */
export const USE_UNIT_CHANGE = '单位地址变更请在“单位信息”申请，经同级编办审核'

/** 变更联系人: the contacts; the handler's name and mobile may not change here (经办人交接 changes them). */
export function contactChangeProblems(
  values: ContactValues,
  saved: Pick<UnitContacts_FormFragment, 'handlerName' | 'handlerMobile' | 'address' | 'postcode'>,
  storedIdNumber: string | null = null,
): Problems {
  const problems = contactProblems(values, storedIdNumber)
  if (values.handlerName.trim() !== saved.handlerName) problems.handlerName = USE_HANDOVER
  if (values.handlerMobile.trim() !== saved.handlerMobile) problems.handlerMobile = USE_HANDOVER
  if (values.address.trim() !== saved.address) problems.address = USE_UNIT_CHANGE
  if (values.postcode.trim() !== saved.postcode) problems.postcode = USE_UNIT_CHANGE
  return problems
}
