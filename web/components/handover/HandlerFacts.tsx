// A handler as 经办人交接 shows one: the current handler on the unit's page, the new one of a pending handover. Rows
// particular to the place (身份证号, who started it) follow as children.
import type { ReactNode } from 'react'

export function HandlerFacts({
  label,
  name,
  mobile,
  email,
  nameTestId,
  children,
}: {
  label: string
  name: string
  mobile: string
  email: string
  nameTestId?: string
  children?: ReactNode
}) {
  return (
    <dl className="facts">
      <div>
        <dt>{label}</dt>
        <dd data-testid={nameTestId}>{name}</dd>
      </div>
      <div>
        <dt>手机</dt>
        <dd className="mono">{mobile}</dd>
      </div>
      <div>
        <dt>电子邮箱</dt>
        <dd>{email}</dd>
      </div>
      {children}
    </dl>
  )
}
