import type { Metadata } from 'next'
import { ChangeReviewQueue } from '@/components/badges/ChangeReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '标识变更审核' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <ChangeReviewQueue />
}
