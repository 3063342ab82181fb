import type { Metadata } from 'next'
import { MyDomains } from '@/components/domains/MyDomains'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '我的域名' }

export default async function Page() {
  await requireRole('UNIT_USER')
  return <MyDomains />
}
