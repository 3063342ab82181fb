// The pages of a staff area (/office, /conac) are guarded by the menu's roles (navigation.ts): a person who opens
// the address of a page outside their office roles, e.g. a 财务 clerk on 待审核域名, reads 无权限 and whom to ask,
// instead of a page whose every action the API would refuse (ROLE_REQUIRED).
import type { ReactNode } from 'react'
import type { UserRole } from '@/graphql/generated/graphql'
import { getViewer } from '@/graphql/viewer'
import { RoleGatedPage } from './RoleGatedPage'

export async function OfficeRoleGate({ role, children }: { role: UserRole; children: ReactNode }) {
  const state = await getViewer().catch(() => null)
  // Anybody else is sent away by the page's own requireRole().
  if (state?.kind !== 'user' || state.user.role !== role) return <>{children}</>
  return (
    <RoleGatedPage role={role} officeRoles={state.user.officeRoles}>
      {children}
    </RoleGatedPage>
  )
}
