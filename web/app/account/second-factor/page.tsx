import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { TotpPanel } from '@/components/auth/TotpPanel'
import { TrustedDevicesList } from '@/components/auth/TrustedDevicesList'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '双重验证' }

// 双重验证 for staff: bind or unbind an authenticator app, and the browsers remembered to skip the second step.
// Unit users have no second factor; they see only their remembered devices (none, normally).
export default async function Page() {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  const staff = state.user.role !== 'UNIT_USER'
  return (
    <div className="page-stack">
      {staff && <TotpPanel />}
      <TrustedDevicesList />
    </div>
  )
}
