import type { Metadata } from 'next'
import { UnitHome, UnitHomeQuery } from '@/components/home/UnitHome'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位首页' }

export default async function UnitHomePage() {
  const data = await loadForRole('UNIT_USER', UnitHomeQuery)
  return <UnitHome data={data} now={Date.now()} />
}
