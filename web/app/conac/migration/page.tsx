import type { Metadata } from 'next'
import { Suspense } from 'react'
import { MigrationPage } from '@/components/migration/MigrationPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '数据迁移' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  // The selected run is in the address (useSearchParams), which wants a Suspense boundary.
  return (
    <Suspense>
      <MigrationPage />
    </Suspense>
  )
}
