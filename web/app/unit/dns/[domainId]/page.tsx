import type { Metadata } from 'next'
import { DnsRecordsPage } from '@/components/dns/DnsRecordsPage'
import { historyCursor, loadDomainRecords } from '@/components/dns/load'

export const metadata: Metadata = { title: '域名解析' }

export default async function UnitDnsDomainPage({
  params,
  searchParams,
}: {
  params: Promise<{ domainId: string }>
  searchParams: Promise<{ history?: string | string[] }>
}) {
  const { domainId } = await params
  const { data, historyAfter } = await loadDomainRecords(
    'UNIT_USER',
    domainId,
    historyCursor((await searchParams).history),
  )
  const pageHref = (after: string | null) =>
    `/unit/dns/${domainId}${after ? `?history=${encodeURIComponent(after)}` : ''}#dns-history-title`
  return (
    <DnsRecordsPage
      data={data}
      editable
      backHref="/unit/dns"
      backLabel="返回域名列表"
      pageHref={pageHref}
      historyPaged={historyAfter != null}
    />
  )
}
