'use client'
// The portal's chrome (top bar, menu, footer) everywhere except on pages that must stand alone: the print pages
// under /print/ (the page, its printout and its PDF carry no portal furniture) and the public micro-sites under /m/
// (the unit's own site, with its own header and badge footer). The root layout wraps its chrome in this; the chrome
// itself stays a server component passed as children.
import { usePathname } from 'next/navigation'
import type { ReactNode } from 'react'

const STANDALONE_PREFIXES = ['/print', '/m']

export function isStandalonePath(pathname: string | null): boolean {
  return STANDALONE_PREFIXES.some((prefix) => pathname === prefix || (pathname?.startsWith(`${prefix}/`) ?? false))
}

export function PortalOnly({ children }: { children: ReactNode }) {
  return isStandalonePath(usePathname()) ? null : <>{children}</>
}
