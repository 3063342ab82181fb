import type { Metadata } from 'next'
import { UnitInvoicesReport } from '@/components/invoiceReports/UnitInvoicesReport'
import { UnitPaymentsReport } from '@/components/invoiceReports/UnitPaymentsReport'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '缴费和发票' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return (
    <>
      <UnitPaymentsReport unitView />
      <UnitInvoicesReport unitView />
    </>
  )
}
