import type { Metadata } from 'next'
import { StaffSiteApplicationPageQuery } from '@/components/sites/documents'
import { holdsOneOf } from '@/components/layout/officeRoles'
import { loadSiteApplicationPage } from '@/components/sites/load'
import { StaffSiteApplication } from '@/components/sites/StaffSiteApplication'

export const metadata: Metadata = { title: '网站复审' }

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const data = await loadSiteApplicationPage('CONAC_STAFF', StaffSiteApplicationPageQuery, id)
  if (!data.me) throw new Error('no viewer')
  const reviewer = holdsOneOf(data.me.officeRoles, ['REVIEWER'])
  return (
    <StaffSiteApplication
      key={data.siteApplication.id}
      initial={data.siteApplication}
      viewer={data.me}
      // Back to the review queue for a 审核员; the others came from 网站申请查询 (the queue would say 无权限).
      backHref={reviewer ? '/conac/sites/review' : '/conac/sites'}
      backLabel={reviewer ? '返回网站复审' : '返回网站申请查询'}
    />
  )
}
