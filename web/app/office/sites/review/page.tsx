import type { Metadata } from 'next'
import { SiteReviewQueue } from '@/components/sites/SiteReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '网站开办审核' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <SiteReviewQueue level="OFFICE" basePath="/office/sites" />
}
