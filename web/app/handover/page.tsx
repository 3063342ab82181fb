import type { Metadata } from 'next'
import { CompleteHandoverForm } from '@/components/handover/CompleteHandoverForm'
import { HandoverLinkDocument } from '@/components/handover/linkDocuments'
import { serverQuery } from '@/graphql/server'

export const metadata: Metadata = { title: '经办人交接' }
// The link is checked against the API at request time, never at build time.
export const dynamic = 'force-dynamic'

// 经办人交接, the new handler's page: anyone holding the emailed link (no sign-in; the link and the SMS code prove it).
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { token } = await searchParams
  const secret = typeof token === 'string' ? token : ''
  const { data } = secret ? await serverQuery(HandoverLinkDocument, { token: secret }) : { data: null }
  return <CompleteHandoverForm token={secret} link={data?.handoverLink ?? null} />
}
