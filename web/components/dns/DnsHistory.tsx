// 解析变更记录 of one domain (Domain.dnsChanges), newest first: what was added, changed or removed, by whom, and why
// when it was not the unit's own edit (a badge's issue, 变更 or 注销). Rendered with the records by the server page,
// so the refresh after a DNS change brings the history along; older rows page by a cursor in the address.
import Link from 'next/link'
import { DNS_RECORD_TYPE_LABELS } from '@/components/labels'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type {
  DnsChangeCause,
  DnsHistory_ConnectionFragment,
  DnsHistory_RecordStateFragment,
  DnsRecordAction,
} from '@/graphql/generated/graphql'
import { isForwardPartner } from './DnsRecordTable'

export const DnsHistory_RecordState = graphql(`
  fragment DnsHistory_RecordState on DnsRecordState {
    host
    type
    value
    ttl
    priority
    forwardGroup
  }
`)

export const DnsHistory_Connection = graphql(`
  fragment DnsHistory_Connection on DomainDnsChangesConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        at
        action
        cause
        badgeNumber
        actorName
        before {
          ...DnsHistory_RecordState
        }
        after {
          ...DnsHistory_RecordState
        }
      }
    }
  }
`)

type History = DnsHistory_ConnectionFragment
type Change = History['edges'][number]['node']
type RecordState = DnsHistory_RecordStateFragment

/** How many history rows a page shows. */
export const DNS_HISTORY_PAGE_SIZE = 20

const ACTION_LABELS: Record<DnsRecordAction, string> = { ADDED: '添加解析', UPDATED: '修改解析', DELETED: '删除解析' }

/** Why the system changed the record, in the unit's words; the unit's own edits need no reason. */
function reasonOf(change: Change): string | null {
  const badge = `网站标识 ${change.badgeNumber ?? ''}`
  const reasons: Record<DnsChangeCause, string | null> = {
    UNIT: null,
    BADGE_ISSUED: `${badge} 发放：中文域名 URL 转发到挂标网站`,
    BADGE_CHANGED: `${badge} 变更审核通过：中文域名改为转发到变更后的网站`,
    BADGE_CANCELLED: `${badge} 注销审核通过：中文域名的 URL 转发随之删除`,
    FORWARD_SERVER_MOVED: 'URL 转发服务器地址变更：URL 转发的 A 记录随之指向新地址',
  }
  return reasons[change.cause]
}

function actorOf(change: Change): string {
  if (!change.actorName) return '系统'
  return change.cause === 'UNIT' ? `操作人：${change.actorName}` : `审核人：${change.actorName}`
}

function RecordLine({ label, state }: { label?: string; state: RecordState }) {
  return (
    <p className="dns-history-record">
      {label && <span className="muted">{label}</span>}
      <span className="mono">{state.host}</span> {DNS_RECORD_TYPE_LABELS[state.type]}
      {isForwardPartner({ id: '', ...state }) && <span className="muted">（URL转发自动生成）</span>}{' '}
      <span className="mono dns-value">{state.value}</span>
      <span className="muted"> · TTL {state.ttl}</span>
      {state.priority != null && <span className="muted"> · 优先级 {state.priority}</span>}
    </p>
  )
}

export function DnsHistory({
  history,
  pageHref,
  paged,
}: {
  history: History
  pageHref: (after: string | null) => string
  paged: boolean
}) {
  const changes = history.edges.map((edge) => edge.node)
  return (
    <section className="panel" aria-labelledby="dns-history-title" data-testid="dns-history">
      <div className="panel-head">
        <h2 id="dns-history-title">解析变更记录</h2>
        <span className="panel-meta">
          共 <strong>{history.totalCount}</strong> 条
        </span>
      </div>
      {changes.length === 0 ? (
        <EmptyState>暂无解析变更记录</EmptyState>
      ) : (
        <ol className="audit-timeline dns-history">
          {changes.map((change) => {
            const reason = reasonOf(change)
            return (
              <li key={change.id} className="audit-event" data-action={change.action} data-cause={change.cause}>
                <span aria-hidden className="audit-dot" />
                <div>
                  <time dateTime={change.at} className="muted">
                    {formatDateTime(change.at)}
                  </time>{' '}
                  <strong>{ACTION_LABELS[change.action]}</strong> <span className="muted">· {actorOf(change)}</span>
                </div>
                {change.before && change.after ? (
                  <>
                    <RecordLine label="原：" state={change.before} />
                    <RecordLine label="新：" state={change.after} />
                  </>
                ) : (
                  <RecordLine state={(change.after ?? change.before)!} />
                )}
                {reason && <p className="dns-history-reason">{reason}</p>}
              </li>
            )
          })}
        </ol>
      )}
      {(paged || history.pageInfo.hasNextPage) && (
        <nav className="dns-history-pages" aria-label="解析变更记录翻页">
          {paged && <Link href={pageHref(null)}>最新记录</Link>}
          {history.pageInfo.hasNextPage && history.pageInfo.endCursor && (
            <Link href={pageHref(history.pageInfo.endCursor)}>更早的记录</Link>
          )}
        </nav>
      )}
    </section>
  )
}
