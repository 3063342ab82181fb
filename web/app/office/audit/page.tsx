import type { Metadata } from 'next'
import { AuditLogList } from '@/components/audit/AuditLogList'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '操作日志' }

/** 操作日志 of the office's region subtree. */
export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <AuditLogList />
}
