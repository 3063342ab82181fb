// 新用户注册 (seed 001 附件一), SMS verification codes, 变更联系人 and the development outbox, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { ageCodes, freshMobile, latestCode, registrationInput, wrongCode } from '../testkit/registration.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'

const SendCode = graphql(`
  mutation TestSendVerificationCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
      purpose
      expiresAt
      resendAfterSeconds
    }
  }
`)

const Register = graphql(`
  mutation TestRegisterUnit($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      unitName
      username
    }
  }
`)

const Login = graphql(`
  mutation TestRegistrationLogin($input: LoginInput!) {
    login(input: $input) {
      user {
        username
        role
        unit {
          name
          creditCode
          region {
            code
          }
        }
      }
    }
  }
`)

const Regions = graphql(`
  query TestPublicRegions($parentCode: String) {
    regions(parentCode: $parentCode, first: 100) {
      edges {
        node {
          code
          name
          office {
            id
          }
        }
      }
    }
  }
`)

const MyContacts = graphql(`
  query TestMyUnitContacts {
    myUnitContacts {
      unitId
      unitName
      handlerName
      handlerMobile
      handlerEmail
      handlerIdNumber
      landline
      address
      postcode
      version
    }
  }
`)

const UpdateContacts = graphql(`
  mutation TestUpdateUnitContacts($input: UpdateUnitContactsInput!) {
    updateUnitContacts(input: $input) {
      unitId
      handlerName
      handlerMobile
      landline
      version
    }
  }
`)

const OutboxEnabled = graphql(`
  query TestDevelopmentOutboxEnabled {
    developmentOutboxEnabled
  }
`)

