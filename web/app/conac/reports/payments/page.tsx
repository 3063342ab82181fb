import type { Metadata } from 'next'
import { UnitPaymentsReport } from '@/components/invoiceReports/UnitPaymentsReport'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '用户缴费查询' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <UnitPaymentsReport />
}
