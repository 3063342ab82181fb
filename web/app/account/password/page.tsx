import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { ChangePasswordForm } from '@/components/auth/ChangePasswordForm'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '修改密码' }

// 修改密码 for every role: any logged-in person changes their own password.
export default async function Page() {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  return <ChangePasswordForm />
}
