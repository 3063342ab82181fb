import type { Metadata } from 'next'
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { OfficeInvoices } from '@/components/invoices/OfficeInvoices'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '发票开具' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return (
    <>
      <InvoiceStockNotice />
      <OfficeInvoices />
    </>
  )
}
