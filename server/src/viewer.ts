// Who is asking: nobody, a logged-in person (portal session), or an integrator's API token.
import type { ApiTokenAccess, OfficeLevel, OfficeRole, UnitUserRole, UserRole } from './generated/prisma/enums.ts'
import type { ErrorCode } from './errors.ts'

export interface OfficeScope {
  officeId: number
  officeLevel: OfficeLevel
  /** The office's region path; the office sees everything whose region path starts with it. */
  regionPath: string
}

export type Viewer =
  | {
      kind: 'anonymous'
      /** Why a presented cookie was not accepted, so protected fields can say so instead of UNAUTHENTICATED. */
      authError?: { code: ErrorCode; message: string }
    }
  | {
      kind: 'user'
      userId: number
      sessionId: number
      role: UserRole
      unitId: number | null
      /** Set for office and CONAC staff. */
      office: OfficeScope | null
      /** 编办内角色 of staff; empty for unit users. */
      officeRoles: readonly OfficeRole[]
      /** 单位主账号 or 其他用户 of a unit user; null for staff. */
      unitRole: UnitUserRole | null
    }
  | {
      kind: 'token'
      tokenId: number
      access: ApiTokenAccess
      /** The staff member who created the token; actions are attributed to them. */
      userId: number
      office: OfficeScope
      /** The token's roles that its creator still holds. */
      officeRoles: readonly OfficeRole[]
    }

export const anonymous: Viewer = { kind: 'anonymous' }

/** The office whose subtree the viewer may see, or null for anonymous viewers and unit users. */
export function officeScopeOf(viewer: Viewer): OfficeScope | null {
  return viewer.kind === 'anonymous' ? null : viewer.office
}

/** The user to attribute an action to. */
export function actingUserId(viewer: Viewer): number | null {
  return viewer.kind === 'anonymous' ? null : viewer.userId
}

/** Whether the viewer (staff or a token) holds one of the office roles. Unit users and anonymous viewers hold none. */
export function hasOfficeRole(viewer: Viewer, roles: readonly OfficeRole[]): boolean {
  if (viewer.kind === 'anonymous' || !viewer.office) return false
  return viewer.officeRoles.some((role) => roles.includes(role))
}
