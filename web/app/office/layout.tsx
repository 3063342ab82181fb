import type { ReactNode } from 'react'
import { OfficeRoleGate } from '@/components/layout/OfficeRoleGate'

export default function Layout({ children }: { children: ReactNode }) {
  return <OfficeRoleGate role="OFFICE_STAFF">{children}</OfficeRoleGate>
}
