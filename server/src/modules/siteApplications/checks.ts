// The input checks of a site application: the light ones a draft must pass (what the columns hold, and an English
// domain of the wrong kind), the full ones a submission must pass, and which Chinese domain it may name.
import { isIP } from 'node:net'
import type { Context } from '../../context.ts'
import { badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { UnitType } from '../../generated/prisma/enums.ts'
import { englishDomainProblem } from '../../lib/englishDomain.ts'
import { isValidIdNumber, isValidMobile } from '../../lib/identifiers.ts'
import { suffixForUnitType } from '../domainApplications/names.ts'
import type { SiteApplicationFields } from './fields.ts'

type Tx = Prisma.TransactionClient
type Problems = Record<string, string>

const LIMITS: Partial<Record<keyof SiteApplicationFields, number>> = {
  siteName: 128,
  siteIntro: 500,
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

const LIMIT_TEXT: Partial<Record<keyof SiteApplicationFields, string>> = { siteIntro: '网站简介不能超过 500 个字' }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const LANDLINE = /^[0-9]{3,4}-?[0-9]{7,8}(-[0-9]{1,6})?$/

/** BAD_USER_INPUT naming each field that is wrong, or nothing. */
export function throwProblems(problems: Problems): void {
  if (Object.keys(problems).length) throw badInput('网站开办申请信息有误', problems)
}

/**
 * Draft rules: what the columns and their check constraints cannot hold (so a draft never hits the database's
 * rules), and an English domain of the wrong kind for the unit's type, which the unit can fix at once.
 */
export function draftProblems(fields: SiteApplicationFields, unitType: UnitType): Problems {
  const problems: Problems = {}
  for (const [name, limit] of Object.entries(LIMITS) as [keyof SiteApplicationFields, number][]) {
    const value = fields[name]
    if (typeof value === 'string' && [...value].length > limit)
      problems[name] = LIMIT_TEXT[name] ?? `不能超过 ${limit} 个字符`
  }
  if (!problems.englishDomain && fields.englishDomain) {
    const problem = englishDomainProblem(fields.englishDomain, unitType)
    if (problem) problems.englishDomain = problem
  }
  if (!problems.handlerIdNumber && !/^[0-9]{17}[0-9X]$/.test(fields.handlerIdNumber))
    problems.handlerIdNumber = '请填写 18 位身份证号码'
  if (!problems.handlerMobile && !isValidMobile(fields.handlerMobile)) problems.handlerMobile = '请输入 11 位手机号码'
  if (!problems.principalMobile && !isValidMobile(fields.principalMobile))
    problems.principalMobile = '请输入 11 位手机号码'
  return problems
}

/** Submission rules: everything the form requires. */
export async function submissionProblems(
  db: Tx | Context['prisma'],
  unit: { id: number; type: UnitType },
  fields: SiteApplicationFields,
) {
  const problems = draftProblems(fields, unit.type)
  const need = (name: keyof SiteApplicationFields, text: string) => {
    if (!problems[name] && !fields[name]) problems[name] = text
  }
  need('siteName', '请填写网站名称')
  need('siteIntro', '请填写网站简介')
  need('principalName', '请填写网站负责人')
  need('handlerName', '请填写申请经办人')
  if (!problems.principalEmail && !EMAIL.test(fields.principalEmail)) problems.principalEmail = '电子邮箱格式不正确'
  if (!problems.handlerEmail && !EMAIL.test(fields.handlerEmail)) problems.handlerEmail = '电子邮箱格式不正确'
  for (const name of ['principalLandline', 'handlerLandline'] as const) {
    const value = fields[name]
    if (!problems[name] && value && !LANDLINE.test(value)) problems[name] = '固定电话格式不正确，如 0393-7221234'
  }
  if (!problems.handlerIdNumber && !isValidIdNumber(fields.handlerIdNumber))
    problems.handlerIdNumber = '身份证号码不正确（请检查校验位）'
  if (fields.useMicroSite) {
    if (fields.englishDomain) problems.englishDomain = '使用网络红页时不填写英文域名'
  } else if (!problems.englishDomain && !fields.englishDomain) {
    problems.englishDomain = '请填写英文域名，或选择使用网络红页'
  }
  if (fields.ipAddress && !problems.ipAddress && isIP(fields.ipAddress) === 0)
    problems.ipAddress = 'IP 地址格式不正确（IPv4 或 IPv6）'
  if (!fields.useMicroSite && !fields.ipAddress && !problems.ipAddress) problems.ipAddress = '请填写网站 IP 地址'
  if (fields.chineseDomainId == null) problems.chineseDomainId = '请选择本单位已注册的中文域名'
  else {
    const domain = await db.domain.findFirst({
      where: {
        id: fields.chineseDomainId,
        unitId: unit.id,
        status: 'REGISTERED',
        suffix: suffixForUnitType(unit.type),
      },
      select: { id: true },
    })
    if (!domain) problems.chineseDomainId = '中文域名须为本单位已注册的域名，且后缀与单位类型相符'
  }
  return problems
}

/** A draft may only point at the unit's own domains (any status; submission requires REGISTERED). */
export async function checkDomainOwned(ctx: Context, unitId: number, domainId: number | null) {
  if (domainId == null) return
  const domain = await ctx.prisma.domain.findFirst({ where: { id: domainId, unitId }, select: { id: true } })
  if (!domain) throw badInput('网站开办申请信息有误', { chineseDomainId: '中文域名须为本单位的域名' })
}
