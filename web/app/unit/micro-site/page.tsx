import type { Metadata } from 'next'
import { MyMicroSiteQuery } from '@/components/microSites/documents'
import { MicroSiteEditor } from '@/components/microSites/MicroSiteEditor'
import { loadForRole, requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '网络红页' }

export default async function UnitMicroSitePage() {
  const viewer = await requireRole('UNIT_USER')
  const data = await loadForRole('UNIT_USER', MyMicroSiteQuery)
  return <MicroSiteEditor initial={data.myMicroSite ?? null} unitName={viewer.unit?.name ?? ''} />
}
