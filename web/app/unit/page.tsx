import type { Metadata } from 'next'
import { UnitHome, UnitHomeQuery } from '@/components/home/UnitHome'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '单位首页' }

export default async function UnitHomePage() {
  const data = await loadForRole('UNIT_USER', UnitHomeQuery)
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: the request's time, passed down so the home page's parts agree on it
  return <UnitHome data={data} now={Date.now()} />
}
