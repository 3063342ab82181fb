import type { Metadata } from 'next'
import { TransferQueue } from '@/components/domainTransfers/TransferQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名过户审批' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <TransferQueue />
}
