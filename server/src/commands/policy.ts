// Who may use a root field (a command or a query), in the terms a reviewer checks: the principals of the
// authorization matrix (tests/api/authorization/expectations.ts) and whether an office's API token may act for it.
// Every command and query file states its policy at its top; commands/table.ts collects them, shield enforces the
// principal part before any resolver runs (permissions/index.ts), and each command checks it again when it runs.
import { allow, and } from 'graphql-shield'
/** A shield rule (the package does not export the type by name). */
export type ShieldRule = Parameters<typeof and>[number]
import { appError, forbidden } from '../errors.ts'
import { roleRequired } from '../permissions/officeRoles.ts'
import {
  canWrite,
  hasOneOfOfficeRoles,
  isAuthenticated,
  isOfficeOrConac,
  isStaffSession,
} from '../permissions/rules.ts'
import type { OfficeRole } from '../generated/prisma/enums.ts'
import { hasOfficeRole, type Viewer } from '../viewer.ts'

/** The principals of the matrix: nobody, a unit's user, staff (or a token) of a county, city or province office, CONAC. */
export const PRINCIPALS = ['anonymous', 'unit', 'county', 'city', 'province', 'conac'] as const
export type Principal = (typeof PRINCIPALS)[number]

/** The principals' Chinese names, as docs/permissions.md and the portal call them. */
export const PRINCIPAL_TEXT: Record<Principal, string> = {
  anonymous: '未登录（公众）',
  unit: '单位用户',
  county: '县级编办',
  city: '市级编办',
  province: '省级编办',
  conac: 'CONAC',
}

/** Every office below CONAC. */
export const LOCAL_OFFICES = ['county', 'city', 'province'] as const satisfies readonly Principal[]
/** Every office, CONAC included. */
export const ALL_OFFICES = [...LOCAL_OFFICES, 'conac'] as const satisfies readonly Principal[]
/** Everybody who is logged in. */
export const SIGNED_IN = ['unit', ...ALL_OFFICES] as const satisfies readonly Principal[]
/** Everybody. */
export const EVERYONE = PRINCIPALS

export interface Policy {
  /** Who may call it at all. An API token counts as its office's level. */
  who: readonly Principal[]
  /**
   * Whether an office's API token may call it. A command needs a read-write token (shield's canWrite); a query
   * takes either kind.
   */
  tokens: boolean
  /**
   * The office roles of which staff (and tokens) must hold one; unit users and the public are not affected (`who`
   * decides for them). Absent: any member of the office, whatever their roles.
   */
  roles?: readonly OfficeRole[]
  /** A unit user must be the unit's primary account (单位主账号), not one of its other users. */
  unitPrimary?: boolean
  /** The rule beyond the role that the file enforces (同级编办, 本单位, the issuing office …), or 'none'. */
  rule: string
  /** What a principal outside `who` is told (FORBIDDEN); the generic text when absent. */
  refusal?: string
  /**
   * Principals of `who` that only some input admits (the matrix probes with placeholder input, so it sees them
   * refused): which, and for what input.
   */
  onlyForSomeInput?: { principals: readonly Principal[]; when: string }
}

/** The matrix principal a viewer is: a token is its office's level. */
export function principalOf(viewer: Viewer): Principal {
  if (viewer.kind === 'anonymous') return 'anonymous'
  const office = viewer.office
  if (!office) return 'unit'
  return ({ CENTRAL: 'conac', PROVINCE: 'province', CITY: 'city', COUNTY: 'county' } as const)[office.officeLevel]
}

/**
 * Throws unless the policy admits the viewer: UNAUTHENTICATED for nobody, FORBIDDEN for the wrong principal,
 * FORBIDDEN with reason ROLE_REQUIRED for staff without the role, UNIT_PRIMARY_REQUIRED for a unit's other users.
 */
export function authorize(policy: Policy, viewer: Viewer): void {
  const principal = principalOf(viewer)
  if (policy.who.includes(principal) && (viewer.kind !== 'token' || policy.tokens)) {
    if (policy.roles && viewer.kind !== 'anonymous' && viewer.office && !hasOfficeRole(viewer, policy.roles))
      throw roleRequired(policy.roles)
    if (policy.unitPrimary && viewer.kind === 'user' && !viewer.office && viewer.unitRole !== 'PRIMARY')
      throw appError('FORBIDDEN', '此操作需由单位主账号办理', { reason: 'UNIT_PRIMARY_REQUIRED' })
    return
  }
  if (principal === 'anonymous') {
    throw viewer.kind === 'anonymous' && viewer.authError
      ? appError(viewer.authError.code, viewer.authError.message)
      : appError('UNAUTHENTICATED', '请先登录')
  }
  if (viewer.kind === 'token' && policy.who.includes(principal)) {
    throw forbidden(policy.refusal ?? '此操作需要工作人员登录，不能使用 API 令牌')
  }
  throw forbidden(policy.refusal)
}

/**
 * The shield rule of a root field, from its policy: shield keeps authentication (who must be logged in, who must
 * be staff) and read/write access (a mutation needs a read-write token); the finer rule is the file's.
 */
export function shieldRuleFor(policy: Policy, operation: 'query' | 'mutation'): ShieldRule {
  if (policy.who.includes('anonymous')) return allow
  const staffOnly = !policy.who.includes('unit')
  const who = staffOnly ? (policy.tokens ? isOfficeOrConac : isStaffSession) : isAuthenticated
  // A read-only token hears that it is read-only before it hears which role it lacks.
  const rules = [who, ...(operation === 'mutation' ? [canWrite] : [])]
  if (policy.roles) rules.push(hasOneOfOfficeRoles(policy.roles))
  return rules.length === 1 ? who : and(...rules)
}
