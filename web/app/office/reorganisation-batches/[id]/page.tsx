import type { Metadata } from 'next'
import { ReorganisationBatchDetail } from '@/components/reorganisationBatches/ReorganisationBatchDetail'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '批量机构改革' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requireRole('OFFICE_STAFF')
  const { id } = await params
  return <ReorganisationBatchDetail key={id} id={id} />
}
