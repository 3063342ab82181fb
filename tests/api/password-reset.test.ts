// 忘记密码 and 协助重置密码 (issue 17): the answer never tells whether a login names an account; the SMS code and the
// emailed link are single use and time-limited; a reset ends every session and refuses what the password policy
// refuses, changing nothing; an administrator sends the code and link to the account's registered mobile and email,
// only for accounts in their reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { latestCode, wrongCode } from '../testkit/registration.ts'

const RequestReset = graphql(`
  mutation TestRequestPasswordReset($username: String!) {
    requestPasswordReset(username: $username) {
      message
    }
  }
`)

const Reset = graphql(`
  mutation TestResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      username
    }
  }
`)

const HelpReset = graphql(`
  mutation TestHelpResetPassword($userId: ID!) {
    helpResetPassword(userId: $userId) {
      maskedMobile
      maskedEmail
    }
  }
`)

const SendCode = graphql(`
  mutation TestPasswordResetSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

const MySessions = graphql(`
  query TestPasswordResetSessions {
    mySessions {
      id
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ poolSize: 8 })
})
afterAll(() => t?.close())

const NEW_PASSWORD = 'Quiet-harbour-lights-42'

const userNamed = (username: string) => t.db.prisma.user.findUniqueOrThrow({ where: { username } })

/** The secret of the newest reset link emailed to the address. */
async function latestLinkToken(email: string): Promise<string> {
  const mail = await t.db.prisma.notification.findFirstOrThrow({
    where: { channel: 'EMAIL', address: email, template: 'password.resetLink' },
    orderBy: { id: 'desc' },
  })
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.body)
  if (!match) throw new Error(`no link in ${mail.body}`)
  return match[1]!
}

/** What a caller sees of an answer: status, data and errors, exactly. */
const seen = (result: { status: number; data?: unknown; errors?: unknown }) =>
  JSON.stringify({ status: result.status, data: result.data, errors: result.errors })

describe('requestPasswordReset never tells whether the account exists', () => {
  it('answers a present, a missing, a pending and a disabled login with the same status and body', async () => {
    const present = await makeUserLike(t, 'qfyy')
    const pending = await makeUserLike(t, 'qfyy', { status: 'PENDING_ACTIVATION', passwordHash: null })
    const disabled = await makeUserLike(t, 'qfyy', { status: 'DISABLED', disabledReason: '测试停用' })
    const answers = await Promise.all(
      [present.username, 'no-such-login-here', pending.username, disabled.username].map((username) =>
        t.execute(RequestReset, { username }),
      ),
    )
    expect(answers[0]!.data).toEqual({
      requestPasswordReset: { message: '若账号存在，验证码已发送至其登记的手机和邮箱' },
    })
    for (const answer of answers) expect(seen(answer)).toBe(seen(answers[0]!))

    // Only the active account was sent anything.
    const sent = await t.db.prisma.notification.findMany({
      where: { address: { in: [present, pending, disabled].flatMap((u) => [u.mobile!, u.email!]) } },
    })
    expect(sent.map((n) => [n.address, n.template]).sort()).toEqual(
      [
        [present.email, 'password.resetLink'],
        [present.mobile, 'verification.code'],
      ].sort(),
    )
  })

  it('answers the same when the number’s own limits drop the send (asked again at once)', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const first = await t.execute(RequestReset, { username: user.username })
    const again = await t.execute(RequestReset, { username: user.username })
    const missingAgain = await t.execute(RequestReset, { username: 'no-such-login-either' })
    expect(seen(again)).toBe(seen(first))
    expect(seen(missingAgain)).toBe(seen(first))
    // The second request inside the 60 s cooldown sent no second code.
    expect(
      await t.db.prisma.verificationCode.count({ where: { mobile: user.mobile!, purpose: 'PASSWORD_RESET' } }),
    ).toBe(1)
  })

  it('answers a wrong code for an unknown login exactly as a wrong code for an account', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const missing = 'no-such-login-guessed'
    await t.execute(RequestReset, { username: user.username })
    await t.execute(RequestReset, { username: missing })
    const code = await latestCode(t.db.prisma, user.mobile!)
    const guess = wrongCode(code)
    const onAccount = await t.execute(Reset, {
      input: { username: user.username, code: guess, newPassword: NEW_PASSWORD },
    })
    const onNothing = await t.execute(Reset, { input: { username: missing, code: guess, newPassword: NEW_PASSWORD } })
    expect(errorCodes(onAccount)).toEqual(['BAD_USER_INPUT'])
    expect(onAccount.errors![0]!.extensions).toMatchObject({ fields: { code: '验证码错误，还可尝试 4 次' } })
    expect(seen(onNothing)).toBe(seen(onAccount))
    // And before any code was asked for, both say the same too.
    const never = await t.execute(Reset, {
      input: { username: 'never-asked-login', code: guess, newPassword: NEW_PASSWORD },
    })
    const neverUser = await makeUserLike(t, 'qfyy')
    const neverAccount = await t.execute(Reset, {
      input: { username: neverUser.username, code: guess, newPassword: NEW_PASSWORD },
    })
    expect(seen(never)).toBe(seen(neverAccount))
  })
})

