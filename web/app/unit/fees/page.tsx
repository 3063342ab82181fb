import type { Metadata } from 'next'
import { UnitFees } from '@/components/fees/UnitFees'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '缴费' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <UnitFees />
}
