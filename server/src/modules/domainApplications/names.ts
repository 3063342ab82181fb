// The rules on a domain application's name, suffix and years, and on who holds a name: shared by applying,
// resubmitting, the availability check and the review history.
import type { Context } from '../../context.ts'
import { appError, badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainSuffix, UnitType } from '../../generated/prisma/enums.ts'
import { MAX_LABEL_OCTETS, octets, toULabel, tryALabel } from '../../lib/idna.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { nameHoldingProblem, type NameClaim } from '../domainNames/holding.ts'
import { changesSince, type FieldChange } from '../reviews/changes.ts'
import { isReservedDomainName } from './reserved-names.ts'

type Tx = Prisma.TransactionClient

const ALLOWED_SUFFIX: Record<UnitType, DomainSuffix> = {
  PARTY_GOVERNMENT: 'ZHENGWU',
  MASS_ORGANIZATION: 'ZHENGWU',
  PUBLIC_INSTITUTION: 'GONGYI',
  SOCIAL_ORGANIZATION: 'GONGYI',
}

export function suffixForUnitType(type: UnitType): DomainSuffix {
  return ALLOWED_SUFFIX[type]
}

export const conflictTaken = () => appError('CONFLICT', '该域名已被申请或注册')

/** What the applicant edits and a reviewer decides on; each decision stores them (ReviewDecision.snapshot). */
export const REVIEWED_FIELDS = ['name', 'years'] as const
type ReviewedFields = { name: string; years: number }

export const fullNameOf = (domain: { name: string; suffix: DomainSuffix }) =>
  `${domain.name}${SUFFIX_TEXT[domain.suffix]}`

/**
 * What the applicant changed since the application was last sent back (its latest rejection, at either level), so the
 * reviewer at either level reads the fix: names as whole domains (清丰.政务), years as a number. Empty before any
 * rejection. `decisions`: the domain's decisions, oldest first.
 */
export function changesSinceLastRejection(
  domain: ReviewedFields & { suffix: DomainSuffix },
  decisions: { result: string; snapshot: unknown }[],
): FieldChange[] {
  const rejection = decisions.findLast((decision) => decision.result === 'REJECTED')
  if (!rejection) return []
  return changesSince(rejection.snapshot, domain, REVIEWED_FIELDS).map((change) =>
    change.field === 'name'
      ? {
          ...change,
          before: change.before && fullNameOf({ name: change.before, suffix: domain.suffix }),
          after: change.after && fullNameOf({ name: change.after, suffix: domain.suffix }),
        }
      : change,
  )
}

/** Trimmed, ASCII letters lower-cased: domain labels are case-insensitive, so 'ABC' and 'abc' are one name. */
export function normalizeDomainName(name: string): string {
  return name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
}

const HAN = /\p{Script=Han}/u
const LDH = /[a-z0-9-]/
/** Full-width forms (ＡＢＣ１２３－): UTS #46 would map them silently; the applicant should see and type the real name. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/u

/**
 * What is wrong with a (normalized) name, or null: IDNA2008 with UTS #46 processing (lib/idna.ts) and the registry's
 * own rules (汉字, English letters, digits and hyphens only; at least 2 characters; not reserved), each refusal in
 * words the applicant can act on. The limit on length is the A-label's 63 octets, not a count of characters: the
 * Punycode grows with the number of distinct characters and their spread.
 */
export function nameProblem(name: string): string | null {
  const characters = [...name]
  if (characters.length < 2) return '域名至少应为 2 个字符'
  const fullWidth = characters.find((c) => FULL_WIDTH.test(c))
  if (fullWidth) return `域名中的「${fullWidth}」是全角字符，请改用半角英文字母、数字或连字符（-）`
  if (/\s/u.test(name)) return '域名不能包含空格'
  if (name.includes('.') || name.includes('。')) return '域名只填写后缀前的部分，不能包含点（.）'
  const foreign = characters.find((c) => !HAN.test(c) && !LDH.test(c))
  if (foreign) return `域名中的「${foreign}」不是汉字、英文字母、数字或连字符（-），域名不能混用其他文字或符号`
  if (name.startsWith('-') || name.endsWith('-')) return '域名不能以连字符（-）开头或结尾'
  if (characters.slice(2, 4).join('') === '--')
    return '域名的第 3、4 位不能都是连字符（--），这种写法留给 xn-- 等编码形式'
  for (const character of characters.filter((c) => HAN.test(c))) {
    const aLabel = tryALabel(character)
    if (aLabel === null) return `「${character}」不能用于域名（IDNA2008 不允许此字符）`
    const standard = toULabel(aLabel)
    if (standard !== character) return `「${character}」是兼容写法，请改用标准写法「${standard}」`
  }
  const aLabel = tryALabel(name)
  if (aLabel === null) return '域名不符合国际化域名（IDNA2008）规则'
  if (octets(aLabel) > MAX_LABEL_OCTETS)
    return `域名太长：在 DNS 中的编码形式（${aLabel.slice(0, 12)}…）有 ${octets(aLabel)} 个字符，最多 ${MAX_LABEL_OCTETS} 个，请缩短域名`
  if (isReservedDomainName(name)) return '该名称为保留名称，不能申请'
  return null
}

export function suffixProblem(unitType: UnitType, suffix: DomainSuffix): string | null {
  if (ALLOWED_SUFFIX[unitType] === suffix) return null
  return suffix === 'ZHENGWU' ? '.政务 域名仅限党政机关和群团机关申请' : '.公益 域名仅限事业单位和社会组织申请'
}

export function yearsProblem(years: number): string | null {
  return Number.isInteger(years) && years >= 1 && years <= 10 ? null : '注册年限应为 1-10 年的整数'
}

/** BAD_USER_INPUT naming each field that is wrong, or nothing. */
export function checkApplication(problems: Record<string, string | null>): void {
  const fields = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== null),
  )
  if (Object.keys(fields).length) throw badInput('域名申请信息有误', fields)
}

/** CONFLICT when the name or one of its 简繁 variants is held (domainNames/holding.ts), with the reason. */
export async function refuseHeldName(db: Tx, claim: NameClaim): Promise<void> {
  const problem = await nameHoldingProblem(db, claim)
  if (problem) throw appError('CONFLICT', problem)
}

/**
 * Runs a write that may hit domains_live_name_unique or domain_names_live_unique (a concurrent application for the
 * same name or one of its variants).
 */
export async function mapNameRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictTaken()
    throw error
  }
}
