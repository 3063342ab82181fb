import type { Metadata } from 'next'
import { StaffSiteApplicationPageQuery } from '@/components/sites/documents'
import { loadSiteApplicationPage } from '@/components/sites/load'
import { StaffSiteApplication } from '@/components/sites/StaffSiteApplication'

export const metadata: Metadata = { title: '网站复审' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const data = await loadSiteApplicationPage('CONAC_STAFF', StaffSiteApplicationPageQuery, id)
  if (!data.me) throw new Error('no viewer')
  return (
    <StaffSiteApplication
      key={data.siteApplication.id}
      initial={data.siteApplication}
      viewer={data.me}
      backHref="/conac/sites/review"
      backLabel="返回网站复审"
    />
  )
}
