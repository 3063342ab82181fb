import type { Metadata } from 'next'
import { DomainCancellationReviewQueue } from '@/components/domainCancellations/DomainCancellationReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名注销审核' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <DomainCancellationReviewQueue />
}
