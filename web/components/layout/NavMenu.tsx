'use client'
// The main menu: 首页 and one drop-down per group of work; the page being shown is marked (aria-current) and so is
// its group. On a phone the whole menu folds behind one 菜单 button, so the page starts on the first screen.
// A group opens on click (or Enter/Space) and closes on Escape, on a click elsewhere and on navigation.
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { currentHref, isGroup, type NavEntry, type NavItem } from './navigation'

export function NavMenu({ entries }: { entries: NavEntry[] }) {
  const pathname = usePathname()
  const current = currentHref(entries, pathname)
  const [openGroup, setOpenGroup] = useState<string | null>(null)
  const [phoneMenuOpen, setPhoneMenuOpen] = useState(false)
  const nav = useRef<HTMLElement>(null)

  // A navigation closes the menu. The state is reset while rendering the new path (React's way for state that
  // follows a value), not by an effect that runs after the open menu has been drawn on the new page once more.
  const [menuPathname, setMenuPathname] = useState(pathname)
  if (menuPathname !== pathname) {
    setMenuPathname(pathname)
    setOpenGroup(null)
    setPhoneMenuOpen(false)
  }

  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (nav.current && !nav.current.contains(event.target as Node)) setOpenGroup(null)
    }
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpenGroup(null)
    }
    document.addEventListener('pointerdown', closeOutside)
    document.addEventListener('keydown', closeOnEscape)
    return () => {
      document.removeEventListener('pointerdown', closeOutside)
      document.removeEventListener('keydown', closeOnEscape)
    }
  }, [])

  const currentLabel = entries
    .flatMap((entry) => (isGroup(entry) ? entry.items : [entry]))
    .find((item) => item.href === current)?.label
  const link = (item: NavItem) => (
    <Link href={item.href} className="navbar-link" aria-current={item.href === current ? 'page' : undefined}>
      {item.label}
    </Link>
  )

  return (
    <nav className="navbar" aria-label="主菜单" ref={nav}>
      <div className="navbar-inner">
        <button
          type="button"
          className="navbar-toggle"
          aria-expanded={phoneMenuOpen}
          aria-controls="main-menu"
          onClick={() => setPhoneMenuOpen((open) => !open)}
        >
          菜单{currentLabel ? <span className="navbar-toggle-current">：{currentLabel}</span> : null}
        </button>
        <ul id="main-menu" className={phoneMenuOpen ? 'navbar-list is-open' : 'navbar-list'}>
          {entries.map((entry, index) => {
            if (!isGroup(entry)) return <li key={entry.href}>{link(entry)}</li>
            const id = `main-menu-group-${index}`
            const open = openGroup === entry.label
            return (
              <li key={entry.label} className="navbar-group">
                <button
                  type="button"
                  className="navbar-group-button"
                  aria-expanded={open}
                  aria-controls={id}
                  data-current={entry.items.some((item) => item.href === current) || undefined}
                  onClick={() => setOpenGroup(open ? null : entry.label)}
                >
                  {entry.label}
                </button>
                <ul id={id} className="navbar-submenu" hidden={!open}>
                  {entry.items.map((item) => (
                    <li key={item.href}>{link(item)}</li>
                  ))}
                </ul>
              </li>
            )
          })}
        </ul>
      </div>
    </nav>
  )
}
