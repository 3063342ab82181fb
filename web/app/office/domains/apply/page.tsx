import type { Metadata } from 'next'
import { OfficeApply } from '@/components/domains/OfficeApply'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '代单位申请' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <OfficeApply />
}
