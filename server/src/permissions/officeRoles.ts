// 编办内角色: 管理员 (accounts), 审核员 (reviews), 财务 (money). A person may hold several; a command's policy names the
// roles of which staff must hold one (commands/policy.ts), and shield checks the same before any resolver runs.
import { appError } from '../errors.ts'
import type { OfficeRole } from '../generated/prisma/enums.ts'

/** In the order the portal lists them. */
export const OFFICE_ROLES = ['ADMIN', 'REVIEWER', 'FINANCE'] as const satisfies readonly OfficeRole[]

/** The roles' Chinese names. */
export const ROLE_TEXT: Record<OfficeRole, string> = { ADMIN: '管理员', REVIEWER: '审核员', FINANCE: '财务' }

/** The refusal of a staff member (or token) without any of the roles: FORBIDDEN, reason ROLE_REQUIRED. */
export function roleRequired(roles: readonly OfficeRole[]) {
  const names = roles.map((role) => `「${ROLE_TEXT[role]}」`).join('或')
  return appError('FORBIDDEN', `此操作需要${names}角色，请联系本办管理员`, {
    reason: 'ROLE_REQUIRED',
    requiredRoles: [...roles],
  })
}
