'use client'
// 操作记录 of one item (a site application, a domain…): a vertical timeline, newest first, of who did what and
// when, each with its 变更前/变更后 (changed keys only). Offices see their subtree's rows, CONAC all.
import { useQuery } from 'urql'
import { formatDateTime } from '@/components/ui/format'
import { ErrorNotice, Loading } from '@/components/ui/states'
import { AuditDiff } from './AuditDiff'
import { auditActionLabel, ROLE_LABELS } from './actions'
import { AuditLogsDocument } from './documents'

export function actorText(node: {
  actor?: { displayName: string; role: string } | null
  actorTokenName?: string | null
}): string {
  const person = node.actor ? `${node.actor.displayName}（${ROLE_LABELS[node.actor.role] ?? node.actor.role}）` : '系统'
  return node.actorTokenName ? `${person} · API 令牌「${node.actorTokenName}」` : person
}

export function AuditTimeline({
  subjectType,
  subjectId,
  title = '操作记录',
}: {
  subjectType: string
  subjectId: string
  title?: string
}) {
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogsDocument,
    variables: { first: 100, filter: { subjectType, subjectId } },
  })
  const nodes = data?.auditLogs.edges.map((edge) => edge.node) ?? []
  const headingId = `audit-timeline-${subjectType}-${subjectId}`
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="audit-timeline">
      <div className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {data && <span className="panel-meta">共 {data.auditLogs.totalCount} 条</span>}
      </div>
      <ErrorNotice error={error} />
      {fetching && !data ? (
        <Loading />
      ) : nodes.length === 0 ? (
        !error && <p className="muted">暂无操作记录。</p>
      ) : (
        <ol className="audit-timeline">
          {nodes.map((node) => (
            <li key={node.id} data-action={node.action} className="audit-event">
              <span aria-hidden className="audit-dot" />
              <div>
                <time dateTime={node.at} className="muted">
                  {formatDateTime(node.at)}
                </time>{' '}
                <strong>{auditActionLabel(node.action)}</strong>
              </div>
              <div className="muted">
                {actorText(node)}
                {node.ip ? ` · IP ${node.ip}` : ''}
              </div>
              <AuditDiff before={node.before} after={node.after} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
