import type { Metadata } from 'next'
import { SiteReviewQueue } from '@/components/sites/SiteReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '网站复审' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <SiteReviewQueue level="CONAC" basePath="/conac/sites" />
}
