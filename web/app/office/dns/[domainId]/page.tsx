import type { Metadata } from 'next'
import { AuditTimeline } from '@/components/audit/AuditTimeline'
import { DnsRecordsPage } from '@/components/dns/DnsRecordsPage'
import { historyCursor, loadDomainRecords } from '@/components/dns/load'

export const metadata: Metadata = { title: '域名解析（查看）' }

/** Office staff read a domain's records and their history; only the unit changes them. */
export default async function OfficeDnsDomainPage({
  params,
  searchParams,
}: {
  params: Promise<{ domainId: string }>
  searchParams: Promise<{ history?: string | string[] }>
}) {
  const { domainId } = await params
  const { data, historyAfter } = await loadDomainRecords(
    'OFFICE_STAFF',
    domainId,
    historyCursor((await searchParams).history),
  )
  const pageHref = (after: string | null) =>
    `/office/dns/${domainId}${after ? `?history=${encodeURIComponent(after)}` : ''}#dns-history-title`
  return (
    <>
      <DnsRecordsPage
        data={data}
        editable={false}
        backHref="/office"
        backLabel="返回首页"
        pageHref={pageHref}
        historyPaged={historyAfter != null}
      />
      <AuditTimeline subjectType="Domain" subjectId={domainId} title="域名操作记录" />
    </>
  )
}
