// Whether a person's office roles (编办内角色) allow an action, so that a button they could not use is not shown;
// the API refuses the same commands (ROLE_REQUIRED).
import type { OfficeRole } from '@/graphql/generated/graphql'

export function holdsOneOf(officeRoles: readonly OfficeRole[] | null | undefined, roles: readonly OfficeRole[]) {
  return roles.some((role) => officeRoles?.includes(role))
}
