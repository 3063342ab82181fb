// The bar above every page: the system's name and, when somebody is logged in, who it is, 修改密码, 我的登录设备 and 退出登录;
// an office's 帐户余额 for its 财务 only (the API refuses it to the other roles).
import Link from 'next/link'
import { LogoutButton } from '@/components/auth/LogoutButton'
import { AccountBalance } from '@/components/fees/AccountBalance'
import { ROLE_LABELS, SYSTEM_NAME } from '@/components/labels'
import { UnreadBadge } from '@/components/notifications/UnreadBadge'
import { getViewer, type Viewer } from '@/graphql/viewer'

async function currentUser(): Promise<Viewer | null> {
  try {
    const state = await getViewer()
    return state.kind === 'user' ? state.user : null
  } catch {
    // The page itself reports an unreachable API; the bar just shows nobody.
    return null
  }
}

export async function TopBar() {
  const user = await currentUser()
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/" className="topbar-brand">
          <span className="topbar-emblem" aria-hidden="true">
            政
          </span>
          <span className="topbar-title">{SYSTEM_NAME}</span>
        </Link>
        {user && (
          <div className="topbar-user">
            <span className="topbar-role">{ROLE_LABELS[user.role]}</span>
            {user.role === 'OFFICE_STAFF' && user.officeRoles.includes('FINANCE') && <AccountBalance />}
            <UnreadBadge />
            <span className="topbar-name" data-testid="topbar-user" title={user.displayName}>
              {user.displayName}
            </span>
            <Link href="/account/password" className="topbar-link" data-testid="topbar-change-password">
              修改密码
            </Link>
            <Link href="/account/sessions" className="topbar-link" data-testid="topbar-sessions">
              登录设备
            </Link>
            {user.role !== 'UNIT_USER' && (
              <Link href="/account/second-factor" className="topbar-link" data-testid="topbar-second-factor">
                双重验证
              </Link>
            )}
            <LogoutButton />
          </div>
        )}
      </div>
    </header>
  )
}
