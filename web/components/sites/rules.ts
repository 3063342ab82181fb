// The site application form's checks in the browser, mirroring the API (draftProblems / submissionProblems in
// server/src/modules/siteApplications/checks.ts) so a person sees the same Chinese message before sending. The
// API checks again and decides (the Chinese domain's ownership and status only it can check).
import { idNumberHint } from '../registration/checks'
import type { SiteApplicationKind, UnitType } from '../../graphql/generated/graphql'
import { englishDomainProblem } from './englishDomain'

/** What the form holds: the SiteApplication fields as the inputs edit them (all text). */
export interface SiteForm {
  kind: SiteApplicationKind
  siteName: string
  siteIntro: string
  chineseDomainId: string
  englishDomain: string
  useMicroSite: boolean
  ipAddress: string
  principalName: string
  principalLandline: string
  principalMobile: string
  principalEmail: string
  handlerName: string
  handlerLandline: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
}

export type SiteFormField = keyof SiteForm

export const SITE_INTRO_LIMIT = 500

const LIMITS: Partial<Record<SiteFormField, number>> = {
  siteName: 128,
  siteIntro: SITE_INTRO_LIMIT,
  englishDomain: 253,
  ipAddress: 45,
  principalName: 32,
  principalLandline: 32,
  principalMobile: 11,
  principalEmail: 128,
  handlerName: 32,
  handlerLandline: 32,
  handlerMobile: 11,
  handlerEmail: 128,
  handlerIdNumber: 18,
}

/** Characters as the API counts them (code points, so an emoji is one). */
export const charCount = (text: string) => [...text].length

const MOBILE = /^1[3-9][0-9]{9}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const LANDLINE = /^[0-9]{3,4}-?[0-9]{7,8}(-[0-9]{1,6})?$/
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/

function isIPv6(raw: string): boolean {
  const address = raw.replace(/%[0-9a-zA-Z._-]+$/, '') // a zone index, as node's isIP accepts
  const halves = address.split('::')
  if (halves.length > 2) return false
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'))
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  const all = [...head, ...tail]
  let count = 0
  for (let i = 0; i < all.length; i++) {
    const group = all[i]!
    if (i === all.length - 1 && group.includes('.')) {
      if (!IPV4.test(group)) return false
      count += 2
    } else if (HEX_GROUP.test(group)) count += 1
    else return false
  }
  return halves.length === 2 ? count <= 7 : count === 8
}

export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && isIPv6(value))
}

/** The values the API receives: trimmed, the English domain lower-case, the ID number upper-case. */
export function normalise(form: SiteForm): SiteForm {
  const out = { ...form }
  for (const key of Object.keys(out) as SiteFormField[]) {
    const value = out[key]
    if (typeof value === 'string') (out as Record<string, unknown>)[key] = value.trim()
  }
  out.englishDomain = out.englishDomain.toLowerCase()
  out.handlerIdNumber = out.handlerIdNumber.toUpperCase()
  if (out.useMicroSite) {
    // 使用网络红页: no English domain and no IP address.
    out.englishDomain = ''
    out.ipAddress = ''
  }
  return out
}

/**
 * Draft rules (保存草稿): what the API requires of a draft; the English domain's kind depends on the unit's type.
 * storedIdNumber: the masked number the form was loaded with; left as it is, it keeps the stored number (the API
 * never sends the number itself), so it is not checked as a typed one.
 */
export function draftProblems(
  raw: SiteForm,
  unitType: UnitType,
  storedIdNumber: string | null = null,
): Partial<Record<SiteFormField, string>> {
  const form = normalise(raw)
  const problems: Partial<Record<SiteFormField, string>> = {}
  for (const [name, limit] of Object.entries(LIMITS) as [SiteFormField, number][]) {
    const value = form[name]
    if (typeof value === 'string' && charCount(value) > limit) {
      problems[name] = name === 'siteIntro' ? `网站简介不能超过 ${SITE_INTRO_LIMIT} 个字` : `不能超过 ${limit} 个字符`
    }
  }
  if (!problems.englishDomain && form.englishDomain) {
    const problem = englishDomainProblem(form.englishDomain, unitType)
    if (problem) problems.englishDomain = problem
  }
  const keepsIdNumber = storedIdNumber != null && form.handlerIdNumber === storedIdNumber
  if (!keepsIdNumber && !problems.handlerIdNumber && !/^[0-9]{17}[0-9X]$/.test(form.handlerIdNumber))
    problems.handlerIdNumber = '请填写 18 位身份证号码'
  if (!problems.handlerMobile && !MOBILE.test(form.handlerMobile)) problems.handlerMobile = '请输入 11 位手机号码'
  if (!problems.principalMobile && !MOBILE.test(form.principalMobile)) problems.principalMobile = '请输入 11 位手机号码'
  return problems
}

/** Submission rules (提交): everything the form requires. */
export function submitProblems(
  raw: SiteForm,
  unitType: UnitType,
  storedIdNumber: string | null = null,
): Partial<Record<SiteFormField, string>> {
  const form = normalise(raw)
  const problems = draftProblems(raw, unitType, storedIdNumber)
  const need = (name: SiteFormField, text: string) => {
    if (!problems[name] && !form[name]) problems[name] = text
  }
  need('siteName', '请填写网站名称')
  need('siteIntro', '请填写网站简介')
  need('principalName', '请填写网站负责人')
  need('handlerName', '请填写申请经办人')
  if (!problems.principalEmail && !EMAIL.test(form.principalEmail)) problems.principalEmail = '电子邮箱格式不正确'
  if (!problems.handlerEmail && !EMAIL.test(form.handlerEmail)) problems.handlerEmail = '电子邮箱格式不正确'
  for (const name of ['principalLandline', 'handlerLandline'] as const) {
    if (!problems[name] && form[name] && !LANDLINE.test(form[name]))
      problems[name] = '固定电话格式不正确，如 0393-7221234'
  }
  if (!problems.handlerIdNumber && form.handlerIdNumber !== storedIdNumber) {
    const hint = idNumberHint(form.handlerIdNumber)
    if (hint) problems.handlerIdNumber = '身份证号码不正确（请检查校验位）'
  }
  if (!form.useMicroSite && !problems.englishDomain && !form.englishDomain)
    problems.englishDomain = '请填写英文域名，或选择使用网络红页'
  if (form.ipAddress && !problems.ipAddress && !isIpAddress(form.ipAddress))
    problems.ipAddress = 'IP 地址格式不正确（IPv4 或 IPv6）'
  if (!form.useMicroSite && !form.ipAddress && !problems.ipAddress) problems.ipAddress = '请填写网站 IP 地址'
  if (!form.chineseDomainId) problems.chineseDomainId = '请选择本单位已注册的中文域名'
  return problems
}
