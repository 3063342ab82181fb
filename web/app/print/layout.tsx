// The print pages (申请函, 申请表): the root layout leaves out the portal's chrome under /print/ (PortalOnly); this
// adds the A4 print styles.
import type { ReactNode } from 'react'
import './print.css'

export default function PrintLayout({ children }: { children: ReactNode }) {
  return children
}
