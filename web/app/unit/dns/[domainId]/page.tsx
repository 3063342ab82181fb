import type { Metadata } from 'next'
import { DnsRecordsPage } from '@/components/dns/DnsRecordsPage'
import { loadDomainRecords } from '@/components/dns/load'

export const metadata: Metadata = { title: '域名解析' }

export default async function UnitDnsDomainPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params
  const data = await loadDomainRecords('UNIT_USER', domainId)
  return <DnsRecordsPage data={data} editable backHref="/unit/dns" backLabel="返回域名列表" />
}
