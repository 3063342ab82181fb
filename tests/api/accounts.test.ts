// 用户管理 (issue 17): creating office staff and unit deputies, activation by the emailed link or the SMS code,
// roles, disabling and enabling, and every refusal: ROLE_NOT_GRANTABLE, OUTSIDE_OFFICE, NOT_FOUND for an account
// outside one's reach, LAST_ADMINISTRATOR (also when two administrators demote each other at once),
// CANNOT_DISABLE_SELF, UNIT_PRIMARY_REQUIRED, UNIT_USER_LIMIT, TOKEN_INVALID (used, expired, superseded links).
// Refusals change nothing; every change writes its audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type Result, type TestApp } from '../testkit/app.ts'

const CreateOfficeUser = graphql(`
  mutation TestAccountsCreateOfficeUser($input: CreateOfficeUserInput!) {
    createOfficeUser(input: $input) {
      id
      username
      status
      officeRoles
      maskedMobile
      version
    }
  }
`)

const CreateUnitUser = graphql(`
  mutation TestAccountsCreateUnitUser($input: CreateUnitUserInput!) {
    createUnitUser(input: $input) {
      id
      username
      status
      unitRole
      version
    }
  }
`)

const SetRoles = graphql(`
  mutation TestAccountsSetRoles($input: SetOfficeUserRolesInput!) {
    setOfficeUserRoles(input: $input) {
      id
      officeRoles
      version
    }
  }
`)

const Disable = graphql(`
  mutation TestAccountsDisable($input: DisableUserInput!) {
    disableUser(input: $input) {
      id
      status
      disabledReason
      version
    }
  }
`)

const Enable = graphql(`
  mutation TestAccountsEnable($input: EnableUserInput!) {
    enableUser(input: $input) {
      id
      status
      version
    }
  }
`)

const Resend = graphql(`
  mutation TestAccountsResend($userId: ID!) {
    resendActivation(userId: $userId) {
      id
      status
    }
  }
`)

const Activate = graphql(`
  mutation TestAccountsActivate($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      username
    }
  }
`)

const Link = graphql(`
  query TestAccountsLink($token: String!) {
    accountLink(token: $token) {
      purpose
      displayName
      maskedUsername
    }
  }
`)

const OfficeUsers = graphql(`
  query TestAccountsOfficeUsers($officeId: ID, $search: String, $status: UserStatus) {
    officeUsers(officeId: $officeId, search: $search, status: $status, first: 100) {
      totalCount
      edges {
        node {
          id
          username
          officeRoles
          status
          maskedMobile
          version
        }
      }
    }
  }
`)

const UnitUsers = graphql(`
  query TestAccountsUnitUsers($search: String) {
    unitUsers(search: $search, first: 100) {
      totalCount
      edges {
        node {
          id
          username
          unitRole
          status
          maskedMobile
          unit {
            name
          }
        }
      }
    }
  }
`)

const Me = graphql(`
  query TestAccountsMe {
    me {
      username
      officeRoles
    }
  }
`)

