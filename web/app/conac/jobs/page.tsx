import type { Metadata } from 'next'
import { ScheduledJobs } from '@/components/jobs/ScheduledJobs'
import { SmsBudgetPanel } from '@/components/jobs/SmsBudgetPanel'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '定时任务' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return (
    <>
      <SmsBudgetPanel />
      <ScheduledJobs />
    </>
  )
}
