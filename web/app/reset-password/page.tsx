import type { Metadata } from 'next'
import { ResetByLinkForm } from '@/components/passwordReset/ResetByLinkForm'

export const metadata: Metadata = { title: '重置密码' }

// The emailed link of 忘记密码 / 协助重置密码: /reset-password?token=…
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { token } = await searchParams
  return <ResetByLinkForm token={typeof token === 'string' ? token : ''} />
}
