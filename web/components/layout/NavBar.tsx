// The menu bar under the top bar: the pages of the logged-in person's role (navigation.ts).
import Link from 'next/link'
import { getViewer } from '@/graphql/viewer'
import { NAV_ITEMS } from './navigation'

export async function NavBar() {
  const state = await getViewer().catch(() => null)
  if (state?.kind !== 'user') return null
  const level = state.user.office?.level
  const items = NAV_ITEMS[state.user.role].filter((item) => !item.officeLevels || (level != null && item.officeLevels.includes(level)))
  return (
    <nav className="navbar" aria-label="主菜单">
      <div className="navbar-inner">
        {items.map((item) => (
          <Link key={item.href} href={item.href} className="navbar-link">
            {item.label}
          </Link>
        ))}
      </div>
    </nav>
  )
}
