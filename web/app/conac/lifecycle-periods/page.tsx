import type { Metadata } from 'next'
import { holdsOneOf } from '@/components/layout/officeRoles'
import { LifecyclePeriods } from '@/components/lifecycle/LifecyclePeriods'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '域名生命周期期限' }

export default async function Page() {
  const viewer = await requireRole('CONAC_STAFF')
  return <LifecyclePeriods canSet={holdsOneOf(viewer.officeRoles, ['ADMIN'])} />
}
