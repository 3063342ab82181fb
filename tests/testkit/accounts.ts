// Extra accounts for the account tests (忘记密码, 我的登录设备 …): made directly in the database next to the demo
// ones, with the demo password, so each test can own the account it changes.
import type { Prisma } from '../../server/src/generated/prisma/client.ts'
import type { TestApp } from './app.ts'
import { freshMobile } from './registration.ts'

let sequence = 0

/** A user like the demo `like` account (same unit or office, same password), with a fresh login and mobile. */
export async function makeUserLike(t: TestApp, like: string, overrides: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const model = await t.db.prisma.user.findUniqueOrThrow({ where: { username: like } })
  const username = `${like}-x${Date.now() % 100_000}${++sequence}`
  return t.db.prisma.user.create({
    data: {
      username,
      displayName: `测试用户${sequence}`,
      passwordHash: model.passwordHash,
      role: model.role,
      officeId: model.officeId,
      officeRoles: model.officeRoles,
      unitId: model.unitId,
      unitRole: model.unitId ? 'DEPUTY' : null,
      mobile: freshMobile(),
      email: `${username}@example.com`,
      ...overrides,
    },
  })
}
