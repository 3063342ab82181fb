// The rules of a unit's registered facts (单位名称, 统一社会信用代码, 上级主管单位, 开办主体职能, 地址, 邮编), shared by
// 新用户注册 (forms.ts) and 单位信息变更 (modules/unitChanges): the same value is refused with the same words in both.
import { isValidCreditCode } from '../../lib/identifiers.ts'

export type Fields = Record<string, string>

const POSTCODE = /^[0-9]{6}$/

/** Trimmed text, or null for blank optional text. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** Each rule checks one normalised value and returns the problem, or null. */
export const UNIT_FACT_RULES = {
  name: (name: string) => (name.length < 2 || name.length > 128 ? '请填写单位全称（2-128 个字符）' : null),
  creditCode: (code: string) =>
    code.length !== 18
      ? '统一社会信用代码应为 18 位'
      : isValidCreditCode(code)
        ? null
        : '统一社会信用代码格式或校验位不正确，请核对',
  superiorUnitName: (name: string | null) => (name && name.length > 128 ? '上级主管单位不超过 128 个字符' : null),
  functions: (text: string | null) => (text && text.length > 2000 ? '开办主体职能不超过 2000 个字符' : null),
  address: (address: string) =>
    address.length < 5 || address.length > 256 ? '请填写单位详细地址（5-256 个字符），发票将寄往此地址' : null,
  postcode: (postcode: string) => (POSTCODE.test(postcode) ? null : '邮政编码应为 6 位数字'),
} as const

/** How each fact is stored: trimmed; the credit code in capitals; blank optional text as null. */
export const normaliseCreditCode = (code: string) => code.trim().toUpperCase()
