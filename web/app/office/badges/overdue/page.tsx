import type { Metadata } from 'next'
import { OverdueInstallations } from '@/components/installChecks/OverdueInstallations'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '逾期未安装标识' }

export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <OverdueInstallations scope="OFFICE" />
}
