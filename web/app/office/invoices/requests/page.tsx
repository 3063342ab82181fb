import type { Metadata } from 'next'
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { OfficeInvoiceRequests } from '@/components/invoices/OfficeInvoiceRequests'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '预开发票申请' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return (
    <>
      <InvoiceStockNotice />
      <OfficeInvoiceRequests />
    </>
  )
}
