import type { Metadata } from 'next'
import { AuditTimeline } from '@/components/audit/AuditTimeline'
import { DnsRecordsPage } from '@/components/dns/DnsRecordsPage'
import { loadDomainRecords } from '@/components/dns/load'

export const metadata: Metadata = { title: '域名解析（查看）' }

/** Office staff read a domain's records; only the unit changes them. */
export default async function OfficeDnsDomainPage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params
  const data = await loadDomainRecords('OFFICE_STAFF', domainId)
  return (
    <>
      <DnsRecordsPage data={data} editable={false} backHref="/office" backLabel="返回首页" />
      <AuditTimeline subjectType="Domain" subjectId={domainId} title="域名操作记录" />
    </>
  )
}
