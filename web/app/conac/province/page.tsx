import type { Metadata } from 'next'
import { ProvinceCoordinationView } from '@/components/invoiceReports/ProvinceCoordinationView'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '两代一统' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ProvinceCoordinationView pickProvince />
}
