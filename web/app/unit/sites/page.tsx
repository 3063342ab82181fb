import type { Metadata } from 'next'
import { MySiteApplications } from '@/components/sites/MySiteApplications'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '网站开办申请' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <MySiteApplications />
}
