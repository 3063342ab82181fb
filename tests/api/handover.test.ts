// 经办人交接 (issue 17, design doc §3.4): a unit's primary account (or its same-level office) names a new handler; the
// new handler completes it with the emailed link, the SMS code sent to the new mobile and a new password. The unit
// keeps its login; the handler facts and the account's person change, every old session ends, both handlers hear
// of it. Refusals change nothing; audit rows carry masked values only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { hashPassword } from '../../server/src/lib/password.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { freshMobile, latestCode, wrongCode } from '../testkit/registration.ts'

const StartHandover = graphql(`
  mutation TestStartHandover($input: StartHandoverInput!) {
    startHandover(input: $input) {
      id
      unitId
      status
      oldName
      oldMobile
      newName
      newMobile
      newEmail
      newIdNumber
      canCancel
    }
  }
`)

const CompleteHandover = graphql(`
  mutation TestCompleteHandover($input: CompleteHandoverInput!) {
    completeHandover(input: $input) {
      unitName
      username
    }
  }
`)

const CancelHandover = graphql(`
  mutation TestCancelHandover($id: ID!) {
    cancelHandover(id: $id)
  }
`)

const ResendHandoverCode = graphql(`
  mutation TestResendHandoverCode($token: String!) {
    resendHandoverCode(token: $token) {
      maskedMobile
      resendAfterSeconds
    }
  }
`)

const UnitHandovers = graphql(`
  query TestUnitHandovers($unitId: ID) {
    unitHandovers(unitId: $unitId) {
      id
      unitId
      status
      expired
      newName
      newMobile
      newIdNumber
      startedByName
      canCancel
    }
  }
`)

const HandoverLink = graphql(`
  query TestHandoverLink($token: String!) {
    handoverLink(token: $token) {
      unitName
      newName
      maskedMobile
    }
  }
`)

const UnitAccounts = graphql(`
  query TestHandoverUnitAccounts($search: String) {
    unitUsers(search: $search, first: 50) {
      edges {
        node {
          username
          canStartHandover
        }
      }
    }
  }
`)

const Me = graphql(`
  query TestHandoverMe {
    me {
      username
      displayName
    }
  }
`)

