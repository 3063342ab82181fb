import type { Metadata } from 'next'
import { ForgotPasswordForm } from '@/components/passwordReset/ForgotPasswordForm'
import { isDevOutboxOn } from '@/components/registration/devOutbox'

export const metadata: Metadata = { title: '忘记密码' }
// The outbox hint depends on the API at run time, not at build time.
export const dynamic = 'force-dynamic'

export default async function ForgotPasswordPage() {
  return <ForgotPasswordForm showOutboxLink={await isDevOutboxOn()} />
}
