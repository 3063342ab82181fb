import type { Metadata } from 'next'
import { UnitInvoicesReport } from '@/components/invoiceReports/UnitInvoicesReport'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '用户发票管理' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <UnitInvoicesReport />
}
