import type { Metadata } from 'next'
import { ReorganisationDetail } from '@/components/reorganisations/ReorganisationDetail'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '机构改革申请' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requireRole('CONAC_STAFF')
  const { id } = await params
  return <ReorganisationDetail id={id} basePath="/conac/reorganisations" />
}
