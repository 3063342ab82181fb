import type { Metadata } from 'next'
import { ChargeRuns } from '@/components/fees/ChargeRuns'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '每日扣费' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ChargeRuns />
}