const SendCode = graphql(`
  mutation TestHandoverSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

const NEW_PASSWORD = 'Handover-lantern-2026'

function newHandler(regionCode = '410922') {
  const mobile = freshMobile()
  return {
    newName: '赵新经办',
    newMobile: mobile,
    newEmail: `handler-${mobile}@example.cn`,
    newIdNumber: makeIdNumber(regionCode),
  }
}

/** The secret of the newest handover link emailed to the address, as the new handler reads it. */
async function emailedToken(email: string): Promise<string> {
  const mail = await t.db.prisma.notification.findFirstOrThrow({
    where: { channel: 'EMAIL', address: email, template: 'handover.started' },
    orderBy: { id: 'desc' },
  })
  const match = /\/handover\?token=([^\s，。]+)/.exec(mail.body)
  if (!match) throw new Error(`no link in email: ${mail.body}`)
  return decodeURIComponent(match[1]!)
}

const unitOf = (username: string) =>
  t.db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } }).then((user) => user.unit!)

async function start(cookie: string, input: ReturnType<typeof newHandler> & { unitId?: string }) {
  const result = await t.execute(StartHandover, { input }, { cookie })
  expect(result.errors).toBeUndefined()
  return { handover: result.data!.startHandover, token: await emailedToken(input.newEmail) }
}

describe('经办人交接: the whole flow', () => {
  it('qfzf starts it, the new handler completes it, the old session ends, both mobiles hear of it', async () => {
    const oldCookie = await t.login('qfzf')
    const unitBefore = await unitOf('qfzf')
    const next = newHandler()
    const { handover, token } = await start(oldCookie, next)
    expect(handover).toMatchObject({
      status: 'PENDING',
      oldName: unitBefore.handlerName,
      oldMobile: `${unitBefore.handlerMobile.slice(0, 3)}****${unitBefore.handlerMobile.slice(7)}`,
      newName: '赵新经办',
      newMobile: `${next.newMobile.slice(0, 3)}****${next.newMobile.slice(7)}`,
      newIdNumber: `${next.newIdNumber.slice(0, 6)}********${next.newIdNumber.slice(14)}`,
      canCancel: true,
    })
    // Nothing about the unit changed yet.
    expect(await unitOf('qfzf')).toEqual(unitBefore)

    // The link greets the new handler with a masked unit name, and consumes nothing.
    const link = await t.execute(HandoverLink, { token })
    expect(link.data?.handoverLink).toEqual({
      unitName: '清丰***公室',
      newName: '赵新经办',
      maskedMobile: handover.newMobile,
    })
    const code = await latestCode(t.db.prisma, next.newMobile)

    // A wrong code is refused with the guesses left; the link stays usable.
    const wrong = await t.execute(CompleteHandover, {
      input: { token, code: wrongCode(code), newPassword: NEW_PASSWORD },
    })
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT'])
    expect(wrong.errors![0]!.extensions!.fields).toEqual({ code: '验证码错误，还可尝试 4 次' })
    // A leaked password is refused before anything changes.
    const weak = await t.execute(CompleteHandover, { input: { token, code, newPassword: 'password123' } })
    expect(errorCodes(weak)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(weak.errors![0]!.extensions!.fields as object)).toEqual(['newPassword'])
    expect(await unitOf('qfzf')).toEqual(unitBefore)

    const done = await t.execute(CompleteHandover, { input: { token, code, newPassword: NEW_PASSWORD } })
    expect(done.errors).toBeUndefined()
    expect(done.data?.completeHandover).toEqual({ unitName: '清丰县人民政府办公室', username: 'qfzf' })

    // The old handler's session is over.
    const oldMe = await t.execute(Me, {}, { cookie: oldCookie })
    expect(errorCodes(oldMe)).toEqual(['SESSION_EXPIRED'])
    const session = await t.db.prisma.session.findFirstOrThrow({
      where: { user: { username: 'qfzf' } },
      orderBy: { id: 'desc' },
    })
    expect(session.endedReason).toBe('HANDOVER')

    // The unit's handler and the account's person are the new handler; the login stays.
    const unitAfter = await unitOf('qfzf')
    expect(unitAfter).toMatchObject({
      handlerName: '赵新经办',
      handlerMobile: next.newMobile,
      handlerEmail: next.newEmail,
      handlerIdNumberMasked: `${next.newIdNumber.slice(0, 6)}********${next.newIdNumber.slice(14)}`,
      version: unitBefore.version + 1,
    })
    const account = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qfzf' } })
    expect(account).toMatchObject({ displayName: '赵新经办', mobile: next.newMobile, email: next.newEmail })
    await expect(t.login('qfzf')).rejects.toThrow() // the old password is gone
    const newCookie = await t.login('qfzf', NEW_PASSWORD)
    expect((await t.execute(Me, {}, { cookie: newCookie })).data?.me).toEqual({
      username: 'qfzf',
      displayName: '赵新经办',
    })

    // Notices: SMS to the old mobile and to the new one, in-app to the unit's users.
    const notices = await t.db.prisma.notification.findMany({
      where: { template: 'handover.completed', payload: { equals: { handoverId: Number(handover.id) } } },
    })
    const smsTo = notices.filter((notice) => notice.channel === 'SMS').map((notice) => notice.address)
    expect(smsTo.sort()).toEqual([unitBefore.handlerMobile, next.newMobile].sort())
    expect(notices.find((notice) => notice.channel === 'IN_APP')?.userId).toBe(account.id)
    expect(notices.find((notice) => notice.channel === 'SMS')!.body).toContain(
      `由${unitBefore.handlerName}变更为赵新经办`,
    )

    // The link and the code worked once.
    const again = await t.execute(CompleteHandover, { input: { token, code, newPassword: NEW_PASSWORD } })
    expect(errorCodes(again)).toEqual(['TOKEN_INVALID'])
    expect(again.errors![0]!.message).toBe('链接已失效，请重新获取')
    expect((await t.execute(HandoverLink, { token })).data?.handoverLink).toBeNull()
    const history = (await t.execute(UnitHandovers, {}, { cookie: newCookie })).data!.unitHandovers
    // The history names who started it as they were then: the old handler, not the account's person now.
    expect(history[0]).toMatchObject({
      id: handover.id,
      status: 'COMPLETED',
      canCancel: false,
      startedByName: unitBefore.handlerName,
    })

    // Audit: start and complete, with masked values only (no plaintext ID number or code anywhere).
    const audits = await t.db.prisma.auditLog.findMany({ where: { subjectType: 'UnitHandover' } })
    expect(audits.map((row) => row.action).sort()).toEqual(['unit.handover.complete', 'unit.handover.start'])
    const allAudit = JSON.stringify(await t.db.prisma.auditLog.findMany())
    expect(allAudit).not.toContain(next.newIdNumber)
    expect(allAudit).not.toContain(`"${code}"`)
    const oldIdNumber = openIdNumber('unit', unitBefore.handlerIdNumberEnc)
    if (oldIdNumber) expect(allAudit).not.toContain(oldIdNumber)
    // The unit now holds the new handler's number, encrypted; the handover row only its ciphertext and mask.
    const unitNow = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: unitBefore.id } })
    expect(openIdNumber('unit', unitNow.handlerIdNumberEnc)).toBe(next.newIdNumber)
    const stored = JSON.stringify(await t.db.prisma.unitHandover.findMany())
    expect(stored).not.toContain(next.newIdNumber)
    expect(allAudit).not.toContain(token)
  })
})

describe('经办人交接: single use, expiry, cancel', () => {
  it('lets exactly one of several parallel completions with the same link through', async () => {
    const cookie = await t.login('qfyy')
    const next = newHandler()
    const { token } = await start(cookie, next)
    const code = await latestCode(t.db.prisma, next.newMobile)
    const results = await Promise.all(
      [1, 2, 3].map(() => t.execute(CompleteHandover, { input: { token, code, newPassword: NEW_PASSWORD } })),
    )
    expect(results.filter((result) => !result.errors).length).toBe(1)
    for (const refused of results.filter((result) => result.errors))
      expect(['TOKEN_INVALID', 'BAD_USER_INPUT']).toContain(errorCodes(refused)[0])
    expect(
      await t.db.prisma.unitHandover.count({ where: { unit: { name: '清丰县人民医院' }, status: 'COMPLETED' } }),
    ).toBe(1)
    expect(await t.db.prisma.passwordHistory.count({ where: { user: { username: 'qfyy' } } })).toBe(1)
    await t.login('qfyy', NEW_PASSWORD) // later tests sign in as the new handler
  })

  it('refuses an expired link (TOKEN_INVALID) and lets the unit start again after it lapsed', async () => {
    const cookie = await t.login('pyjy')
    const next = newHandler('410900')
    const { handover, token } = await start(cookie, next)
    const code = await latestCode(t.db.prisma, next.newMobile)
    const past = new Date(Date.now() - 60_000)
    await t.db.prisma.accountToken.updateMany({
      where: { purpose: 'HANDOVER', user: { username: 'pyjy' } },
      data: { createdAt: new Date(past.getTime() - 3_600_000), expiresAt: past },
    })
    await t.db.prisma.unitHandover.update({
      where: { id: Number(handover.id) },
      data: { createdAt: new Date(past.getTime() - 3_600_000), expiresAt: past },
    })
    const late = await t.execute(CompleteHandover, { input: { token, code, newPassword: NEW_PASSWORD } })
    expect(errorCodes(late)).toEqual(['TOKEN_INVALID'])
    expect((await t.execute(HandoverLink, { token })).data?.handoverLink).toBeNull()
    expect(errorCodes(await t.execute(ResendHandoverCode, { token }))).toEqual(['TOKEN_INVALID'])
    const listed = (await t.execute(UnitHandovers, {}, { cookie })).data!.unitHandovers
    expect(listed[0]).toMatchObject({ id: handover.id, status: 'PENDING', expired: true })

    const again = await start(cookie, newHandler('410900'))
    expect(again.handover.status).toBe('PENDING')
    const lapsed = await t.db.prisma.unitHandover.findUniqueOrThrow({ where: { id: Number(handover.id) } })
    expect(lapsed.status).toBe('CANCELLED')
    await t.execute(CancelHandover, { id: again.handover.id }, { cookie })
  })

  it('allows one pending handover per unit; cancelling it ends its link', async () => {
    const cookie = await t.login('qfzf', NEW_PASSWORD)
    const first = await start(cookie, newHandler())
    const second = await t.execute(StartHandover, { input: newHandler() }, { cookie })
    expect(errorCodes(second)).toEqual(['CONFLICT'])
    expect(second.errors![0]!.message).toBe('本单位已有进行中的经办人交接，请先取消或等待新经办人完成')

    const cancelled = await t.execute(CancelHandover, { id: first.handover.id }, { cookie })
    expect(cancelled.errors).toBeUndefined()
    expect((await t.execute(HandoverLink, { token: first.token })).data?.handoverLink).toBeNull()
    const code = await latestCode(
      t.db.prisma,
      (await t.db.prisma.unitHandover.findUniqueOrThrow({ where: { id: Number(first.handover.id) } })).newMobile,
    )
    expect(
      errorCodes(await t.execute(CompleteHandover, { input: { token: first.token, code, newPassword: NEW_PASSWORD } })),
    ).toEqual(['TOKEN_INVALID'])
    expect(errorCodes(await t.execute(CancelHandover, { id: first.handover.id }, { cookie }))).toEqual(['CONFLICT'])
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'unit.handover.cancel', subjectId: first.handover.id } }),
    ).toBe(1)
  })

  it('resends the code to the new mobile only, with the 60 s limit', async () => {
    const cookie = await t.login('sjzsl')
    const next = newHandler('130100')
    const { token, handover } = await start(cookie, next)
    const tooSoon = await t.execute(ResendHandoverCode, { token })
    expect(errorCodes(tooSoon)).toEqual(['TOO_MANY_ATTEMPTS'])
    await t.db.prisma.verificationCode.updateMany({
      where: { mobile: next.newMobile },
      data: { createdAt: new Date(Date.now() - 61_000) },
    })
    const resent = await t.execute(ResendHandoverCode, { token })
    expect(resent.data?.resendHandoverCode).toEqual({ maskedMobile: handover.newMobile, resendAfterSeconds: 60 })
    expect(await t.db.prisma.verificationCode.count({ where: { mobile: next.newMobile, purpose: 'HANDOVER' } })).toBe(2)
    await t.execute(CancelHandover, { id: handover.id }, { cookie })
  })
})

describe('经办人交接: who may', () => {
  it('refuses a unit’s deputy (UNIT_PRIMARY_REQUIRED)', async () => {
    const unit = await unitOf('qfyy')
    await t.db.prisma.user.create({
      data: {
        username: 'qfyy-deputy',
        displayName: '副经办',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        role: 'UNIT_USER',
        unitId: unit.id,
        unitRole: 'DEPUTY',
      },
    })
    const cookie = await t.login('qfyy-deputy')
    const refused = await t.execute(StartHandover, { input: newHandler() }, { cookie })
    expect(errorCodes(refused)).toEqual(['FORBIDDEN'])
    expect(refused.errors![0]!.extensions!.reason).toBe('UNIT_PRIMARY_REQUIRED')
    expect(await t.db.prisma.unitHandover.count({ where: { unitId: unit.id, status: 'PENDING' } })).toBe(0)
  })

  it('lets the same-level office start one for a unit whose handler left; refuses other offices', async () => {
    const unit = await unitOf('qfzf')
    const unitId = String(unit.id)
    const input = { ...newHandler(), unitId }
    const tries = async (username: string) =>
      t.execute(StartHandover, { input: { ...input, newMobile: freshMobile() } }, { cookie: await t.login(username) })
    // Another subtree does not see the unit; the city above sees it but is not its same-level office; CONAC has none.
    expect(errorCodes(await tries('nanle'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await tries('hebei'))).toEqual(['NOT_FOUND'])
    const city = await tries('puyang')
    expect(errorCodes(city)).toEqual(['FORBIDDEN'])
    expect(city.errors![0]!.message).toBe('经办人交接由该单位的同级编办协助办理')
    expect(errorCodes(await tries('conac'))).toEqual(['FORBIDDEN'])
    expect(await t.db.prisma.unitHandover.count({ where: { unitId: unit.id, status: 'PENDING' } })).toBe(0)

    // Staff of the office without 管理员 or 审核员 may not.
    const office = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    await t.db.prisma.user.create({
      data: {
        username: 'qingfeng-finance',
        displayName: '财务',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        role: 'OFFICE_STAFF',
        officeId: office.officeId,
        officeRoles: ['FINANCE'],
      },
    })
    const finance = await tries('qingfeng-finance')
    expect(errorCodes(finance)).toEqual(['FORBIDDEN'])
    expect(finance.errors![0]!.extensions!.reason).toBe('ROLE_REQUIRED')

    const staff = await t.login('qingfeng')
    const started = await t.execute(StartHandover, { input }, { cookie: staff })
    expect(started.errors).toBeUndefined()
    expect(started.data?.startHandover).toMatchObject({ unitId, status: 'PENDING', canCancel: true })
    const handoverId = started.data!.startHandover.id
    // Office staff started it: the history names them.
    const rows = (await t.execute(UnitHandovers, {}, { cookie: staff })).data!.unitHandovers
    expect(rows.find((row) => row.id === handoverId)?.startedByName).toBe(office.displayName)

    // Scope: the city above lists it, the sibling county and another unit do not; neither may cancel it.
    const listFor = async (username: string, password?: string) =>
      (await t.execute(UnitHandovers, {}, { cookie: await t.login(username, password) })).data!.unitHandovers.map(
        (row) => row.id,
      )
    expect(await listFor('puyang')).toContain(handoverId)
    expect(await listFor('nanle')).not.toContain(handoverId)
    expect(await listFor('qfyy', NEW_PASSWORD)).not.toContain(handoverId)
    expect(await listFor('qfzf', NEW_PASSWORD)).toContain(handoverId)
    const qfyy = await t.login('qfyy', NEW_PASSWORD)
    expect(errorCodes(await t.execute(CancelHandover, { id: handoverId }, { cookie: qfyy }))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(CancelHandover, { id: handoverId }, { cookie: await t.login('nanle') }))).toEqual(
      ['NOT_FOUND'],
    )
    // Another member of the office is not its starter.
    await t.db.prisma.user.create({
      data: {
        username: 'qingfeng-reviewer',
        displayName: '审核员',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        role: 'OFFICE_STAFF',
        officeId: office.officeId,
        officeRoles: ['REVIEWER'],
      },
    })
    const reviewer = await t.login('qingfeng-reviewer')
    expect(errorCodes(await t.execute(CancelHandover, { id: handoverId }, { cookie: reviewer }))).toEqual(['FORBIDDEN'])
    // The unit's primary account may cancel what its office started.
    const primary = await t.login('qfzf', NEW_PASSWORD)
    expect((await t.execute(CancelHandover, { id: handoverId }, { cookie: primary })).errors).toBeUndefined()
  })

  it('only the office’s 管理员 starts one: a 审核员 is refused and nothing changes; a 管理员’s is audited and completes', async () => {
    // pyjy (濮阳市教育局) is a city-level unit: 濮阳市编办 is its same-level office.
    const unit = await unitOf('pyjy')
    const unitId = String(unit.id)
    const asReviewer = { ...newHandler('410900'), unitId }
    const counts = () =>
      Promise.all([
        t.db.prisma.unitHandover.count({ where: { unitId: unit.id } }),
        t.db.prisma.accountToken.count({ where: { purpose: 'HANDOVER', user: { unitId: unit.id } } }),
        t.db.prisma.verificationCode.count({ where: { mobile: asReviewer.newMobile } }),
        t.db.prisma.notification.count({ where: { address: { in: [asReviewer.newMobile, asReviewer.newEmail] } } }),
        t.db.prisma.auditLog.count({ where: { action: 'unit.handover.start' } }),
      ])
    const before = await counts()
    // A 审核员 could otherwise name their own mobile and take over the unit's primary account.
    const refused = await t.execute(StartHandover, { input: asReviewer }, { cookie: await t.login('py-shenhe') })
    expect(errorCodes(refused)).toEqual(['FORBIDDEN'])
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'ROLE_REQUIRED', requiredRoles: ['ADMIN'] })
    expect(await counts()).toEqual(before)
    expect(await unitOf('pyjy')).toEqual(unit)

    const admin = await t.login('py-admin')
    const next = newHandler('410900')
    const { handover, token } = await start(admin, { ...next, unitId })
    expect(handover).toMatchObject({ unitId, status: 'PENDING', canCancel: true })
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unit.handover.start', subjectId: handover.id },
      include: { actorUser: { select: { username: true } } },
    })
    expect(audit.actorUser?.username).toBe('py-admin')

    const code = await latestCode(t.db.prisma, next.newMobile)
    const done = await t.execute(CompleteHandover, { input: { token, code, newPassword: NEW_PASSWORD } })
    expect(done.errors).toBeUndefined()
    expect(await unitOf('pyjy')).toMatchObject({ handlerName: next.newName, handlerMobile: next.newMobile })
    // Both handlers hear of it: the old one (who left) and the new one.
    const smsTo = (
      await t.db.prisma.notification.findMany({
        where: {
          template: 'handover.completed',
          channel: 'SMS',
          payload: { equals: { handoverId: Number(handover.id) } },
        },
      })
    ).map((notice) => notice.address)
    expect(smsTo.sort()).toEqual([unit.handlerMobile, next.newMobile].sort())
  })

  it('canStartHandover marks the rows of 单位账号管理 the viewer may hand over: a same-level unit’s primary, for a 管理员', async () => {
    const rows = async (username: string) =>
      Object.fromEntries(
        (await t.execute(UnitAccounts, {}, { cookie: await t.login(username) })).data!.unitUsers.edges.map((edge) => [
          edge.node.username,
          edge.node.canStartHandover,
        ]),
      )
    // 濮阳市编办: its city-level unit pyjy, not the county's qfzf (清丰县编办 helps it).
    expect(await rows('py-admin')).toMatchObject({ pyjy: true, qfzf: false })
    expect(await rows('py-shenhe')).toMatchObject({ pyjy: false, qfzf: false })
    expect(await rows('qingfeng')).toMatchObject({ qfzf: true })
  })

  it('handoverLink, completeHandover and resendHandoverCode answer malformed link text BAD_USER_INPUT, as accountLink does', async () => {
    for (const token of ['a_\u0000x', 'line\nbreak', '\u202etoken']) {
      expect(errorCodes(await t.execute(HandoverLink, { token }))).toEqual(['BAD_USER_INPUT'])
      expect(errorCodes(await t.execute(ResendHandoverCode, { token }))).toEqual(['BAD_USER_INPUT'])
      const complete = await t.execute(CompleteHandover, {
        input: { token, code: '123456', newPassword: NEW_PASSWORD },
      })
      expect(errorCodes(complete)).toEqual(['BAD_USER_INPUT'])
    }
    // A well-formed but unknown link stays a quiet null.
    expect((await t.execute(HandoverLink, { token: 'a_nonsense' })).data?.handoverLink).toBeNull()
  })

  it('does not send HANDOVER codes through sendVerificationCode', async () => {
    const cookie = await t.login('qfyy', NEW_PASSWORD)
    const result = await t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'HANDOVER' } }, { cookie })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
  })

  it('checks the new handler’s facts as registration does, and changes nothing on bad input', async () => {
    const cookie = await t.login('qfyy', NEW_PASSWORD)
    const before = await t.db.prisma.unitHandover.count()
    const result = await t.execute(
      StartHandover,
      { input: { newName: '赵', newMobile: '12345', newEmail: 'x', newIdNumber: '410922199001010000' } },
      { cookie },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(result.errors![0]!.extensions!.fields as object).sort()).toEqual(
      ['newEmail', 'newIdNumber', 'newMobile', 'newName'].sort(),
    )
    expect(await t.db.prisma.unitHandover.count()).toBe(before)
  })
})
