import type { Metadata } from 'next'
import { ReviewQueue } from '@/components/domains/ReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '待审核域名' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <ReviewQueue level="OFFICE" />
}
