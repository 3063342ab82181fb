import type { Metadata } from 'next'
import { ReorganisationWizard } from '@/components/reorganisations/ReorganisationWizard'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '新建机构改革申请' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <ReorganisationWizard basePath="/office/reorganisations" />
}
