import type { Metadata } from 'next'
import { OfficeUsersPage } from '@/components/accounts/OfficeUsersPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '本办用户' }

/** 本办用户 (管理员): the office's staff accounts. */
export default async function Page() {
  const viewer = await requireRole('OFFICE_STAFF')
  return <OfficeUsersPage viewerId={viewer.id} officeName={viewer.office?.name ?? ''} />
}