describe('resetPassword by SMS code', () => {
  it('sets the password once: every session ends, the person is told, the code and the link are spent, audit', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const before = await t.login(user.username)
    await t.execute(RequestReset, { username: user.username })
    const code = await latestCode(t.db.prisma, user.mobile!)
    const link = await latestLinkToken(user.email!)

    const reset = await t.execute(Reset, {
      input: { username: user.username.toUpperCase(), code, newPassword: NEW_PASSWORD },
    })
    expect(reset.errors).toBeUndefined()
    expect(reset.data!.resetPassword.username).toBe(user.username)
    // Not signed in by the reset; the older session is gone.
    expect(reset.headers.get('set-cookie')).toBeNull()
    expect(errorCodes(await t.execute(MySessions, {}, { cookie: before }))).toEqual(['SESSION_EXPIRED'])
    const session = await t.db.prisma.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(session).toMatchObject({ revokedAt: expect.any(Date), endedReason: 'PASSWORD_RESET' })

    await expect(t.login(user.username)).rejects.toThrow()
    expect(await t.login(user.username, NEW_PASSWORD)).toMatch(/=/)

    // Single use: the same code again, and the link of the same request, no longer work.
    const again = await t.execute(Reset, {
      input: { username: user.username, code, newPassword: 'Another-quiet-harbour-9' },
    })
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { code: '验证码已使用，请重新获取' },
    })
    expect(
      errorCodes(await t.execute(Reset, { input: { token: link, newPassword: 'Another-quiet-harbour-9' } })),
    ).toEqual(['TOKEN_INVALID'])

    const notices = await t.db.prisma.notification.findMany({ where: { userId: user.id, template: 'password.reset' } })
    expect(notices.map((n) => [n.channel, n.address]).sort()).toEqual(
      [
        ['EMAIL', user.email],
        ['SMS', user.mobile],
      ].sort(),
    )
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'auth.resetPassword', subjectId: String(user.id) },
    })
    expect(audit.after).toEqual({ via: 'SMS_CODE', endedSessions: 1 })
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD)
  })

  it('refuses a leaked password and changes nothing: the code stays usable, no guess spent', async () => {
    const user = await makeUserLike(t, 'qfyy')
    await t.execute(RequestReset, { username: user.username })
    const code = await latestCode(t.db.prisma, user.mobile!)
    const refused = await t.execute(Reset, { input: { username: user.username, code, newPassword: 'password123' } })
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(refused.errors![0]!.extensions!.fields).toEqual({
      newPassword: '该密码过于常见或已在泄露的密码库中出现，请换一个',
    })
    expect((await userNamed(user.username)).passwordHash).toBe(user.passwordHash)
    const stored = await t.db.prisma.verificationCode.findFirstOrThrow({
      where: { mobile: user.mobile!, purpose: 'PASSWORD_RESET' },
    })
    expect(stored).toMatchObject({ attempts: 0, consumedAt: null })
    expect(await t.login(user.username)).toMatch(/=/)
    // The same code then sets an acceptable password.
    expect(
      (await t.execute(Reset, { input: { username: user.username, code, newPassword: NEW_PASSWORD } })).errors,
    ).toBeUndefined()
  })
})

