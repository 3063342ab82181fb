import type { Metadata } from 'next'
import { isDevOutboxOn } from '@/components/registration/devOutbox'
import { UnitSiteApplicationPageQuery } from '@/components/sites/documents'
import { loadSiteApplicationPage } from '@/components/sites/load'
import { UnitSiteApplication } from '@/components/sites/UnitSiteApplication'

export const metadata: Metadata = { title: '网站开办申请' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const data = await loadSiteApplicationPage('UNIT_USER', UnitSiteApplicationPageQuery, id)
  return (
    <UnitSiteApplication
      key={data.siteApplication.id}
      context={data}
      initial={data.siteApplication}
      defaults={null}
      showOutboxLink={await isDevOutboxOn()}
    />
  )
}
