import type { Metadata } from 'next'
import { UnitChangeReviewQueue } from '@/components/unitChanges/UnitChangeReviewQueue'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位信息变更审核' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <UnitChangeReviewQueue />
}
