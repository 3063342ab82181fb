import type { Metadata } from 'next'
import { DomainSearch } from '@/components/domains/DomainSearch'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名查询' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <DomainSearch dnsBasePath="/office/dns" />
}
