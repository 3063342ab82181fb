import type { Metadata } from 'next'
import { ReorganisationBatches } from '@/components/reorganisationBatches/ReorganisationBatches'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '批量机构改革' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ReorganisationBatches basePath="/conac/reorganisation-batches" />
}