describe('resetPassword by the emailed link', () => {
  it('works once; a second use, an expired link and an older link are TOKEN_INVALID', async () => {
    const user = await makeUserLike(t, 'qfyy')
    await t.execute(RequestReset, { username: user.username })
    const older = await latestLinkToken(user.email!)
    await t.db.prisma.verificationCode.updateMany({
      where: { mobile: user.mobile! },
      data: { createdAt: new Date(Date.now() - 120_000) },
    })
    await t.execute(RequestReset, { username: user.username })
    const link = await latestLinkToken(user.email!)
    expect(link).not.toBe(older)
    expect(errorCodes(await t.execute(Reset, { input: { token: older, newPassword: NEW_PASSWORD } }))).toEqual([
      'TOKEN_INVALID',
    ])

    const reset = await t.execute(Reset, { input: { token: link, newPassword: NEW_PASSWORD } })
    expect(reset.errors).toBeUndefined()
    expect(reset.data!.resetPassword.username).toBe(user.username)
    const again = await t.execute(Reset, { input: { token: link, newPassword: 'Another-quiet-harbour-9' } })
    expect(again.errors![0]).toMatchObject({ message: '链接已失效，请重新获取', extensions: { code: 'TOKEN_INVALID' } })
    // The SMS code of the same request was spent with it.
    const code = await latestCode(t.db.prisma, user.mobile!)
    const byCode = await t.execute(Reset, {
      input: { username: user.username, code, newPassword: 'Another-quiet-harbour-9' },
    })
    expect(byCode.errors![0]!.extensions).toMatchObject({ fields: { code: '验证码已使用，请重新获取' } })

    const expiring = await makeUserLike(t, 'qfyy')
    await t.execute(RequestReset, { username: expiring.username })
    const expired = await latestLinkToken(expiring.email!)
    await t.db.prisma.accountToken.updateMany({
      where: { userId: expiring.id },
      data: { createdAt: new Date(Date.now() - 3_600_000), expiresAt: new Date(Date.now() - 1000) },
    })
    expect(errorCodes(await t.execute(Reset, { input: { token: expired, newPassword: NEW_PASSWORD } }))).toEqual([
      'TOKEN_INVALID',
    ])
    expect((await userNamed(expiring.username)).passwordHash).toBe(expiring.passwordHash)
  })

  it('10 resets racing with one link: exactly one succeeds', async () => {
    const user = await makeUserLike(t, 'qfyy')
    await t.execute(RequestReset, { username: user.username })
    const link = await latestLinkToken(user.email!)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.execute(Reset, { input: { token: link, newPassword: `Racing-harbour-light-${i}` } }),
      ),
    )
    const outcomes = results.map((r) => errorCodes(r)[0] ?? 'OK')
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'TOKEN_INVALID')).toHaveLength(9)
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'auth.resetPassword', subjectId: String(user.id) } }),
    ).toBe(1)
    expect(await t.db.prisma.passwordHistory.count({ where: { userId: user.id } })).toBe(1)
  })

  it('refuses a leaked password and leaves the link usable', async () => {
    const user = await makeUserLike(t, 'qfyy')
    await t.execute(RequestReset, { username: user.username })
    const link = await latestLinkToken(user.email!)
    const refused = await t.execute(Reset, { input: { token: link, newPassword: '1234567890' } })
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect((await userNamed(user.username)).passwordHash).toBe(user.passwordHash)
    expect((await t.execute(Reset, { input: { token: link, newPassword: NEW_PASSWORD } })).errors).toBeUndefined()
  })
})

