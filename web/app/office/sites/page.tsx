import type { Metadata } from 'next'
import { SiteApplicationSearch } from '@/components/sites/SiteApplicationSearch'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '网站申请查询' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <SiteApplicationSearch basePath="/office/sites" />
}
