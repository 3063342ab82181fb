// The records of one domain as a table. Used read-only by office staff, and with 修改/删除 buttons by the unit.
import type { ReactNode } from 'react'
import { DNS_RECORD_TYPE_LABELS } from '@/components/labels'
import { TableScroll } from '@/components/ui/TableScroll'
import { EmptyState } from '@/components/ui/states'
import type { DnsRecordType, UrlForwardRedirect } from '@/graphql/generated/graphql'

export interface DnsRecordRow {
  id: string
  host: string
  type: DnsRecordType
  value: string
  ttl: number
  priority?: number | null
  forwardGroup?: string | null
  forwardRedirect?: UrlForwardRedirect | null
  forwardKeepPath?: boolean | null
}

export const FORWARD_REDIRECT_LABELS: Record<UrlForwardRedirect, string> = {
  TEMPORARY: '302 临时重定向',
  PERMANENT: '301 永久重定向',
}

/** How a URL forward answers, in one line: 302 临时重定向，保留路径和参数. */
export function forwardOptionsText(record: DnsRecordRow): string | null {
  if (record.type !== 'URL_FORWARD' || !record.forwardRedirect) return null
  return `${FORWARD_REDIRECT_LABELS[record.forwardRedirect]}，${record.forwardKeepPath ? '保留路径和参数' : '不保留路径'}`
}

/** True for the A record a URL forward generated (it follows its URL_FORWARD record). */
export function isForwardPartner(record: DnsRecordRow): boolean {
  return Boolean(record.forwardGroup) && record.type !== 'URL_FORWARD'
}

export function DnsRecordTable({
  records,
  actions,
}: {
  records: DnsRecordRow[]
  actions?: (record: DnsRecordRow) => ReactNode
}) {
  if (records.length === 0) {
    return <EmptyState testId="dns-records-empty">暂无解析记录</EmptyState>
  }
  return (
    <TableScroll label="解析记录">
      <table className="table" data-testid="dns-records">
        <thead>
          <tr>
            <th scope="col">主机记录</th>
            <th scope="col">记录类型</th>
            <th scope="col">记录值</th>
            <th scope="col" className="num">
              TTL
            </th>
            <th scope="col" className="num">
              优先级
            </th>
            {actions && (
              <th scope="col" className="table-actions">
                操作
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id} data-record-type={record.type}>
              <td className="mono">{record.host}</td>
              <td>
                {DNS_RECORD_TYPE_LABELS[record.type]}
                {isForwardPartner(record) && <span className="muted dns-note">（URL转发自动生成）</span>}
              </td>
              <td className="dns-value">
                <span className="mono">{record.value}</span>
                {forwardOptionsText(record) && (
                  <span className="muted dns-forward-options" data-testid="dns-forward-options">
                    {forwardOptionsText(record)}
                  </span>
                )}
              </td>
              <td className="num">{record.ttl}</td>
              <td className="num">{record.priority ?? '—'}</td>
              {actions && <td className="dns-actions table-actions">{actions(record)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
