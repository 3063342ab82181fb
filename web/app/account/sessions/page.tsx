import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { MySessions } from '@/components/sessions/MySessions'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '我的登录设备' }

// 我的登录设备 for every role: the person's own live sessions.
export default async function Page() {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  return <MySessions />
}
