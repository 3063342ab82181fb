import type { Metadata } from 'next'
import { ConacRemittances } from '@/components/fees/ConacRemittances'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '认款' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <ConacRemittances />
}
