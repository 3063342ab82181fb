import type { Metadata } from 'next'
import { RenewalPicker } from '@/components/renewals/RenewalPicker'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '续费' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <RenewalPicker mode="unit" />
}
