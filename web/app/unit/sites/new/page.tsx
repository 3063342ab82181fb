import type { Metadata } from 'next'
import { isDevOutboxOn } from '@/components/registration/devOutbox'
import { NewSiteApplicationPageQuery } from '@/components/sites/documents'
import { UnitSiteApplication } from '@/components/sites/UnitSiteApplication'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '新建网站开办申请' }

export default async function Page() {
  const data = await loadForRole('UNIT_USER', NewSiteApplicationPageQuery)
  return (
    <UnitSiteApplication
      context={data}
      initial={null}
      defaults={data.myUnitContacts}
      showOutboxLink={await isDevOutboxOn()}
    />
  )
}
