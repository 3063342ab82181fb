import type { Metadata } from 'next'
import { RegionStatisticsPage } from '@/components/statistics/RegionStatisticsPage'
import type { SearchParams } from '@/components/statistics/range'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '区域统计' }

/** 区域统计: ?region=&from=&to= (see components/statistics). */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole('CONAC_STAFF')
  return <RegionStatisticsPage basePath="/conac/statistics" searchParams={searchParams} />
}
