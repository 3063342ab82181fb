import type { Metadata } from 'next'
import { ReorganisationList } from '@/components/reorganisations/ReorganisationList'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '机构改革' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <ReorganisationList basePath="/office/reorganisations" mayPropose />
}
