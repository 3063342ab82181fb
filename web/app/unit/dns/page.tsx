import type { Metadata } from 'next'
import { DnsDomainList, DnsDomainListQuery } from '@/components/dns/DnsDomainList'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名解析' }

export default async function UnitDnsPage() {
  const data = await loadForRole('UNIT_USER', DnsDomainListQuery)
  return <DnsDomainList data={data} basePath="/unit/dns" />
}
