// 发布状态 on the DNS page: whether the saved records are what the registry's authoritative DNS server answers.
// The database is the source and the server reads it, so a change is never lost: it is on its way (seconds), or
// delayed while the server is down or behind, and published when it catches up.
import { graphql } from '@/graphql/generated'
import type { DnsPublicationStatus_PublicationFragment } from '@/graphql/generated/graphql'
import { ReloadButton } from '@/components/ui/ReloadButton'

export const DnsPublicationStatus_Publication = graphql(`
  fragment DnsPublicationStatus_Publication on DnsPublication {
    state
    zone
  }
`)

export function DnsPublicationStatus({ publication }: { publication: DnsPublicationStatus_PublicationFragment }) {
  switch (publication.state) {
    case 'PUBLISHED':
      return (
        <p className="notice notice-ok dns-publication" role="status" data-testid="dns-publication">
          已发布：权威 DNS 服务器正按以下记录应答。
        </p>
      )
    case 'PENDING':
      return (
        <p className="notice notice-warning dns-publication" role="status" data-testid="dns-publication">
          正在发布：更改已保存，通常几秒内生效。 <ReloadButton />
        </p>
      )
    case 'DELAYED':
      return (
        <p className="notice notice-warning dns-publication" role="status" data-testid="dns-publication">
          发布延迟：权威 DNS 服务器暂未同步。已保存的解析记录不会丢失，服务器恢复后自动发布。 <ReloadButton />
        </p>
      )
    case 'NOT_CONFIGURED':
      return (
        <p className="notice dns-publication dns-publication-local" role="status" data-testid="dns-publication">
          解析记录已保存。本环境未接入权威 DNS 服务器，记录暂不对外发布。
        </p>
      )
  }
}
