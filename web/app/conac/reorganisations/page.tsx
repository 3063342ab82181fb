import type { Metadata } from 'next'
import { ReorganisationList } from '@/components/reorganisations/ReorganisationList'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '机构改革' }

// CONAC reviews the reorganisations whose units lie in more than one province; it files none of its own.
export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ReorganisationList basePath="/conac/reorganisations" mayPropose={false} />
}
