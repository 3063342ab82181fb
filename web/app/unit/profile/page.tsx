import type { Metadata } from 'next'
import { UnitProfile } from '@/components/unitChanges/UnitProfile'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位信息' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <UnitProfile />
}
