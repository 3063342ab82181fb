import type { Metadata } from 'next'
import { ReviewQueue } from '@/components/domains/ReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: 'CONAC 审核' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ReviewQueue level="CONAC" />
}
