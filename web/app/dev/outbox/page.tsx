import type { Metadata } from 'next'
import { DevOutbox } from '@/components/registration/DevOutbox'

export const metadata: Metadata = { title: '开发发件箱' }
export const dynamic = 'force-dynamic'

export default function DevOutboxPage() {
  return <DevOutbox />
}
