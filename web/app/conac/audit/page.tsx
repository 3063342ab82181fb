import type { Metadata } from 'next'
import { AuditLogList } from '@/components/audit/AuditLogList'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '操作日志' }

/** 操作日志: every entry, with the client address. */
export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <AuditLogList showIp />
}