describe('helpResetPassword (协助重置密码)', () => {
  it('sends the code and link to the registered mobile and email, never to the helper; audited', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const staff = await t.login('qingfeng')
    const helped = await t.execute(HelpReset, { userId: String(user.id) }, { cookie: staff })
    expect(helped.errors).toBeUndefined()
    expect(helped.data!.helpResetPassword).toEqual({
      maskedMobile: `${user.mobile!.slice(0, 3)}****${user.mobile!.slice(7)}`,
      maskedEmail: `${user.username[0]}***@example.com`,
    })
    expect(JSON.stringify(helped.data)).not.toMatch(/[0-9]{6}/)
    const code = await latestCode(t.db.prisma, user.mobile!)
    const link = await latestLinkToken(user.email!)
    expect(link).toBeTruthy()
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'user.helpReset', subjectId: String(user.id) },
    })
    expect(audit.actorUserId).toBe((await userNamed('qingfeng')).id)
    // The holder sets the password with the code.
    expect(
      (await t.execute(Reset, { input: { username: user.username, code, newPassword: NEW_PASSWORD } })).errors,
    ).toBeUndefined()
  })

  it('reaches only accounts the helper administers: others are NOT_FOUND and nothing is sent', async () => {
    const qingfeng = await t.login('qingfeng')
    const otherProvinceUnit = await userNamed('sjzsl')
    const cityUnit = await userNamed('pyjy')
    const otherOffice = await userNamed('puyang')
    for (const target of [otherProvinceUnit, cityUnit, otherOffice]) {
      const result = await t.execute(HelpReset, { userId: String(target.id) }, { cookie: qingfeng })
      expect(errorCodes(result)).toEqual(['NOT_FOUND'])
    }
    expect(
      await t.db.prisma.notification.count({
        where: {
          template: 'password.resetLink',
          address: { in: ['sjzsl@example.com', 'pyjy@example.com', 'puyang@example.com'] },
        },
      }),
    ).toBe(0)

    // A unit's primary account its own deputies only; a deputy not at all.
    const deputy = await makeUserLike(t, 'qfzf')
    const primary = await t.login('qfzf')
    expect((await t.execute(HelpReset, { userId: String(deputy.id) }, { cookie: primary })).errors).toBeUndefined()
    expect(
      errorCodes(await t.execute(HelpReset, { userId: String((await userNamed('qfyy')).id) }, { cookie: primary })),
    ).toEqual(['NOT_FOUND'])
    const asDeputy = await t.login(deputy.username)
    const refused = await t.execute(HelpReset, { userId: String((await userNamed('qfzf')).id) }, { cookie: asDeputy })
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNIT_PRIMARY_REQUIRED' })
  })

  it('needs 管理员 for the office’s own staff and 管理员 or 审核员 for units; 财务 alone is refused', async () => {
    const reviewer = await makeUserLike(t, 'qingfeng', { officeRoles: ['REVIEWER'] })
    const finance = await makeUserLike(t, 'qingfeng', { officeRoles: ['FINANCE'] })
    const colleague = await makeUserLike(t, 'qingfeng')
    const unitUser = await makeUserLike(t, 'qfyy')
    const asReviewer = await t.login(reviewer.username)
    expect((await t.execute(HelpReset, { userId: String(unitUser.id) }, { cookie: asReviewer })).errors).toBeUndefined()
    expect(errorCodes(await t.execute(HelpReset, { userId: String(colleague.id) }, { cookie: asReviewer }))).toEqual([
      'NOT_FOUND',
    ])
    const asFinance = await t.login(finance.username)
    const refused = await t.execute(HelpReset, { userId: String(unitUser.id) }, { cookie: asFinance })
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' })
    const admin = await t.login('qingfeng')
    expect((await t.execute(HelpReset, { userId: String(colleague.id) }, { cookie: admin })).errors).toBeUndefined()
  })

  it('refuses pending and disabled accounts with CONFLICT', async () => {
    const pending = await makeUserLike(t, 'qfyy', { status: 'PENDING_ACTIVATION', passwordHash: null })
    const disabled = await makeUserLike(t, 'qfyy', { status: 'DISABLED', disabledReason: '测试停用' })
    const staff = await t.login('qingfeng')
    const a = await t.execute(HelpReset, { userId: String(pending.id) }, { cookie: staff })
    const b = await t.execute(HelpReset, { userId: String(disabled.id) }, { cookie: staff })
    expect(a.errors![0]).toMatchObject({
      message: '该账号尚未激活，请重新发送激活通知',
      extensions: { code: 'CONFLICT' },
    })
    expect(b.errors![0]).toMatchObject({ message: '该账号已停用，请先启用', extensions: { code: 'CONFLICT' } })
  })
})

describe('sendVerificationCode', () => {
  it('does not send reset codes to a number a signed-in unit types: those go only to registered mobiles', async () => {
    const cookie = await t.login('qfzf')
    const mobile = '13912345678'
    const result = await t.execute(SendCode, { input: { mobile, purpose: 'PASSWORD_RESET' } }, { cookie })
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { purpose: '此类验证码请在相应页面获取' },
    })
    expect(await t.db.prisma.verificationCode.count({ where: { mobile } })).toBe(0)
  })
})

describe('the demo password still signs in', () => {
  it('for an account nobody reset', async () => {
    expect(await t.login('qfzf', DEMO_PASSWORD)).toMatch(/=/)
  })
})
