// The head of every home page: the viewer's unit or office, its region, and who is logged in as what.
import { OFFICE_LEVEL_LABELS, OFFICE_ROLE_LABELS, ROLE_LABELS } from '@/components/labels'
import { graphql } from '@/graphql/generated'
import type { ProfileHeader_UserFragment } from '@/graphql/generated/graphql'

export const ProfileHeader_User = graphql(`
  fragment ProfileHeader_User on User {
    displayName
    role
    officeRoles
    office {
      id
      name
      level
      region {
        code
        fullName
      }
    }
    unit {
      id
      name
      region {
        code
        fullName
      }
    }
  }
`)

export function ProfileHeader({ user, title }: { user: ProfileHeader_UserFragment; title: string }) {
  const organisation = user.role === 'UNIT_USER' ? user.unit : user.office
  const officeLevel = user.role === 'OFFICE_STAFF' && user.office ? OFFICE_LEVEL_LABELS[user.office.level] : null
  return (
    <section className="profile" aria-labelledby="org-name">
      <p className="profile-eyebrow">{title}</p>
      <h1 id="org-name" data-testid="org-name">
        {organisation?.name ?? '—'}
      </h1>
      <dl className="profile-facts">
        <div>
          <dt>所在地区</dt>
          <dd data-testid="region-path">{organisation?.region.fullName ?? '—'}</dd>
        </div>
        <div>
          <dt>当前用户</dt>
          <dd data-testid="viewer-name">{user.displayName}</dd>
        </div>
        <div>
          <dt>角色</dt>
          <dd>
            <span data-testid="role-label">{ROLE_LABELS[user.role]}</span>
            {officeLevel && (
              <span className="tag" data-testid="office-level">
                {officeLevel}
              </span>
            )}
            {user.officeRoles.map((officeRole) => (
              <span className="tag" key={officeRole} data-testid="office-role">
                {OFFICE_ROLE_LABELS[officeRole]}
              </span>
            ))}
          </dd>
        </div>
      </dl>
    </section>
  )
}
