import type { Metadata } from 'next'
import { ActivateAccountForm } from '@/components/accounts/ActivateAccountForm'

export const metadata: Metadata = { title: '激活账号' }

// 激活账号: opened from the activation email (?token=…), or directly to activate with the SMS code.
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { token } = await searchParams
  return <ActivateAccountForm token={typeof token === 'string' && token ? token : null} />
}
