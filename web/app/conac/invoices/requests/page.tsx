import type { Metadata } from 'next'
import { ConacInvoiceRequests } from '@/components/invoices/ConacInvoiceRequests'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '预开发票审核' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ConacInvoiceRequests />
}
