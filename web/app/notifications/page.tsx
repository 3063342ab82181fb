import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { NotificationCentre } from '@/components/notifications/NotificationCentre'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '消息中心' }

// 消息中心 for every role: any logged-in person sees their own messages.
export default async function Page() {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  return <NotificationCentre />
}