const Outbox = graphql(`
  query TestDevelopmentOutbox($first: Int) {
    developmentOutbox(first: $first) {
      id
      channel
      address
      template
      body
      createdAt
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

/** Sends a registration code to the form's handler mobile and puts it in the form. */
async function withCode(input: RegisterUnitInput): Promise<RegisterUnitInput> {
  const sent = await t.execute(SendCode, { input: { mobile: input.handlerMobile, purpose: 'UNIT_REGISTRATION' } })
  expect(sent.errors).toBeUndefined()
  return { ...input, verificationCode: await latestCode(t.db.prisma, input.handlerMobile) }
}

const counts = async () => ({
  units: await t.db.prisma.unit.count(),
  users: await t.db.prisma.user.count(),
  audits: await t.db.prisma.auditLog.count({ where: { action: 'unit.register' } }),
})

/** 变更联系人's input that changes nothing: what myUnitContacts returned (a unit without an ID number gets one). */
function unchangedContacts(loaded: {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber?: string | null
  landline?: string | null
  address: string
  postcode: string
  version: number
}) {
  return {
    handlerName: loaded.handlerName,
    handlerMobile: loaded.handlerMobile,
    handlerEmail: loaded.handlerEmail,
    handlerIdNumber: loaded.handlerIdNumber ?? makeIdNumber('410922'),
    landline: loaded.landline,
    address: loaded.address,
    postcode: loaded.postcode,
    version: loaded.version,
  }
}

describe('registerUnit', () => {
  it('registers a unit and its user; the new user logs in; the code is consumed; audit and office notice are written', async () => {
    const input = await withCode(registrationInput())
    const result = await t.execute(Register, { input })
    expect(result.errors).toBeUndefined()
    expect(result.data?.registerUnit).toEqual({ unitName: input.name, username: input.username })

    const login = await t.execute(Login, { input: { username: input.username, password: input.password } })
    expect(login.errors).toBeUndefined()
    expect(login.data?.login.user).toEqual({
      username: input.username,
      role: 'UNIT_USER',
      unit: { name: input.name, creditCode: input.creditCode, region: { code: '410922' } },
    })

    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { name: input.name } })
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unit.register', subjectId: String(unit.id) },
    })
    expect(audit.regionPath).toBe('/100000/410000/410900/410922/')
    expect(audit.actorUserId).toBeNull()
    const code = await t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile: input.handlerMobile } })
    expect(code.consumedAt).not.toBeNull()
    expect(code.codeHash).not.toContain(input.verificationCode)

    // The same-level office (清丰县编办) hears of it: the demo user qingfeng, not the city office.
    const notices = await t.db.prisma.notification.findMany({
      where: { template: 'unit.registered', payload: { equals: { unitId: unit.id } } },
      include: { user: true },
    })
    expect(notices.map((notice) => notice.user?.username)).toEqual(['qingfeng'])
    expect(notices[0]!.channel).toBe('IN_APP')

    // The code cannot be used twice.
    const again = await t.execute(Register, {
      input: { ...registrationInput({ handlerMobile: input.handlerMobile }), verificationCode: input.verificationCode },
    })
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT'])
    expect(again.errors![0]!.extensions?.fields).toHaveProperty('verificationCode')
  })

  it('collects every field problem into one BAD_USER_INPUT with Chinese messages', async () => {
    const input = registrationInput({
      name: '单',
      creditCode: 'ABC',
      postcode: '4573',
      landline: 'call me',
      handlerMobile: '12345',
      handlerEmail: 'not-an-email',
      username: 'No Spaces!',
      password: 'Short-123',
      verificationCode: '12',
    })
    const before = await counts()
    const result = await t.execute(Register, { input })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    const fields = result.errors![0]!.extensions?.fields as Record<string, string>
    expect(Object.keys(fields).sort()).toEqual(
      [
        'creditCode',
        'handlerEmail',
        'handlerMobile',
        'landline',
        'name',
        'password',
        'postcode',
        'username',
        'verificationCode',
      ].sort(),
    )
    expect(fields.creditCode).toMatch(/统一社会信用代码/)
    expect(await counts()).toEqual(before)
  })

  it('refuses a common or leaked password (the password policy, issue 17) and creates nothing', async () => {
    const before = await counts()
    const result = await t.execute(Register, { input: await withCode(registrationInput({ password: 'iloveyou123' })) })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions?.fields).toEqual({
      password: '该密码过于常见或已在泄露的密码库中出现，请换一个',
    })
    expect(await counts()).toEqual(before)
  })

  it('refuses a credit code with a wrong check character', async () => {
    const valid = registrationInput()
    const last = valid.creditCode.at(-1)!
    const wrong = valid.creditCode.slice(0, 17) + (last === '0' ? '1' : '0')
    const result = await t.execute(Register, { input: await withCode({ ...valid, creditCode: wrong }) })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect((result.errors![0]!.extensions?.fields as Record<string, string>).creditCode).toMatch(/校验位/)
  })

  it('refuses an ID number with a wrong check digit or an impossible birth date', async () => {
    const valid = makeIdNumber('410922')
    const wrongDigit = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
    const first17 = '41092219900230123' // 30 February
    for (const handlerIdNumber of [wrongDigit, `${first17}0`, `${first17}X`]) {
      const result = await t.execute(Register, {
        input: registrationInput({ handlerIdNumber, verificationCode: '123456' }),
      })
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      expect(Object.keys(result.errors![0]!.extensions?.fields as object)).toEqual(['handlerIdNumber'])
    }
  })

  it('refuses placeholder regions (省直辖县级行政区划, 市辖区), the country and an unknown code', async () => {
    for (const regionCode of ['419000', '110100', '100000', '999999']) {
      const result = await t.execute(Register, { input: registrationInput({ regionCode, verificationCode: '123456' }) })
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      expect(Object.keys(result.errors![0]!.extensions?.fields as object)).toEqual(['regionCode'])
    }
  })

  it('refuses a duplicate unit name, credit code or username with CONFLICT and creates nothing', async () => {
    const first = await withCode(registrationInput())
    expect((await t.execute(Register, { input: first })).errors).toBeUndefined()
    const cases: [Partial<RegisterUnitInput>, string][] = [
      [{ name: first.name }, 'name'],
      [{ creditCode: first.creditCode }, 'creditCode'],
      [{ username: first.username }, 'username'],
      [{ name: '清丰县人民政府办公室' }, 'name'], // a demo unit
    ]
    for (const [override, field] of cases) {
      const input = await withCode(registrationInput(override))
      const before = await counts()
      const result = await t.execute(Register, { input })
      expect(errorCodes(result)).toEqual(['CONFLICT'])
      expect(Object.keys(result.errors![0]!.extensions?.fields as object)).toEqual([field])
      expect(await counts()).toEqual(before)
      // A refused registration leaves the code usable for the corrected form, but its guess is spent.
      expect(result.errors![0]!.extensions?.remainingAttempts).toBe(4)
      const code = await t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile: input.handlerMobile } })
      expect(code).toMatchObject({ consumedAt: null, attempts: 1 })
    }
    // Without a valid code nobody learns whether a name or username is taken.
    const probe = await t.execute(Register, {
      input: registrationInput({ username: first.username, verificationCode: '123456' }),
    })
    expect(errorCodes(probe)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(probe.errors![0]!.extensions?.fields as object)).toEqual(['verificationCode'])
  })
})

describe('verification codes', () => {
  it('sends one SMS per code through the outbox, stores only a hash, and expires in 5 minutes', async () => {
    const mobile = freshMobile()
    const result = await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })
    expect(result.errors).toBeUndefined()
    expect(result.data?.sendVerificationCode.resendAfterSeconds).toBe(60)
    const sms = await t.db.prisma.notification.findMany({ where: { address: mobile } })
    expect(sms).toHaveLength(1)
    expect(sms[0]!.channel).toBe('SMS')
    expect(sms[0]!.body).toMatch(/^您的验证码为[0-9]{6}，5分钟内有效。请勿泄露。$/)
    const code = await latestCode(t.db.prisma, mobile)
    const stored = await t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile } })
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(code)
    expect(JSON.stringify(sms[0]!.payload)).not.toContain(code)
    const ttl = stored.expiresAt.getTime() - stored.createdAt.getTime()
    expect(ttl).toBeGreaterThan(299_000)
    expect(ttl).toBeLessThanOrEqual(300_000 + 1000)
    // The response never carries the code.
    expect(JSON.stringify(result.data)).not.toContain(code)
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'verification.send', subjectId: String(stored.id) },
    })
    expect(JSON.stringify(audit.after)).not.toContain(mobile)
  })

  it('refuses a second code within 60 s (retryAfterSeconds) and allows it after', async () => {
    const mobile = freshMobile()
    expect((await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })).errors).toBeUndefined()
    const early = await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })
    expect(errorCodes(early)).toEqual(['TOO_MANY_ATTEMPTS'])
    const retryAfter = early.errors![0]!.extensions?.retryAfterSeconds as number
    expect(retryAfter).toBeGreaterThan(50)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(await t.db.prisma.notification.count({ where: { address: mobile } })).toBe(1)
    await ageCodes(t.db.prisma, mobile, 61)
    expect((await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })).errors).toBeUndefined()
    expect(await t.db.prisma.notification.count({ where: { address: mobile } })).toBe(2)
  })

  it('sends one code when several requests for a number arrive at once, and a code registers one unit only', async () => {
    const mobile = freshMobile()
    const sends = await Promise.all(
      Array.from({ length: 5 }, () => t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })),
    )
    expect(sends.filter((result) => !result.errors).length).toBe(1)
    expect(await t.db.prisma.notification.count({ where: { address: mobile } })).toBe(1)

    const verificationCode = await latestCode(t.db.prisma, mobile)
    const forms = [1, 2].map(() => registrationInput({ handlerMobile: mobile, verificationCode }))
    const results = await Promise.all(forms.map((input) => t.execute(Register, { input })))
    expect(results.filter((result) => !result.errors).length).toBe(1)
    expect(results.flatMap(errorCodes)).toEqual(['BAD_USER_INPUT'])
    expect(await t.db.prisma.unit.count({ where: { name: { in: forms.map((form) => form.name) } } })).toBe(1)
  })

  it('allows at most 10 codes a mobile a day', async () => {
    await awayFromBeijingMidnight() // the codes below are moved a minute back and must stay "today"
    const mobile = freshMobile()
    for (let i = 0; i < 10; i++) {
      const sent = await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })
      expect(sent.errors).toBeUndefined()
      // Past the cooldown, but still today (Beijing time): move them back a minute, not across midnight.
      await t.db.prisma.verificationCode.updateMany({
        where: { mobile },
        data: { createdAt: new Date(Date.now() - 61_000) },
      })
    }
    const eleventh = await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })
    expect(errorCodes(eleventh)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(eleventh.errors![0]!.extensions?.retryAfterSeconds).toBeGreaterThan(0)
    expect(await t.db.prisma.notification.count({ where: { address: mobile } })).toBe(10)
  }, 240_000)

  it('allows one client address at most 30 codes an hour, whichever numbers it asks for', async () => {
    const ip = '203.0.113.77'
    for (let i = 0; i < 30; i++) {
      const sent = await t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'UNIT_REGISTRATION' } }, { ip })
      expect(sent.errors).toBeUndefined()
    }
    const mobile = freshMobile()
    const refused = await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } }, { ip })
    expect(errorCodes(refused)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(await t.db.prisma.notification.count({ where: { address: mobile } })).toBe(0)
    // Another address is not affected.
    expect(
      (await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } }, { ip: '203.0.113.78' })).errors,
    ).toBeUndefined()
  })

  it('holds the address limit under concurrency: 36 sends at once from one address, exactly 30 go out', async () => {
    const ip = '203.0.113.79'
    const results = await Promise.all(
      Array.from({ length: 36 }, () =>
        t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'UNIT_REGISTRATION' } }, { ip }),
      ),
    )
    expect(results.filter((r) => !r.errors)).toHaveLength(30)
    expect(results.filter((r) => errorCodes(r)[0] === 'TOO_MANY_ATTEMPTS')).toHaveLength(6)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'verification.send', ip } })).toBe(30)
  }, 120_000)

  it('refuses a malformed mobile, and CONTACT_CHANGE codes for anonymous viewers', async () => {
    expect(errorCodes(await t.execute(SendCode, { input: { mobile: '1234', purpose: 'UNIT_REGISTRATION' } }))).toEqual([
      'BAD_USER_INPUT',
    ])
    expect(
      errorCodes(await t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'CONTACT_CHANGE' } })),
    ).toEqual(['UNAUTHENTICATED'])
    const staff = await t.login('qingfeng')
    expect(
      errorCodes(
        await t.execute(SendCode, { input: { mobile: freshMobile(), purpose: 'CONTACT_CHANGE' } }, { cookie: staff }),
      ),
    ).toEqual(['FORBIDDEN'])
  })

  it('counts wrong codes: 验证码错误 with remaining attempts, then TOO_MANY_ATTEMPTS even for the right code', async () => {
    const input = await withCode(registrationInput())
    const wrong = wrongCode(input.verificationCode)
    for (let attempt = 1; attempt <= 4; attempt++) {
      const result = await t.execute(Register, { input: { ...input, verificationCode: wrong } })
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      expect(result.errors![0]!.message).toBe('验证码错误')
      expect(result.errors![0]!.extensions?.remainingAttempts).toBe(5 - attempt)
    }
    expect(errorCodes(await t.execute(Register, { input: { ...input, verificationCode: wrong } }))).toEqual([
      'TOO_MANY_ATTEMPTS',
    ])
    const right = await t.execute(Register, { input })
    expect(errorCodes(right)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(await t.db.prisma.unit.count({ where: { name: input.name } })).toBe(0)
    const stored = await t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile: input.handlerMobile } })
    expect(stored.attempts).toBe(5)
  })

  it('refuses an expired code and a code for another purpose or mobile', async () => {
    const input = await withCode(registrationInput())
    await ageCodes(t.db.prisma, input.handlerMobile, 301)
    const expired = await t.execute(Register, { input })
    expect(errorCodes(expired)).toEqual(['BAD_USER_INPUT'])
    expect(expired.errors![0]!.message).toMatch(/已过期/)

    // A code sent to one number does not register with another.
    const other = await withCode(registrationInput())
    const result = await t.execute(Register, {
      input: { ...registrationInput(), verificationCode: other.verificationCode },
    })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.message).toMatch(/请先获取/)
  })
})

describe('public regions for the registration form', () => {
  it('lists provinces, cities and counties without a login; placeholders have no office', async () => {
    const provinces = await t.execute(Regions, {})
    expect(provinces.errors).toBeUndefined()
    expect(provinces.data?.regions.edges.map((edge) => edge.node.name)).toContain('河南省')
    const beijing = await t.execute(Regions, { parentCode: '110000' })
    const placeholder = beijing.data?.regions.edges.find((edge) => edge.node.code === '110100')
    expect(placeholder?.node).toMatchObject({ name: '市辖区', office: null })
    const qingfeng = (await t.execute(Regions, { parentCode: '410900' })).data?.regions.edges.find(
      (edge) => edge.node.code === '410922',
    )
    expect(qingfeng?.node.office).not.toBeNull()
  })
})

describe('updateUnitContacts (变更联系人)', () => {
  it('changes contacts (not the handler) with an optimistic lock and an audit row', async () => {
    const cookie = await t.login('qfyy')
    const loaded = (await t.execute(MyContacts, {}, { cookie })).data!.myUnitContacts
    const input = {
      handlerName: loaded.handlerName,
      handlerMobile: loaded.handlerMobile,
      handlerEmail: 'new-handler@example.com',
      handlerIdNumber: loaded.handlerIdNumber ?? makeIdNumber('410922'),
      landline: '0393-7229999',
      address: loaded.address,
      postcode: loaded.postcode,
      version: loaded.version,
    }
    const result = await t.execute(UpdateContacts, { input }, { cookie })
    expect(result.errors).toBeUndefined()
    expect(result.data?.updateUnitContacts).toMatchObject({
      handlerName: loaded.handlerName,
      landline: '0393-7229999',
      version: loaded.version + 1,
    })
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unit.updateContacts', subjectId: loaded.unitId },
      orderBy: { id: 'desc' },
    })
    expect(audit.before).toMatchObject({ handlerEmail: loaded.handlerEmail, version: loaded.version })
    expect(audit.after).toMatchObject({ handlerEmail: 'new-handler@example.com', version: loaded.version + 1 })
    expect(audit.regionPath).toBe('/100000/410000/410900/410922/')
    // The form got the masked number and sent it back: the stored number stays, and the log holds only the mask.
    expect(loaded.handlerIdNumber).toMatch(/^[0-9]{6}\*{8}[0-9]{3}[0-9X]$/)
    const stored = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: Number(loaded.unitId) } })
    expect(stored.handlerIdNumberMasked).toBe(loaded.handlerIdNumber)
    expect(JSON.stringify(audit.after)).not.toContain(openIdNumber('unit', stored.handlerIdNumberEnc)!)

    // The same stale version again: someone else saved in between.
    const stale = await t.execute(UpdateContacts, { input: { ...input, landline: '0393-7220000' } }, { cookie })
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    expect(stale.errors![0]!.message).toBe('单位信息已被他人修改，请刷新后重试')
  })

  it('refuses a new handler name or mobile (USE_HANDOVER: 经办人交接), even with a code, and changes nothing', async () => {
    const cookie = await t.login('qfzf')
    const loaded = (await t.execute(MyContacts, {}, { cookie })).data!.myUnitContacts
    const before = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: Number(loaded.unitId) } })
    const newMobile = freshMobile()
    const input = unchangedContacts(loaded)
    await t.execute(SendCode, { input: { mobile: newMobile, purpose: 'CONTACT_CHANGE' } }, { cookie })
    const code = await latestCode(t.db.prisma, newMobile)
    for (const change of [
      { handlerMobile: newMobile, verificationCode: code },
      { handlerName: '赵新经办' },
      { handlerName: '赵新经办', handlerMobile: newMobile, landline: '0393-7228888' },
    ]) {
      const result = await t.execute(UpdateContacts, { input: { ...input, ...change } }, { cookie })
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      const error = result.errors![0]!
      expect(error.message).toBe('经办人变更请使用“经办人交接”')
      expect(error.extensions?.reason).toBe('USE_HANDOVER')
      const fields = error.extensions?.fields as Record<string, string>
      if ('handlerName' in change) expect(fields.handlerName).toBe('经办人变更请使用“经办人交接”')
      if ('handlerMobile' in change) expect(fields.handlerMobile).toBe('经办人变更请使用“经办人交接”')
    }
    expect(await t.db.prisma.unit.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before)
    // The code was not taken either.
    const sent = await t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile: newMobile } })
    expect(sent.consumedAt).toBeNull()
  })

  it('refuses a new address or postcode (USE_UNIT_CHANGE: 单位信息变更, reviewed) and changes nothing', async () => {
    const cookie = await t.login('qfyy')
    const loaded = (await t.execute(MyContacts, {}, { cookie })).data!.myUnitContacts
    const before = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: Number(loaded.unitId) } })
    const input = unchangedContacts(loaded)
    for (const change of [
      { address: '河南省濮阳市清丰县健康路 99 号' },
      { postcode: '457399' },
      { address: '河南省濮阳市清丰县健康路 99 号', postcode: '457399', landline: '0393-7228888' },
    ]) {
      const result = await t.execute(UpdateContacts, { input: { ...input, ...change } }, { cookie })
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      const error = result.errors![0]!
      expect(error.extensions?.reason).toBe('USE_UNIT_CHANGE')
      const fields = error.extensions?.fields as Record<string, string>
      for (const field of Object.keys(change).filter((key) => key !== 'landline'))
        expect(fields[field]).toBe('单位地址变更请在“单位信息”申请，经同级编办审核')
    }
    expect(await t.db.prisma.unit.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before)
  })

  it('changes only the unit user’s own unit; staff and anonymous viewers cannot use it', async () => {
    const cookie = await t.login('pyjy')
    const other = await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民医院' } })
    const own = (await t.execute(MyContacts, {}, { cookie })).data!.myUnitContacts
    expect(own.unitName).toBe('濮阳市教育局')
    // Even with the other unit's version the change lands on the viewer's own unit (there is no unit argument).
    const input = {
      handlerName: own.handlerName,
      handlerMobile: own.handlerMobile,
      handlerEmail: 'pyjy-handler@example.com',
      handlerIdNumber: own.handlerIdNumber ?? makeIdNumber('410900'),
      address: own.address,
      postcode: own.postcode,
      version: other.version,
    }
    const result = await t.execute(UpdateContacts, { input: { ...input, version: own.version } }, { cookie })
    expect(result.errors).toBeUndefined()
    expect(result.data?.updateUnitContacts.unitId).toBe(own.unitId)
    const otherAfter = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: other.id } })
    expect(otherAfter.handlerEmail).toBe(other.handlerEmail)
    expect(otherAfter.version).toBe(other.version)

    const staff = await t.login('qingfeng')
    expect(errorCodes(await t.execute(UpdateContacts, { input }, { cookie: staff }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(MyContacts, {}, { cookie: staff }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(UpdateContacts, { input }))).toEqual(['UNAUTHENTICATED'])
  })
})

describe('developmentOutbox', () => {
  it('lists SMS and email newest first, for anyone, while the development outbox is on', async () => {
    const mobile = freshMobile()
    await t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } })
    const result = await t.execute(Outbox, { first: 5 })
    expect(result.errors).toBeUndefined()
    const newest = result.data!.developmentOutbox[0]!
    expect(newest).toMatchObject({ channel: 'SMS', address: mobile, template: 'verification.code' })
    expect(newest.body).toContain(await latestCode(t.db.prisma, mobile))
    expect(result.data!.developmentOutbox.every((message) => message.channel !== 'IN_APP')).toBe(true)
    expect(errorCodes(await t.execute(Outbox, { first: 500 }))).toEqual(['BAD_USER_INPUT'])
  })

  it('is FORBIDDEN when the server runs without it', async () => {
    const mutable = config as unknown as { devOutbox: boolean }
    const saved = mutable.devOutbox
    expect((await t.execute(OutboxEnabled, {})).data?.developmentOutboxEnabled).toBe(true)
    mutable.devOutbox = false
    try {
      const result = await t.execute(Outbox, {})
      expect(errorCodes(result)).toEqual(['FORBIDDEN'])
      expect((await t.execute(OutboxEnabled, {})).data?.developmentOutboxEnabled).toBe(false)
    } finally {
      mutable.devOutbox = saved
    }
  })
})
