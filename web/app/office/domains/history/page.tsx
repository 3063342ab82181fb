import type { Metadata } from 'next'
import { DomainHistory } from '@/components/domains/DomainHistory'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名历史查询' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <DomainHistory />
}
