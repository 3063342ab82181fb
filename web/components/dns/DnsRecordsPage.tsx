// 域名解析 of one domain: the query both the unit's page and the office's read-only page load: the records, and
// their history (解析变更记录) a page at a time.
import Link from 'next/link'
import { graphql } from '@/graphql/generated'
import type { DnsDomainRecordsQuery as DnsDomainRecordsData } from '@/graphql/generated/graphql'
import { DomainNamesPanel } from '@/components/domainNames/DomainNamesPanel'
import { DnsName } from '@/components/ui/DnsName'
import { DnsHistory } from './DnsHistory'
import { DnsPublicationStatus } from './DnsPublicationStatus'
import { DnsRecordManager } from './DnsRecordManager'
import { DnsRecordTable } from './DnsRecordTable'

export const DnsDomainRecordsQuery = graphql(`
  query DnsDomainRecords($id: ID!, $historyFirst: Int!, $historyAfter: String) {
    domain(id: $id) {
      id
      fullName
      aLabelName
      status
      expiresAt
      ...DomainNamesPanel_Domain
      unit {
        id
        name
      }
      dnsRecords {
        id
        host
        type
        value
        ttl
        priority
        forwardGroup
        forwardRedirect
        forwardKeepPath
      }
      dnsPublication {
        ...DnsPublicationStatus_Publication
      }
      dnsChanges(first: $historyFirst, after: $historyAfter) {
        ...DnsHistory_Connection
      }
    }
  }
`)

export function DnsRecordsPage({
  data,
  editable,
  backHref,
  backLabel,
  pageHref,
  historyPaged,
}: {
  data: DnsDomainRecordsData
  editable: boolean
  backHref: string
  backLabel: string
  /** This page's address showing the history after the cursor (null: the newest). */
  pageHref: (historyAfter: string | null) => string
  /** True when the history shows an older page. */
  historyPaged: boolean
}) {
  const domain = data.domain
  const registered = domain.status === 'REGISTERED'
  return (
    <>
      <p className="dns-back">
        <Link href={backHref}>← {backLabel}</Link>
      </p>
      <section className="panel" aria-labelledby="dns-records-title">
        <div className="panel-head">
          <h1 id="dns-records-title">
            域名解析：<span data-testid="dns-domain-name">{domain.fullName}</span>
            {domain.aLabelName && (
              <DnsName name={domain.aLabelName} className="mono dns-a-label" testId="dns-domain-a-label" />
            )}
          </h1>
          <span className="panel-meta">
            {domain.unit.name} · 共 <strong data-testid="dns-record-count">{domain.dnsRecords.length}</strong> 条记录
          </span>
        </div>
        {registered && <DnsPublicationStatus publication={domain.dnsPublication} />}
        {!registered && (
          <p className="notice notice-warning" role="status">
            该域名当前不是“注册成功”状态，不能修改解析。
          </p>
        )}
        {editable && registered ? (
          <DnsRecordManager domainId={domain.id} records={domain.dnsRecords} />
        ) : (
          <DnsRecordTable records={domain.dnsRecords} />
        )}
      </section>
      <DomainNamesPanel domain={domain} editable={editable} />
      <DnsHistory history={domain.dnsChanges} pageHref={pageHref} paged={historyPaged} />
    </>
  )
}
