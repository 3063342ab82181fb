import type { Metadata } from 'next'
import { ApiTokensPage } from '@/components/apiTokens/ApiTokensPage'
import { apiGraphqlUrl } from '@/graphql/server'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: 'API 令牌' }

/** API 令牌 of the office (its region subtree). */
export default async function Page() {
  await requireRole('OFFICE_STAFF')
  return <ApiTokensPage endpoint={apiGraphqlUrl()} />
}
