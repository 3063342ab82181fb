import type { Metadata } from 'next'
import { OfficeRemittances } from '@/components/fees/OfficeRemittances'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '汇款单' }

export default async function Page() {
  const viewer = await requireRole('OFFICE_STAFF')
  return <OfficeRemittances officeId={viewer.office?.id ?? ''} />
}
