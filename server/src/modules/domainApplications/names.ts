// The rules on a domain application's name, suffix and years, and on who holds a name: shared by applying,
// resubmitting, the availability check and the review history.
import type { Context } from '../../context.ts'
import { appError, badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainStatus, DomainSuffix, UnitType } from '../../generated/prisma/enums.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { changesSince, type FieldChange } from '../reviews/changes.ts'
import { isReservedDomainName } from './reserved-names.ts'

type Tx = Prisma.TransactionClient

/** Statuses that hold a name (mirrors the partial unique index domains_live_name_unique). */
const DEAD_STATUSES: DomainStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED']

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

const NAME_PATTERN = /^[\p{Script=Han}a-z0-9](?:[\p{Script=Han}a-z0-9-]*[\p{Script=Han}a-z0-9])?$/u

/** What is wrong with a (normalized) name, or null. */
export function nameProblem(name: string): string | null {
  const length = [...name].length
  if (length < 2 || length > 40) return '域名应为 2-40 个字符'
  if (!NAME_PATTERN.test(name))
    return '域名只能包含汉字、英文字母、数字和中间的连字符（-），不能含点或空格，不能以连字符开头或结尾'
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

export async function nameIsTaken(db: Tx | Context['prisma'], name: string, suffix: DomainSuffix, exceptId?: number) {
  const holder = await db.domain.findFirst({
    where: { name, suffix, status: { notIn: DEAD_STATUSES }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  return holder !== null
}

/** Runs a write that may hit domains_live_name_unique (a concurrent application for the same name). */
export async function mapNameRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictTaken()
    throw error
  }
}
