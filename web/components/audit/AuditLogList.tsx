'use client'
// 操作日志: the most recent audit entries the viewer may read (office subtree / CONAC all), with filters by subject
// type, action and date range (Beijing days), 上一页/下一页, and each entry's 变更前/变更后.
import { useState } from 'react'
import { useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import type { AuditLogFilter } from '@/graphql/generated/graphql'
import { AuditDiff } from './AuditDiff'
import { actorText } from './AuditTimeline'
import { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_LABELS, auditActionLabel, auditSubjectLabel } from './actions'
import { AuditLogsDocument } from './documents'

interface FilterForm {
  subjectType: string
  subjectId: string
  action: string
  fromDate: string
  toDate: string
}

const EMPTY: FilterForm = { subjectType: '', subjectId: '', action: '', fromDate: '', toDate: '' }

/** The API filter of the form; dates are Beijing days. */
export function toAuditFilter(form: FilterForm): AuditLogFilter {
  return {
    subjectType: form.subjectType || null,
    subjectId: form.subjectId.trim() || null,
    action: form.action || null,
    from: form.fromDate ? new Date(`${form.fromDate}T00:00:00+08:00`).toISOString() : null,
    to: form.toDate ? new Date(`${form.toDate}T23:59:59.999+08:00`).toISOString() : null,
  }
}

export function AuditLogList({ showIp = false }: { showIp?: boolean }) {
  const [form, setForm] = useState<FilterForm>(EMPTY)
  const [applied, setApplied] = useState<FilterForm>(EMPTY)
  const pages = useCursorPages()
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogsDocument,
    variables: { first: PAGE_SIZE, after: pages.after, filter: toAuditFilter(applied) },
  })
  const set = (patch: Partial<FilterForm>) => setForm((current) => ({ ...current, ...patch }))
  const invalidRange = form.fromDate && form.toDate && form.fromDate > form.toDate
  const apply = (next: FilterForm) => {
    setApplied(next)
    pages.reset()
  }
  const connection = data?.auditLogs
  return (
    <section className="panel" aria-labelledby="audit-log-title">
      <div className="panel-head">
        <h1 id="audit-log-title">操作日志</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 条</span>}
      </div>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault()
          if (!invalidRange) apply(form)
        }}
      >
        <div className="field">
          <label htmlFor="audit-subject-type">对象类型</label>
          <select
            id="audit-subject-type"
            value={form.subjectType}
            onChange={(e) => set({ subjectType: e.target.value })}
          >
            <option value="">全部</option>
            {Object.entries(AUDIT_SUBJECT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subject-id">对象编号</label>
          <input
            id="audit-subject-id"
            maxLength={64}
            value={form.subjectId}
            onChange={(e) => set({ subjectId: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-action">操作</label>
          <select id="audit-action" value={form.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">全部</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">开始日期</label>
          <input
            id="audit-from"
            type="date"
            value={form.fromDate}
            onChange={(e) => set({ fromDate: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">结束日期</label>
          <input
            id="audit-to"
            type="date"
            value={form.toDate}
            onChange={(e) => set({ toDate: e.target.value })}
            aria-invalid={invalidRange ? true : undefined}
          />
        </div>
        {invalidRange && <ErrorNotice message="结束日期不能早于开始日期" />}
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            查询
          </button>
          <button
            type="button"
            className="button button-light"
            onClick={() => {
              setForm(EMPTY)
              apply(EMPTY)
            }}
          >
            重置
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {fetching && !data ? (
        <Loading />
      ) : !connection || connection.edges.length === 0 ? (
        !error && <EmptyState>没有符合条件的操作记录。</EmptyState>
      ) : (
        <TableScroll labelledBy="audit-log-title">
          <table className="table" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                {showIp && <th scope="col">IP</th>}
                <th scope="col">变更</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-action={node.action}>
                  <td>{formatDateTime(node.at)}</td>
                  <td>{actorText(node)}</td>
                  <td title={node.action}>{auditActionLabel(node.action)}</td>
                  <td>
                    {auditSubjectLabel(node.subjectType)}
                    {node.subjectId ? <span className="mono"> #{node.subjectId}</span> : null}
                  </td>
                  {showIp && <td className="mono">{node.ip ?? '—'}</td>}
                  <td>
                    <AuditDiff before={node.before} after={node.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
