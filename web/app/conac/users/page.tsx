import type { Metadata } from 'next'
import { OfficeUsersPage } from '@/components/accounts/OfficeUsersPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '本中心用户' }

/** 本中心用户 (CONAC 管理员): CONAC's own staff accounts. */
export default async function Page() {
  const viewer = await requireRole('CONAC_STAFF')
  return <OfficeUsersPage viewerId={viewer.id} officeName={viewer.office?.name ?? ''} />
}
