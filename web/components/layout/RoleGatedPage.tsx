'use client'
// The page, or 无权限 when the menu entry it belongs to names office roles the person does not hold. Client side
// because only the browser knows the path inside a shared layout; the page's data are queries every role may read.
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { ReactNode } from 'react'
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import type { OfficeRole, UserRole } from '@/graphql/generated/graphql'
import { currentItem, holdsRoleFor, homePathOf, NAV } from './navigation'

export function RoleGatedPage({
  role,
  officeRoles,
  children,
}: {
  role: UserRole
  officeRoles: readonly OfficeRole[]
  children: ReactNode
}) {
  const item = currentItem(NAV[role], usePathname())
  if (!item || holdsRoleFor(item, officeRoles)) return <>{children}</>
  const needed = item.roles!.map((officeRole) => `「${OFFICE_ROLE_LABELS[officeRole]}」`).join('或')
  const held = officeRoles.map((officeRole) => OFFICE_ROLE_LABELS[officeRole]).join('、') || '无'
  return (
    <section className="message-page">
      <p className="message-code">无权限</p>
      <h1>您没有「{item.label}」的权限</h1>
      <p>
        此页面需要{needed}角色，您的角色：{held}。如需办理，请联系本办管理员分配角色。
      </p>
      <div className="actions">
        <Link href={homePathOf(role)} className="button button-primary">
          返回首页
        </Link>
      </div>
    </section>
  )
}
