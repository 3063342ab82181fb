import type { Metadata } from 'next'
import { OfficeHome, OfficeHomeQuery } from '@/components/home/OfficeHome'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '编办首页' }

export default async function OfficeHomePage() {
  const data = await loadForRole('OFFICE_STAFF', OfficeHomeQuery)
  return <OfficeHome data={data} />
}
