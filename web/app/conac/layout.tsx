import type { ReactNode } from 'react'
import { OfficeRoleGate } from '@/components/layout/OfficeRoleGate'

export default function Layout({ children }: { children: ReactNode }) {
  return <OfficeRoleGate role="CONAC_STAFF">{children}</OfficeRoleGate>
}
