import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { UnitUsersPage } from '@/components/accounts/UnitUsersPage'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位用户' }

/** 单位用户 (the unit's primary account only). */
export default async function Page() {
  const viewer = await requireRole('UNIT_USER')
  if (viewer.unitRole !== 'PRIMARY') redirect('/unit')
  return <UnitUsersPage viewerId={viewer.id} unitName={viewer.unit?.name ?? ''} />
}
