import type { Metadata } from 'next'
import { ConacHome, ConacHomeQuery } from '@/components/home/ConacHome'
import { loadForRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: 'CONAC 首页' }

export default async function ConacHomePage() {
  const data = await loadForRole('CONAC_STAFF', ConacHomeQuery)
  return <ConacHome data={data} />
}
