// 修改密码 (issue 17): every signed-in person changes their own password. The new one passes the password policy
// (server/src/lib/passwordPolicy.ts), the current one is asked again and a wrong one counts like a failed login, the
// person's other sessions end, and the audit row carries no password material. Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const ChangePassword = graphql(`
  mutation TestChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      endedSessions
    }
  }
`)

const Me = graphql(`
  query TestChangePasswordMe {
    me {
      username
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

const NEW_PASSWORD = 'Lantern-river-2026'

async function passwordHashOf(username: string) {
  return (await t.db.prisma.user.findUniqueOrThrow({ where: { username } })).passwordHash
}

/** Tries a new password for the user; expects BAD_USER_INPUT on newPassword and nothing changed. */
async function refusedNewPassword(username: string, newPassword: string) {
  const before = await passwordHashOf(username)
  const cookie = await t.login(username)
  const result = await t.execute(ChangePassword, { input: { currentPassword: DEMO_PASSWORD, newPassword } }, { cookie })
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
  expect(await passwordHashOf(username)).toBe(before)
  return (result.errors![0]!.extensions!.fields as Record<string, string>).newPassword
}

describe('the password policy on 修改密码', () => {
  it('refuses fewer than 10 characters, counting characters, not bytes or UTF-16 units', async () => {
    expect(await refusedNewPassword('qfzf', 'Xk9#mq2!p')).toBe('密码至少 10 个字符')
    // Nine characters, eighteen UTF-16 units: still too short.
    expect(await refusedNewPassword('qfzf', '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈')).toBe('密码至少 10 个字符')
  })

  it('refuses a password that contains the login name, in any case', async () => {
    expect(await refusedNewPassword('qingfeng', 'QingFeng-2026-07')).toBe('密码不能包含用户名')
    expect(await refusedNewPassword('qfzf', 'my-QFZF-account')).toBe('密码不能包含用户名')
  })

  it('refuses a common or leaked password from the shipped list, in any case', async () => {
    for (const leaked of ['password123', '1234567890', 'QWERTYUIOP']) {
      expect(await refusedNewPassword('qfzf', leaked)).toBe('该密码过于常见或已在泄露的密码库中出现，请换一个')
    }
  })

  it('refuses the current password as the new one', async () => {
    const cookie = await t.login('nanle')
    const current = 'Nine-lanterns-at-dusk'
    // Give the account a policy-passing password first, then try to "change" it to itself.
    await t.execute(ChangePassword, { input: { currentPassword: DEMO_PASSWORD, newPassword: current } }, { cookie })
    const again = await t.execute(
      ChangePassword,
      { input: { currentPassword: current, newPassword: current } },
      { cookie },
    )
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT'])
    expect(again.errors![0]!.extensions!.fields).toEqual({ newPassword: '新密码不能与当前密码相同' })
  })
})

describe('staff password history', () => {
  it('refuses any of the last passwords of a staff member, and not of a unit user', async () => {
    const first = 'Amber-rivers-north-7'
    const second = 'Copper-lanterns-south-8'
    const staff = await t.login('henan')
    const change = (cookie: string, currentPassword: string, newPassword: string) =>
      t.execute(ChangePassword, { input: { currentPassword, newPassword } }, { cookie })
    expect((await change(staff, DEMO_PASSWORD, first)).errors).toBeUndefined()
    expect((await change(staff, first, second)).errors).toBeUndefined()
    const back = await change(staff, second, first)
    expect(errorCodes(back)).toEqual(['BAD_USER_INPUT'])
    expect(back.errors![0]!.extensions!.fields).toEqual({ newPassword: '不能与最近 5 次使用的密码相同' })

    const unit = await t.login('qfzf')
    expect((await change(unit, DEMO_PASSWORD, first)).errors).toBeUndefined()
    expect((await change(unit, first, second)).errors).toBeUndefined()
    expect((await change(unit, second, first)).errors).toBeUndefined()
  })
})

describe('the current password', () => {
  it('is required; a wrong one is BAD_USER_INPUT on currentPassword and counts as a failed login', async () => {
    const cookie = await t.login('qfyy')
    const before = await passwordHashOf('qfyy')
    const empty = await t.execute(
      ChangePassword,
      { input: { currentPassword: '', newPassword: NEW_PASSWORD } },
      { cookie },
    )
    expect(empty.errors![0]!.extensions!.fields).toEqual({ currentPassword: '请输入当前密码' })

    const wrong = await t.execute(
      ChangePassword,
      { input: { currentPassword: 'Not-the-password-1', newPassword: NEW_PASSWORD } },
      { cookie, ip: '198.51.100.7' },
    )
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT'])
    expect(wrong.errors![0]!.extensions).toMatchObject({
      fields: { currentPassword: '当前密码不正确' },
      remainingAttempts: 4,
    })
    const failures = await t.db.prisma.loginAttempt.count({
      where: { username: 'qfyy', ip: '198.51.100.7', countsAsFailure: true },
    })
    expect(failures).toBe(1)
    expect(await passwordHashOf('qfyy')).toBe(before)
  })

  it('locks the address out of the account after as many wrong guesses as a login', async () => {
    const cookie = await t.login('pyjy')
    const ip = '198.51.100.8'
    const codes: (string | undefined)[] = []
    for (let i = 0; i < 6; i++) {
      const result = await t.execute(
        ChangePassword,
        { input: { currentPassword: `Wrong-guess-${i}-xx`, newPassword: NEW_PASSWORD } },
        { cookie, ip },
      )
      codes.push(errorCodes(result)[0])
    }
    expect(codes).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ])
    // Even the right password is refused from that address now, like a login.
    const right = await t.execute(
      ChangePassword,
      { input: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD } },
      { cookie, ip },
    )
    expect(errorCodes(right)).toEqual(['ACCOUNT_LOCKED'])
  })
})

describe('a successful change', () => {
  it('ends the other sessions, keeps this one, takes the new password at login, and is audited without it', async () => {
    const username = 'sjzsl'
    const mine = await t.login(username)
    const other = await t.login(username)
    const third = await t.login(username)
    const result = await t.execute(
      ChangePassword,
      { input: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD } },
      { cookie: mine },
    )
    expect(result.errors).toBeUndefined()
    expect(result.data?.changePassword).toEqual({ endedSessions: 2 })

    expect((await t.execute(Me, {}, { cookie: mine })).data?.me?.username).toBe(username)
    for (const cookie of [other, third]) expect((await t.execute(Me, {}, { cookie })).data?.me ?? null).toBeNull()

    await expect(t.login(username)).rejects.toThrow()
    expect(await t.login(username, NEW_PASSWORD)).toBeTruthy()

    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username } })
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'auth.changePassword', subjectId: String(user.id) },
    })
    expect(audit.actorUserId).toBe(user.id)
    expect(audit.after).toEqual({ endedSessions: 2 })
    const row = JSON.stringify(audit)
    for (const secret of [DEMO_PASSWORD, NEW_PASSWORD, user.passwordHash]) expect(row).not.toContain(secret)
  })
})
