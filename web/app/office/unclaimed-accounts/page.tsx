import type { Metadata } from 'next'
import { UnclaimedAccountsPage } from '@/components/migration/claim/UnclaimedAccountsPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '未认领账号' }

/** 未认领账号 (管理员): the imported accounts of the office's area not yet claimed. */
export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <UnclaimedAccountsPage central={false} />
}
