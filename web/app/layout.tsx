import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { SYSTEM_NAME } from '@/components/labels'
import { NavBar } from '@/components/layout/NavBar'
import { TopBar } from '@/components/layout/TopBar'
import { PortalOnly } from '@/components/layout/PortalOnly'
import { UrqlProvider } from '@/components/providers/UrqlProvider'
import { ConfirmProvider } from '@/components/ui/ConfirmDialog'
import './globals.css'

export const metadata: Metadata = {
  title: { default: SYSTEM_NAME, template: `%s - ${SYSTEM_NAME}` },
  description: '.政务 / .公益 域名注册、编办审核与管理',
  robots: { index: false, follow: false },
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <UrqlProvider>
          <ConfirmProvider>
            <PortalOnly>
              <TopBar />
              <NavBar />
            </PortalOnly>
            <main className="page">{children}</main>
            <PortalOnly>
              <footer className="footer">
                <div className="footer-inner">{SYSTEM_NAME}</div>
              </footer>
            </PortalOnly>
          </ConfirmProvider>
        </UrqlProvider>
      </body>
    </html>
  )
}
