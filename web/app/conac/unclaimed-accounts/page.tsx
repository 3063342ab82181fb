import type { Metadata } from 'next'
import { UnclaimedAccountsPage } from '@/components/migration/claim/UnclaimedAccountsPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '未认领账号' }

/** 未认领账号 (CONAC 管理员): every imported account not yet claimed. */
export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <UnclaimedAccountsPage central />
}
