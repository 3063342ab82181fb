// The seeded demo accounts as a newcomer meets them: the name in the top bar does not claim a role the account
// lacks nor hide one it holds (`conac` was called 审核员 and `puyang` 管理员 while both held all three roles), and
// README's demo account table shows the same names the portal does.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OfficeRole } from '../../server/src/generated/prisma/enums.ts'
import { DEMO_ACCOUNTS } from '../../server/src/seed/demo.ts'
import { repositoryRoot } from '../testkit/paths.ts'

/** The roles' names as the portal shows them (web/components/labels.ts OFFICE_ROLE_LABELS). */
const ROLE_NAMES: Record<OfficeRole, string> = { ADMIN: '管理员', REVIEWER: '审核员', FINANCE: '财务' }
const EVERY_ROLE = Object.keys(ROLE_NAMES) as OfficeRole[]

/** README's `## Demo accounts` table: login → its cells by column heading. */
function readmeDemoTable(): Map<string, Record<string, string>> {
  const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8')
  const section = readme.split(/^## Demo accounts$/m)[1]?.split(/^## /m)[0] ?? ''
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
  const [head, ...body] = rows
  if (!head) return new Map()
  return new Map(
    body.map((cells) => [
      cells[0]!.replace(/`/g, ''),
      Object.fromEntries(head.map((heading, index) => [heading, cells[index] ?? ''])),
    ]),
  )
}

describe('demo accounts', () => {
  it.each(DEMO_ACCOUNTS.filter((account) => account.officeRegionCode).map((account) => [account.username, account]))(
    '%s: a staff account’s name names exactly the office roles it holds (全部角色: all three), or none',
    (_username, account) => {
      const held = account.officeRoles ?? EVERY_ROLE
      const named = EVERY_ROLE.filter((role) => account.displayName.includes(ROLE_NAMES[role]))
      if (named.length) expect(named.sort()).toEqual([...held].sort())
      if (account.displayName.includes('全部角色')) expect([...held].sort()).toEqual([...EVERY_ROLE].sort())
    },
  )

  it('README’s demo account table lists every account with the name the portal shows', () => {
    const table = readmeDemoTable()
    expect([...table.keys()]).toEqual(DEMO_ACCOUNTS.map((account) => account.username))
    for (const account of DEMO_ACCOUNTS) {
      const cells = table.get(account.username) ?? {}
      const shown = Object.entries(cells).find(([heading]) => heading.startsWith('显示名称'))?.[1]
      expect(shown, account.username).toBe(account.displayName)
    }
  })
})