const CreateToken = graphql(`
  mutation TestAccountsCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

const GOOD_PASSWORD = 'Harbour-lights-2026'
let serial = 0
/** A fresh mobile number per account, so the SMS cooldown of one test never meets another's. */
function nextMobile(): string {
  serial += 1
  return `1390000${String(serial).padStart(4, '0')}`
}

function newAccount(username: string) {
  return { username, displayName: '张测试', mobile: nextMobile(), email: `${username}@example.com` }
}

async function officeIdOf(username: string): Promise<number> {
  return (await t.db.prisma.user.findUniqueOrThrow({ where: { username } })).officeId!
}

async function userRow(username: string) {
  return t.db.prisma.user.findUniqueOrThrow({ where: { username } })
}

/** The secret of the newest activation link emailed to the account (from the outbox). */
async function activationSecret(userId: number): Promise<string> {
  const mail = await t.db.prisma.notification.findFirstOrThrow({
    where: { userId, channel: 'EMAIL', template: 'account.activation' },
    orderBy: { id: 'desc' },
  })
  const match = /\/activate\?token=([A-Za-z0-9_%-]+)/.exec(mail.body)
  expect(mail.body).toContain(`${config.publicPortalUrl}/activate?token=`)
  return decodeURIComponent(match![1]!)
}

/** The newest ACTIVATION SMS code sent to the mobile (from the outbox). */
async function activationCode(mobile: string): Promise<string> {
  const sms = await t.db.prisma.notification.findFirstOrThrow({
    where: { address: mobile, channel: 'SMS', template: 'verification.code' },
    orderBy: { id: 'desc' },
  })
  expect(sms.payload).toMatchObject({ purpose: 'ACTIVATION' })
  return /\d{6}/.exec(sms.body)![0]
}

function reasonOf(result: Result<unknown>) {
  return result.errors?.[0]?.extensions?.reason
}

/** Creates an office user as `admin`, returns its id and contact. */
async function createStaff(
  admin: string,
  username: string,
  roles: ('ADMIN' | 'REVIEWER' | 'FINANCE')[],
  officeId?: number,
) {
  const cookie = await t.login(admin)
  const input = { ...newAccount(username), roles, officeId: officeId == null ? null : String(officeId) }
  const result = await t.execute(CreateOfficeUser, { input }, { cookie })
  expect(result.errors).toBeUndefined()
  return { id: Number(result.data!.createOfficeUser.id), mobile: input.mobile }
}

/** Creates and activates an office user; returns its id. */
async function activeStaff(admin: string, username: string, roles: ('ADMIN' | 'REVIEWER' | 'FINANCE')[]) {
  const { id } = await createStaff(admin, username, roles)
  const token = await activationSecret(id)
  const result = await t.execute(Activate, { input: { token, newPassword: GOOD_PASSWORD } })
  expect(result.errors).toBeUndefined()
  return id
}

describe('creating office accounts', () => {
  it('an office administrator creates a pending account of its office; link and code go out; audited', async () => {
    const cookie = await t.login('puyang')
    const input = { ...newAccount('py-clerk1'), roles: ['REVIEWER' as const], officeId: null }
    const result = await t.execute(CreateOfficeUser, { input }, { cookie })
    expect(result.errors).toBeUndefined()
    const created = result.data!.createOfficeUser
    expect(created).toMatchObject({ username: 'py-clerk1', status: 'PENDING_ACTIVATION', officeRoles: ['REVIEWER'] })
    expect(created.maskedMobile).toBe(`${input.mobile.slice(0, 3)}****${input.mobile.slice(7)}`)
    const row = await userRow('py-clerk1')
    expect(row).toMatchObject({ officeId: await officeIdOf('puyang'), role: 'OFFICE_STAFF', passwordHash: null })
    expect(await activationSecret(row.id)).toMatch(/^a_/)
    expect(await activationCode(input.mobile)).toMatch(/^\d{6}$/)
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'user.create', subjectId: String(row.id) },
    })
    expect(JSON.stringify(audit.after)).not.toContain(input.mobile)
  })

  it('refuses a username taken in another case (CONFLICT on username) and bad facts, creating nothing', async () => {
    const cookie = await t.login('puyang')
    const before = await t.db.prisma.user.count()
    const taken = await t.execute(
      CreateOfficeUser,
      { input: { ...newAccount('PY-Clerk1'), roles: ['FINANCE'] } },
      { cookie },
    )
    expect(errorCodes(taken)).toEqual(['CONFLICT'])
    expect(taken.errors![0]!.extensions!.fields).toEqual({ username: '该用户名已被使用，请换一个' })
    const bad = await t.execute(
      CreateOfficeUser,
      { input: { username: 'ab', displayName: '张', mobile: '12345', email: 'nope', roles: ['FINANCE'] } },
      { cookie },
    )
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(bad.errors![0]!.extensions!.fields as object).sort()).toEqual([
      'displayName',
      'email',
      'mobile',
      'username',
    ])
    const noRoles = await t.execute(CreateOfficeUser, { input: { ...newAccount('py-noroles'), roles: [] } }, { cookie })
    expect(errorCodes(noRoles)).toEqual(['BAD_USER_INPUT'])
    expect(await t.db.prisma.user.count()).toBe(before)
  })

  it('CONAC creates another office’s administrator, but no other role there (ROLE_NOT_GRANTABLE)', async () => {
    const cookie = await t.login('conac')
    const puyangOffice = await officeIdOf('puyang')
    const refused = await t.execute(
      CreateOfficeUser,
      { input: { ...newAccount('py-byconac'), roles: ['ADMIN', 'REVIEWER'], officeId: String(puyangOffice) } },
      { cookie },
    )
    expect(errorCodes(refused)).toEqual(['FORBIDDEN'])
    expect(reasonOf(refused)).toBe('ROLE_NOT_GRANTABLE')
    expect(await t.db.prisma.user.findUnique({ where: { username: 'py-byconac' } })).toBeNull()
    const created = await t.execute(
      CreateOfficeUser,
      { input: { ...newAccount('py-byconac'), roles: ['ADMIN'], officeId: String(puyangOffice) } },
      { cookie },
    )
    expect(created.errors).toBeUndefined()
    expect((await userRow('py-byconac')).officeId).toBe(puyangOffice)
    // Inside CONAC, any role.
    await createStaff('conac', 'conac-finance', ['FINANCE'])
  })

  it('an office cannot create accounts in another office (OUTSIDE_OFFICE), not even one below it', async () => {
    const cookie = await t.login('puyang')
    const result = await t.execute(
      CreateOfficeUser,
      { input: { ...newAccount('ql-fromcity'), roles: ['REVIEWER'], officeId: String(await officeIdOf('qingfeng')) } },
      { cookie },
    )
    expect(errorCodes(result)).toEqual(['FORBIDDEN'])
    expect(reasonOf(result)).toBe('OUTSIDE_OFFICE')
  })

  it('staff without the 管理员 role are refused (ROLE_REQUIRED)', async () => {
    await activeStaff('puyang', 'py-reviewer2', ['REVIEWER'])
    const cookie = await t.login('py-reviewer2', GOOD_PASSWORD)
    const result = await t.execute(
      CreateOfficeUser,
      { input: { ...newAccount('py-byreviewer'), roles: ['REVIEWER'] } },
      { cookie },
    )
    expect(errorCodes(result)).toEqual(['FORBIDDEN'])
    expect(reasonOf(result)).toBe('ROLE_REQUIRED')
    expect(errorCodes(await t.execute(OfficeUsers, {}, { cookie }))).toEqual(['FORBIDDEN'])
  })
})

describe('activation', () => {
  it('a pending account cannot log in: the same INVALID_CREDENTIALS as a wrong password', async () => {
    await createStaff('puyang', 'py-pending', ['REVIEWER'])
    const login = graphql(`
      mutation TestAccountsLogin($input: LoginInput!) {
        login(input: $input) {
          expiresAt
        }
      }
    `)
    const pending = await t.execute(login, { input: { username: 'py-pending', password: GOOD_PASSWORD } })
    const wrong = await t.execute(login, { input: { username: 'puyang', password: 'Wrong-password-123' } })
    expect(errorCodes(pending)).toEqual(['INVALID_CREDENTIALS'])
    expect(pending.errors![0]!.message).toBe(wrong.errors![0]!.message)
  })

  it('the link greets the person, sets the password under the policy, works once; the account signs in', async () => {
    const { id } = await createStaff('puyang', 'py-linkuser', ['FINANCE'])
    const token = await activationSecret(id)
    const greeted = await t.execute(Link, { token })
    expect(greeted.data!.accountLink).toEqual({
      purpose: 'ACTIVATION',
      displayName: '张测试',
      maskedUsername: 'py****er',
    })
    expect((await t.execute(Link, { token: 'a_nonsense' })).data!.accountLink).toBeNull()

    const weak = await t.execute(Activate, { input: { token, newPassword: 'password123' } })
    expect(errorCodes(weak)).toEqual(['BAD_USER_INPUT'])
    expect((await userRow('py-linkuser')).status).toBe('PENDING_ACTIVATION')

    const done = await t.execute(Activate, { input: { token, newPassword: GOOD_PASSWORD } })
    expect(done.data!.activateAccount.username).toBe('py-linkuser')
    expect(done.headers.get('set-cookie')).toBeNull() // activation does not sign in
    expect((await userRow('py-linkuser')).status).toBe('ACTIVE')
    const again = await t.execute(Activate, { input: { token, newPassword: 'Another-harbour-2026' } })
    expect(errorCodes(again)).toEqual(['TOKEN_INVALID'])
    expect((await t.execute(Link, { token })).data!.accountLink).toBeNull()
    const cookie = await t.login('py-linkuser', GOOD_PASSWORD)
    expect((await t.execute(Me, {}, { cookie })).data!.me).toEqual({
      username: 'py-linkuser',
      officeRoles: ['FINANCE'],
    })
    expect(await t.db.prisma.auditLog.count({ where: { action: 'user.activate', subjectId: String(id) } })).toBe(1)
  })

  it('of 10 concurrent activations with one link, exactly one succeeds', async () => {
    const { id } = await createStaff('puyang', 'py-racer', ['FINANCE'])
    const token = await activationSecret(id)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.execute(Activate, { input: { token, newPassword: `Harbour-lights-${1000 + i}` } }),
      ),
    )
    const succeeded = results.filter((result) => !result.errors)
    expect(succeeded).toHaveLength(1)
    for (const result of results.filter((r) => r.errors)) expect(errorCodes(result)).toEqual(['TOKEN_INVALID'])
    expect(await t.db.prisma.passwordHistory.count({ where: { userId: id } })).toBe(1)
  }, 120_000)

  it('an expired link is dead (TOKEN_INVALID, accountLink null)', async () => {
    const { id } = await createStaff('puyang', 'py-expired', ['FINANCE'])
    const token = await activationSecret(id)
    const past = Date.now() - 3_600_000
    await t.db.prisma.accountToken.updateMany({
      where: { userId: id },
      data: { createdAt: new Date(past - 60_000), expiresAt: new Date(past) },
    })
    expect((await t.execute(Link, { token })).data!.accountLink).toBeNull()
    const result = await t.execute(Activate, { input: { token, newPassword: GOOD_PASSWORD } })
    expect(errorCodes(result)).toEqual(['TOKEN_INVALID'])
    expect((await userRow('py-expired')).status).toBe('PENDING_ACTIVATION')
  })

  it('the login name and the SMS code activate too; the code works once', async () => {
    const { mobile } = await createStaff('puyang', 'py-smsuser', ['REVIEWER'])
    const code = await activationCode(mobile)
    const wrongName = await t.execute(Activate, {
      input: { username: 'py-nobody', verificationCode: code, newPassword: GOOD_PASSWORD },
    })
    expect(errorCodes(wrongName)).toEqual(['BAD_USER_INPUT'])
    const done = await t.execute(Activate, {
      input: { username: 'PY-SMSUSER', verificationCode: code, newPassword: GOOD_PASSWORD },
    })
    expect(done.errors).toBeUndefined()
    expect((await userRow('py-smsuser')).status).toBe('ACTIVE')
    const again = await t.execute(Activate, {
      input: { username: 'py-smsuser', verificationCode: code, newPassword: 'Another-harbour-2026' },
    })
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT'])
    await t.login('py-smsuser', GOOD_PASSWORD)
  })

  it('resending activation supersedes the older link; an active account gets none', async () => {
    const { id } = await createStaff('puyang', 'py-resend', ['REVIEWER'])
    const first = await activationSecret(id)
    const cookie = await t.login('puyang')
    // The SMS cooldown (60 s per number) applies to resends: pretend the first code is older.
    await t.db.prisma.verificationCode.updateMany({
      where: { mobile: (await userRow('py-resend')).mobile! },
      data: { createdAt: new Date(Date.now() - 120_000) },
    })
    const resent = await t.execute(Resend, { userId: String(id) }, { cookie })
    expect(resent.errors).toBeUndefined()
    const second = await activationSecret(id)
    expect(second).not.toBe(first)
    expect(errorCodes(await t.execute(Activate, { input: { token: first, newPassword: GOOD_PASSWORD } }))).toEqual([
      'TOKEN_INVALID',
    ])
    expect((await t.execute(Activate, { input: { token: second, newPassword: GOOD_PASSWORD } })).errors).toBeUndefined()
    const active = await t.execute(Resend, { userId: String(id) }, { cookie })
    expect(errorCodes(active)).toEqual(['CONFLICT'])
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'user.resendActivation', subjectId: String(id) } }),
    ).toBe(1)
  })
})

describe('roles and the last administrator', () => {
  it('changing roles ends the person’s sessions and is audited with before and after', async () => {
    const id = await activeStaff('puyang', 'py-roles', ['REVIEWER'])
    const theirCookie = await t.login('py-roles', GOOD_PASSWORD)
    const cookie = await t.login('puyang')
    const { version } = await userRow('py-roles')
    const stale = await t.execute(
      SetRoles,
      { input: { userId: String(id), roles: ['FINANCE'], version: version + 5 } },
      { cookie },
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    const result = await t.execute(
      SetRoles,
      { input: { userId: String(id), roles: ['FINANCE', 'REVIEWER'], version } },
      { cookie },
    )
    expect(result.data!.setOfficeUserRoles.officeRoles).toEqual(['REVIEWER', 'FINANCE'])
    expect(errorCodes(await t.execute(Me, {}, { cookie: theirCookie }))).toEqual(['SESSION_EXPIRED'])
    const ended = await t.db.prisma.session.findFirstOrThrow({ where: { userId: id }, orderBy: { id: 'desc' } })
    expect(ended.endedReason).toBe('ROLES_CHANGED')
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'user.setRoles', subjectId: String(id) },
    })
    expect(audit.before).toMatchObject({ officeRoles: ['REVIEWER'] })
    expect(audit.after).toMatchObject({ officeRoles: ['REVIEWER', 'FINANCE'] })
  })

  it('the only active administrator can neither drop the role nor be disabled (LAST_ADMINISTRATOR)', async () => {
    const nanle = await userRow('nanle')
    const cookie = await t.login('nanle')
    const drop = await t.execute(
      SetRoles,
      { input: { userId: String(nanle.id), roles: ['REVIEWER', 'FINANCE'], version: nanle.version } },
      { cookie },
    )
    expect(errorCodes(drop)).toEqual(['FORBIDDEN'])
    expect(reasonOf(drop)).toBe('LAST_ADMINISTRATOR')
    const conacCookie = await t.login('conac')
    const disable = await t.execute(
      Disable,
      { input: { userId: String(nanle.id), reason: '调离', version: nanle.version } },
      { cookie: conacCookie },
    )
    expect(reasonOf(disable)).toBe('LAST_ADMINISTRATOR')
    expect(await userRow('nanle')).toMatchObject({ status: 'ACTIVE', officeRoles: ['ADMIN', 'REVIEWER', 'FINANCE'] })
  })

  it('nobody disables themself (CANNOT_DISABLE_SELF)', async () => {
    const puyang = await userRow('puyang')
    const result = await t.execute(
      Disable,
      { input: { userId: String(puyang.id), reason: '测试', version: puyang.version } },
      { cookie: await t.login('puyang') },
    )
    expect(reasonOf(result)).toBe('CANNOT_DISABLE_SELF')
  })

  it('two administrators demoting each other at the same time leave one administrator', async () => {
    // 南乐县: its demo account and a second administrator.
    const secondId = await activeStaff('nanle', 'nl-admin2', ['ADMIN'])
    const first = await userRow('nanle')
    const second = await userRow('nl-admin2')
    const [firstCookie, secondCookie] = [await t.login('nanle'), await t.login('nl-admin2', GOOD_PASSWORD)]
    const results = await Promise.all([
      t.execute(
        SetRoles,
        { input: { userId: String(secondId), roles: ['REVIEWER'], version: second.version } },
        { cookie: firstCookie },
      ),
      t.execute(
        SetRoles,
        { input: { userId: String(first.id), roles: ['REVIEWER'], version: first.version } },
        { cookie: secondCookie },
      ),
    ])
    const outcomes = results.map((r) => (r.errors ? String(reasonOf(r) ?? errorCodes(r)[0]) : 'ok')).sort()
    // The loser waited for the office's lock and then counted the winner's change.
    expect(outcomes).toEqual(['LAST_ADMINISTRATOR', 'ok'])
    const admins = await t.db.prisma.user.count({
      where: { officeId: first.officeId, status: 'ACTIVE', officeRoles: { has: 'ADMIN' } },
    })
    expect(admins).toBe(1)
  }, 120_000)
})

describe('reach: an account outside it is NOT_FOUND', () => {
  it('another office’s staff, a sibling’s, a lower office’s; CONAC reaches other offices’ administrators only', async () => {
    const puyangCookie = await t.login('puyang')
    for (const other of ['qingfeng', 'hebei', 'conac']) {
      const target = await userRow(other)
      const result = await t.execute(
        Disable,
        { input: { userId: String(target.id), reason: '测试', version: target.version } },
        { cookie: puyangCookie },
      )
      expect(errorCodes(result), other).toEqual(['NOT_FOUND'])
      expect((await userRow(other)).status).toBe('ACTIVE')
    }
    const clerk = await userRow('py-clerk1') // 审核员 of 濮阳市, no 管理员 role
    const conacCookie = await t.login('conac')
    const byConac = await t.execute(
      Disable,
      { input: { userId: String(clerk.id), reason: '测试', version: clerk.version } },
      { cookie: conacCookie },
    )
    expect(errorCodes(byConac)).toEqual(['NOT_FOUND'])
    // CONAC's list of 濮阳市 shows its administrators only.
    const listed = await t.execute(OfficeUsers, { officeId: String(clerk.officeId) }, { cookie: conacCookie })
    const roles = listed.data!.officeUsers.edges.map((edge) => edge.node.officeRoles)
    expect(roles.length).toBeGreaterThan(0)
    for (const held of roles) expect(held).toContain('ADMIN')
    // An office lists its own staff, mobiles masked; another office's list is refused.
    const own = await t.execute(OfficeUsers, { search: 'py-' }, { cookie: puyangCookie })
    expect(own.data!.officeUsers.edges.map((e) => e.node.username)).toContain('py-clerk1')
    for (const edge of own.data!.officeUsers.edges) expect(edge.node.maskedMobile ?? '').toMatch(/^(\d{3}\*{4}\d{4})?$/)
    const other = await t.execute(
      OfficeUsers,
      { officeId: String(await officeIdOf('hebei')) },
      { cookie: puyangCookie },
    )
    expect(reasonOf(other)).toBe('OUTSIDE_OFFICE')
  })
})

describe('disabling and enabling', () => {
  it('a disabled account’s sessions and API tokens stop working; enabling restores it; both audited', async () => {
    const id = await activeStaff('puyang', 'py-leaver', ['FINANCE'])
    const theirCookie = await t.login('py-leaver', GOOD_PASSWORD)
    const token = await t.execute(
      CreateToken,
      { input: { name: '离职测试', access: 'READ_WRITE' } },
      { cookie: theirCookie },
    )
    const secret = token.data!.createApiToken.token
    expect((await t.execute(Me, {}, { token: secret })).data!.me!.username).toBe('py-leaver')

    const cookie = await t.login('puyang')
    const row = await userRow('py-leaver')
    const noReason = await t.execute(
      Disable,
      { input: { userId: String(id), reason: '  ', version: row.version } },
      { cookie },
    )
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT'])
    const disabled = await t.execute(
      Disable,
      { input: { userId: String(id), reason: '调离本单位', version: row.version } },
      { cookie },
    )
    expect(disabled.data!.disableUser).toMatchObject({ status: 'DISABLED', disabledReason: '调离本单位' })
    expect(errorCodes(await t.execute(Me, {}, { cookie: theirCookie }))).toEqual(['SESSION_EXPIRED'])
    expect(errorCodes(await t.execute(Me, {}, { token: secret }))).toEqual(['INVALID_TOKEN'])
    await expect(t.login('py-leaver', GOOD_PASSWORD)).rejects.toThrow(/ACCOUNT_DISABLED/)
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'user.disable', subjectId: String(id) },
    })
    expect(audit.after).toMatchObject({ status: 'DISABLED', reason: '调离本单位' })

    const enabled = await t.execute(
      Enable,
      { input: { userId: String(id), version: disabled.data!.disableUser.version } },
      { cookie },
    )
    expect(enabled.data!.enableUser.status).toBe('ACTIVE')
    await t.login('py-leaver', GOOD_PASSWORD)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'user.enable', subjectId: String(id) } })).toBe(1)
    expect(await t.db.prisma.user.count({ where: { id } })).toBe(1) // never deleted
  })
})

describe('unit accounts', () => {
  it('the primary account creates deputies up to UNIT_MAX_USERS; a deputy may not (UNIT_PRIMARY_REQUIRED)', async () => {
    const primaryCookie = await t.login('qfzf')
    const created = await t.execute(CreateUnitUser, { input: newAccount('qfzf-deputy') }, { cookie: primaryCookie })
    expect(created.data!.createUnitUser).toMatchObject({ unitRole: 'DEPUTY', status: 'PENDING_ACTIVATION' })
    const deputyId = Number(created.data!.createUnitUser.id)
    const token = await activationSecret(deputyId)
    expect((await t.execute(Activate, { input: { token, newPassword: GOOD_PASSWORD } })).errors).toBeUndefined()

    const deputyCookie = await t.login('qfzf-deputy', GOOD_PASSWORD)
    const byDeputy = await t.execute(CreateUnitUser, { input: newAccount('qfzf-deputy2') }, { cookie: deputyCookie })
    expect(reasonOf(byDeputy)).toBe('UNIT_PRIMARY_REQUIRED')
    expect(reasonOf(await t.execute(UnitUsers, {}, { cookie: deputyCookie }))).toBe('UNIT_PRIMARY_REQUIRED')
    const primary = await userRow('qfzf')
    const deputyDisables = await t.execute(
      Disable,
      { input: { userId: String(primary.id), reason: '测试', version: primary.version } },
      { cookie: deputyCookie },
    )
    expect(reasonOf(deputyDisables)).toBe('UNIT_PRIMARY_REQUIRED')

    // Fill the unit up to the limit (the primary account and the deputy count), then one more is refused.
    const unitId = primary.unitId!
    const inUse = await t.db.prisma.user.count({ where: { unitId, status: { not: 'DISABLED' } } })
    for (let i = inUse; i < config.accounts.unitMaxUsers; i += 1) {
      const more = await t.execute(CreateUnitUser, { input: newAccount(`qfzf-extra${i}`) }, { cookie: primaryCookie })
      expect(more.errors).toBeUndefined()
    }
    const over = await t.execute(CreateUnitUser, { input: newAccount('qfzf-toomany') }, { cookie: primaryCookie })
    expect(errorCodes(over)).toEqual(['CONFLICT'])
    expect(reasonOf(over)).toBe('UNIT_USER_LIMIT')

    // The primary account lists and disables its deputy.
    const listed = await t.execute(UnitUsers, {}, { cookie: primaryCookie })
    expect(listed.data!.unitUsers.edges.map((e) => e.node.username)).toContain('qfzf-deputy')
    const deputy = await userRow('qfzf-deputy')
    const disabled = await t.execute(
      Disable,
      { input: { userId: String(deputyId), reason: '不再负责', version: deputy.version } },
      { cookie: primaryCookie },
    )
    expect(disabled.data!.disableUser.status).toBe('DISABLED')
    expect(errorCodes(await t.execute(Me, {}, { cookie: deputyCookie }))).toEqual(['SESSION_EXPIRED'])
    // Another unit's primary account does not reach it.
    const otherUnit = await t.execute(
      Enable,
      { input: { userId: String(deputyId), version: disabled.data!.disableUser.version } },
      { cookie: await t.login('qfyy') },
    )
    expect(errorCodes(otherUnit)).toEqual(['NOT_FOUND'])
  })

  it('offices see and administer the unit accounts of their subtree only', async () => {
    const puyang = await t.execute(UnitUsers, { search: 'qfzf' }, { cookie: await t.login('puyang') })
    expect(puyang.data!.unitUsers.edges.map((e) => e.node.username)).toContain('qfzf-deputy')
    const hebei = await t.execute(UnitUsers, { search: 'qfzf' }, { cookie: await t.login('hebei') })
    expect(hebei.data!.unitUsers.totalCount).toBe(0)
    const deputy = await userRow('qfzf-deputy')
    const byHebei = await t.execute(
      Enable,
      { input: { userId: String(deputy.id), version: deputy.version } },
      { cookie: await t.login('hebei') },
    )
    expect(errorCodes(byHebei)).toEqual(['NOT_FOUND'])
    const byQingfeng = await t.execute(
      Enable,
      { input: { userId: String(deputy.id), version: deputy.version } },
      { cookie: await t.login('qingfeng') },
    )
    expect(byQingfeng.data!.enableUser.status).toBe('ACTIVE')
  })
})
