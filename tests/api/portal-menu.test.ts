// The portal's menu (web/components/layout/navigation.ts) names each page once: two entries with one name (申报单位管理
// was both 财务管理's fee collection and 用户管理's unit accounts, now 单位收费 and 单位账号管理) leave a person guessing
// which is which, and a test or a colleague saying "open 申报单位管理" means either.
import { describe, expect, it } from 'vitest'
import { isGroup, NAV, navFor } from '../../web/components/layout/navigation.ts'
import type { OfficeLevel, UserRole } from '../../web/graphql/generated/graphql.ts'

const LEVELS: (OfficeLevel | null)[] = [null, 'COUNTY', 'CITY', 'PROVINCE', 'CENTRAL']

describe('the portal menu', () => {
  it.each(Object.keys(NAV) as UserRole[])(
    '%s: every entry a person can see has a name of its own, not another’s with a qualifier',
    (role) => {
      for (const level of LEVELS) {
        const menu = navFor(role, level, { officeRoles: ['ADMIN', 'REVIEWER', 'FINANCE'], unitRole: 'PRIMARY' })
        const labels = menu.flatMap((entry) => (isGroup(entry) ? entry.items : [entry])).map((item) => item.label)
        // Compared without a qualifier after a slash: 申报单位管理 and 申报单位管理/缴费 read as one name.
        const heads = labels.map((label) => label.split('/')[0]!.trim())
        const clashes = heads.filter((head, index) => heads.indexOf(head) !== index)
        expect(clashes, `${role} ${level}`).toEqual([])
      }
    },
  )
})
