import type { Metadata } from 'next'
import { FeeCollectedDomains } from '@/components/fees/FeeCollectedDomains'
import { OfficeFees } from '@/components/fees/OfficeFees'
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位收费' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return (
    <>
      <InvoiceStockNotice />
      <OfficeFees />
      <FeeCollectedDomains />
    </>
  )
}
