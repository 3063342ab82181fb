import type { Metadata } from 'next'
import { RewardRates } from '@/components/invoiceReports/RewardRates'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '奖励比例' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <RewardRates canSet />
}
