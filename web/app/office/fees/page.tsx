import type { Metadata } from 'next'
import { FeeCollectedDomains } from '@/components/fees/FeeCollectedDomains'
import { OfficeFees } from '@/components/fees/OfficeFees'
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '申报单位管理/缴费' }

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
