import type { Metadata } from 'next'
import { PaymentSettingsForm } from '@/components/fees/PaymentSettingsForm'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '缴费方式设置' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <PaymentSettingsForm />
}
