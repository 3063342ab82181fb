import type { Metadata } from 'next'
import { DomainCancellationForm } from '@/components/domainCancellations/DomainCancellationForm'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '申请注销域名' }

export default async function Page({ params }: { params: Promise<{ domainId: string }> }) {
  await requireRole('UNIT_USER')
  const { domainId } = await params
  return <DomainCancellationForm domainId={domainId} />
}
