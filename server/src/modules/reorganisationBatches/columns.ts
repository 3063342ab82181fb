// The columns of the 批量机构改革 template (docs/reorganisation/README.md), the words people type for kinds, unit
// types and system categories, and the normalisation of what a spreadsheet makes of codes and dates.
import type { SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import type { ReorganisationKind, ReorganisedObjectType } from '../reorganisations/plan.ts'

/** Sheet 1 改革事项: one row per reorganisation. */
export const ITEM_COLUMNS = {
  sequence: '序号',
  kind: '类型',
  effectiveDate: '生效日期',
  sources: '原单位统一社会信用代码',
  targetCodes: '新单位统一社会信用代码',
  targetNames: '新单位名称',
  targetRegions: '新单位区划代码',
  targetTypes: '新单位类型',
  targetCategories: '新单位系统类别',
  targetAddresses: '新单位地址',
  targetPostcodes: '新单位邮编',
  targetHandlers: '新单位经办人',
  targetMobiles: '新单位经办人手机',
  targetEmails: '新单位经办人邮箱',
  absorbingCode: '并入单位统一社会信用代码',
  newName: '新名称',
  note: '备注',
} as const

/** Sheet 2 对象去向: where one object goes (optional but for 拆分). */
export const OBJECT_COLUMNS = {
  sequence: '序号',
  objectType: '对象类型',
  object: '对象',
  destination: '去向',
} as const

export const KIND_OF: Record<string, ReorganisationKind> = {
  更名: 'RENAME',
  合并: 'MERGE',
  拆分: 'SPLIT',
  撤销: 'ABOLISH',
}
export const KIND_TEXT: Record<ReorganisationKind, string> = {
  RENAME: '更名',
  MERGE: '合并',
  SPLIT: '拆分',
  ABOLISH: '撤销',
}

export const OBJECT_TYPE_OF: Record<string, ReorganisedObjectType> = {
  域名: 'DOMAIN',
  网站标识: 'BADGE',
  网站开办申请: 'SITE_APPLICATION',
  网络红页: 'MICRO_SITE',
  微网站: 'MICRO_SITE',
  用户: 'USER',
}
export const OBJECT_TYPE_TEXT: Record<ReorganisedObjectType, string> = {
  DOMAIN: '域名',
  BADGE: '网站标识',
  SITE_APPLICATION: '网站开办申请',
  MICRO_SITE: '网络红页',
  USER: '用户',
}

/** 去向 of an object that ceases. */
export const CANCEL_WORDS = new Set(['注销', '撤销', '停用'])

export const UNIT_TYPE_OF: Record<string, UnitType> = {
  党政机关: 'PARTY_GOVERNMENT',
  群团机关: 'MASS_ORGANIZATION',
  事业单位: 'PUBLIC_INSTITUTION',
  社会组织: 'SOCIAL_ORGANIZATION',
}

export const SYSTEM_CATEGORY_OF: Record<string, SystemCategory> = {
  党委: 'PARTY_COMMITTEE',
  人大: 'PEOPLES_CONGRESS',
  政府: 'GOVERNMENT',
  政协: 'CPPCC',
  法院: 'COURT',
  检察院: 'PROCURATORATE',
  民主党派: 'DEMOCRATIC_PARTY',
  群团: 'MASS_ORGANIZATION',
  事业单位: 'PUBLIC_INSTITUTION',
  社会组织: 'SOCIAL_ORGANIZATION',
  其他: 'OTHER',
}

/** Full-width ASCII (Ａ１－) → half-width, U+3000 → space: for codes, numbers and dates only, never for names. */
export const halfWidth = (text: string): string =>
  text.replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')

/** A code (credit code, region code, postcode, mobile, 序号): half-width, no spaces inside, upper case. */
export const normaliseCode = (text: string): string => halfWidth(text).replace(/\s+/g, '').toUpperCase()

/** A list cell: items separated by 、 ; ； or a line break (a comma may be part of an address, so it is not one). */
export const splitList = (text: string): string[] =>
  text
    .split(/[、;；\n]/)
    .map((item) => item.trim())
    .filter(Boolean)

/**
 * A date as typed: 2018-03-01, 2018/3/1, 2018.3.1, 2018年3月1日, 20180301 (full-width digits too), or an Excel
 * date serial (days since 1899-12-30). YYYY-MM-DD, or null when it is not one real calendar date.
 */
export function normaliseDate(text: string): string | null {
  const value = halfWidth(text).replace(/\s+/g, '')
  let parts: RegExpExecArray | null =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  if (!parts && /^\d{5}$/.test(value)) {
    // An Excel serial number where a date cell lost its format: 1 = 1900-01-01 (with Excel's 1900 leap-year bug).
    const date = new Date(Date.UTC(1899, 11, 30) + Number(value) * 86_400_000)
    parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.toISOString())
  }
  if (!parts) return null
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}
