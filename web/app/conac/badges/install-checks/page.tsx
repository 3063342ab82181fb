import type { Metadata } from 'next'
import { OverdueInstallations } from '@/components/installChecks/OverdueInstallations'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '标识安装检测' }

export default async function Page() {
  await requireRole('CONAC_STAFF')
  return <OverdueInstallations scope="CONAC" />
}
