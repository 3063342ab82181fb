import type { Metadata } from 'next'
import { OfficeAdminsPage } from '@/components/accounts/OfficeAdminsPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '编办管理员' }

/** 编办管理员 (CONAC 管理员): any office's administrator accounts. */
export default async function Page() {
  const viewer = await requireRole('CONAC_STAFF')
  return <OfficeAdminsPage viewerId={viewer.id} />
}
