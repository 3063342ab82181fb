import type { Metadata } from 'next'
import { UnitBadges } from '@/components/badges/UnitBadges'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '标识管理' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <UnitBadges />
}
