import type { Metadata } from 'next'
import { RegisterForm } from '@/components/registration/RegisterForm'
import { isDevOutboxOn } from '@/components/registration/devOutbox'

export const metadata: Metadata = { title: '新用户注册' }
// The outbox hint depends on the API at run time, not at build time.
export const dynamic = 'force-dynamic'

export default async function RegisterPage() {
  return <RegisterForm showOutboxLink={await isDevOutboxOn()} />
}
