import type { Metadata } from 'next'
import { ChargeRuns } from '@/components/fees/ChargeRuns'
import { holdsOneOf } from '@/components/layout/officeRoles'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '每日扣费' }

export default async function Page() {
  const viewer = await requireRole('CONAC_STAFF')
  return <ChargeRuns canRunNow={holdsOneOf(viewer.officeRoles, ['ADMIN'])} />
}
