import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { TrustedDevicesList } from '@/components/auth/TrustedDevicesList'
import { MySessions } from '@/components/sessions/MySessions'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '我的登录设备' }

// 我的登录设备 for every role: the person's own live sessions, and the browsers remembered to skip the second step.
export default async function Page() {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  return (
    <div className="page-stack">
      <MySessions />
      <TrustedDevicesList />
    </div>
  )
}
