import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { LoginPanel } from '@/components/auth/LoginPanel'
import { getViewer } from '@/graphql/viewer'

export const metadata: Metadata = { title: '登录' }

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { reason } = await searchParams
  let loggedIn = false
  try {
    loggedIn = (await getViewer()).kind === 'user'
  } catch {
    // API unreachable: still show the form; the login attempt will say what is wrong.
  }
  if (loggedIn) redirect('/')
  return <LoginPanel reason={typeof reason === 'string' ? reason : undefined} />
}
