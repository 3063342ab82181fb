import type { Metadata } from 'next'
import { UnitAccountsPage } from '@/components/accounts/UnitAccountsPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位账号管理' }

/** 单位账号管理 (管理员, 审核员): the unit accounts of the office's subtree. */
export default async function Page() {
  const viewer = await requireRole('OFFICE_STAFF')
  return <UnitAccountsPage viewerId={viewer.id} canAdminister={viewer.officeRoles.includes('ADMIN')} />
}
