// Who is asking: nobody, a logged-in person (portal session), or an integrator's API token.
import type { ApiTokenAccess, OfficeLevel, UserRole } from './generated/prisma/enums.ts'
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
    }
  | {
      kind: 'token'
      tokenId: number
      access: ApiTokenAccess
      /** The staff member who created the token; actions are attributed to them. */
      userId: number
      office: OfficeScope
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
