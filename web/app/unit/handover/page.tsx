import type { Metadata } from 'next'
import { UnitHandoverPage } from '@/components/handover/UnitHandoverPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '经办人交接' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <UnitHandoverPage />
}
