// 网站标识核验 (public, no login): where a site's badge links to.
import type { Metadata } from 'next'
import { loadBadgeFacts } from '@/components/badges/publicData'
import { VerificationView } from '@/components/badges/VerificationView'

export const metadata: Metadata = { title: '网站标识核验' }

export default async function Page({ params }: { params: Promise<{ badgeNumber: string }> }) {
  const { badgeNumber: raw } = await params
  const badgeNumber = decodeURIComponentSafe(raw).trim().slice(0, 64)
  const facts = await loadBadgeFacts(badgeNumber)
  return <VerificationView badgeNumber={badgeNumber} facts={facts} />
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
