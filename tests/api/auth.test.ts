// Password login, sessions, logout, the per-address throttle, and integrator API tokens (locks and delays per
// account: login-throttle.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const Login = graphql(`
  mutation TestLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
      user {
        username
        role
      }
    }
  }
`)

const Me = graphql(`
  query TestMe {
    me {
      username
      displayName
      role
      unit {
        name
        region {
          fullName
        }
      }
      office {
        name
        level
        region {
          fullName
          code
        }
      }
    }
  }
`)

const Logout = graphql(`
  mutation TestLogout {
    logout
  }
`)

const CreateToken = graphql(`
  mutation TestCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        prefix
        access
        revokedAt
        lastUsedAt
      }
    }
  }
`)

const RevokeToken = graphql(`
  mutation TestRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`)

const UnitCount = graphql(`
  query TestUnitCount {
    units {
      totalCount
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

describe('login', () => {
  it('sets an httpOnly session cookie and does not put the session in the body', async () => {
    const result = await t.execute(Login, { input: { username: 'QingFeng ', password: 'Demo@2026' } })
    expect(result.errors).toBeUndefined()
    expect(result.data?.login.user).toEqual({ username: 'qingfeng', role: 'OFFICE_STAFF' })
    const cookie = result.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^conac_session=s_[A-Za-z0-9_-]{20,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(JSON.stringify(result.data)).not.toContain(cookie.split(';')[0]!.split('=')[1])
    const attempts = await t.db.prisma.loginAttempt.count({ where: { username: 'qingfeng', succeeded: true } })
    expect(attempts).toBe(1)
    const audit = await t.db.prisma.auditLog.findFirst({
      where: {
        action: 'auth.login',
        subjectId: String((await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })).id),
      },
    })
    expect(audit?.regionPath).toBe('/100000/410000/410900/410922/')
  })

  it('me shows each role its unit or office and region path', async () => {
    const expectations = [
      {
        username: 'qingfeng',
        role: 'OFFICE_STAFF',
        org: '河南省濮阳市清丰县机构编制委员会办公室',
        region: '河南省 / 濮阳市 / 清丰县',
      },
      { username: 'puyang', role: 'OFFICE_STAFF', org: '河南省濮阳市机构编制委员会办公室', region: '河南省 / 濮阳市' },
      { username: 'henan', role: 'OFFICE_STAFF', org: '河南省机构编制委员会办公室', region: '河南省' },
      {
        username: 'conac',
        role: 'CONAC_STAFF',
        org: '中央编办政务和公益机构域名注册管理中心（CONAC）',
        region: '中华人民共和国',
      },
      { username: 'qfzf', role: 'UNIT_USER', org: '清丰县人民政府办公室', region: '河南省 / 濮阳市 / 清丰县' },
      { username: 'sjzsl', role: 'UNIT_USER', org: '石家庄市水利局', region: '河北省 / 石家庄市' },
    ]
    for (const expected of expectations) {
      const cookie = await t.login(expected.username)
      const { data, errors } = await t.execute(Me, {}, { cookie })
      expect(errors).toBeUndefined()
      expect(data?.me?.role).toBe(expected.role)
      const org = data?.me?.unit ?? data?.me?.office
      expect(org?.name).toBe(expected.org)
      expect(org?.region.fullName).toBe(expected.region)
    }
  })

  it('me is null for an anonymous viewer', async () => {
    const result = await t.execute(Me, {})
    expect(result.errors).toBeUndefined()
    expect(result.data?.me).toBeNull()
  })

  it('rejects a wrong password and an unknown name with the same code', async () => {
    const wrong = await t.execute(Login, { input: { username: 'nanle', password: 'wrong' } })
    const unknown = await t.execute(Login, { input: { username: 'nobody-here', password: 'wrong' } })
    expect(errorCodes(wrong)).toEqual(['INVALID_CREDENTIALS'])
    expect(errorCodes(unknown)).toEqual(['INVALID_CREDENTIALS'])
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    expect(wrong.errors?.[0]?.extensions?.remainingAttempts).toBe(4)
  })

  it('rejects empty and oversized input as BAD_USER_INPUT', async () => {
    const result = await t.execute(Login, { input: { username: '', password: 'x'.repeat(200) } })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(result.errors?.[0]?.extensions?.fields as object)).toEqual(['username', 'password'])
  })

  it('ends an existing session when its account is disabled', async () => {
    const cookie = await t.login('pyjy')
    await t.db.prisma.user.update({ where: { username: 'pyjy' }, data: { status: 'DISABLED' } })
    expect(errorCodes(await t.execute(Me, {}, { cookie }))).toEqual(['ACCOUNT_DISABLED'])
    expect(errorCodes(await t.execute(Login, { input: { username: 'pyjy', password: 'Demo@2026' } }))).toEqual([
      'ACCOUNT_DISABLED',
    ])
    await t.db.prisma.user.update({ where: { username: 'pyjy' }, data: { status: 'ACTIVE' } })
  })

  it('throttles an address that keeps failing, whatever names it tries', async () => {
    const ip = '203.0.113.9'
    const codes: (string | undefined)[] = []
    for (let i = 0; i < 21; i++) {
      codes.push(...errorCodes(await t.execute(Login, { input: { username: `guess-${i}`, password: 'x' } }, { ip })))
    }
    expect(codes.slice(0, 20).every((code) => code === 'INVALID_CREDENTIALS')).toBe(true)
    expect(codes[20]).toBe('TOO_MANY_ATTEMPTS')
    // Even the right password from that address waits; another address is unaffected.
    expect(errorCodes(await t.execute(Login, { input: { username: 'qfyy', password: 'Demo@2026' } }, { ip }))).toEqual([
      'TOO_MANY_ATTEMPTS',
    ])
    expect(
      errorCodes(
        await t.execute(Login, { input: { username: 'qfyy', password: 'Demo@2026' } }, { ip: '203.0.113.10' }),
      ),
    ).toEqual([])
  })
})

describe('sessions', () => {
  it('logout revokes the session and clears the cookie', async () => {
    const cookie = await t.login('qfzf')
    const result = await t.execute(Logout, {}, { cookie })
    expect(result.data?.logout).toBe(true)
    expect(result.headers.get('set-cookie')).toMatch(/^conac_session=; .*Max-Age=0/)
    expect(errorCodes(await t.execute(Me, {}, { cookie }))).toEqual(['SESSION_EXPIRED'])
    expect(errorCodes(await t.execute(UnitCount, {}, { cookie }))).toEqual(['SESSION_EXPIRED'])
  })

  it('expires a session at its absolute end and after idling', async () => {
    const absolute = await t.login('qfzf')
    await t.db.prisma.session.updateMany({
      where: { user: { username: 'qfzf' }, revokedAt: null },
      data: { createdAt: new Date(Date.now() - 13 * 3_600_000), expiresAt: new Date(Date.now() - 1000) },
    })
    expect(errorCodes(await t.execute(Me, {}, { cookie: absolute }))).toEqual(['SESSION_EXPIRED'])

    const idle = await t.login('qfzf')
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000)
    await t.db.prisma.session.updateMany({
      where: { user: { username: 'qfzf' }, expiresAt: { gt: new Date() } },
      data: { lastSeenAt: threeHoursAgo, createdAt: threeHoursAgo },
    })
    expect(errorCodes(await t.execute(Me, {}, { cookie: idle }))).toEqual(['SESSION_EXPIRED'])
  })

  it('answers a garbage or unknown cookie with SESSION_INVALID on protected fields', async () => {
    for (const cookie of ['conac_session=garbage!!', 'conac_session=s_thisSessionDoesNotExist12345']) {
      expect(errorCodes(await t.execute(Me, {}, { cookie }))).toEqual(['SESSION_INVALID'])
      const units = await t.execute(UnitCount, {}, { cookie })
      expect(errorCodes(units)).toEqual(['SESSION_INVALID'])
      expect(units.data).toBeNull()
    }
  })

  it('answers no cookie at all with UNAUTHENTICATED on protected fields', async () => {
    expect(errorCodes(await t.execute(UnitCount, {}))).toEqual(['UNAUTHENTICATED'])
  })
})

describe('API tokens', () => {
  it('are created once by office staff, authenticate as their office, and stop working when revoked', async () => {
    const cookie = await t.login('puyang')
    const created = await t.execute(CreateToken, { input: { name: '濮阳市统计对接', access: 'READ_ONLY' } }, { cookie })
    expect(created.errors).toBeUndefined()
    const token = created.data!.createApiToken.token
    expect(token).toMatch(/^conac_/)
    expect(created.data!.createApiToken.apiToken.prefix).toBe(token.slice(0, 12))
    const stored = await t.db.prisma.apiToken.findFirstOrThrow({ where: { name: '濮阳市统计对接' } })
    expect(stored.tokenHash).not.toContain(token) // only the hash is at rest
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)

    const asToken = await t.execute(UnitCount, {}, { token })
    expect(asToken.errors).toBeUndefined()
    const cityUnits = await t.db.prisma.unit.count({
      where: { region: { path: { startsWith: '/100000/410000/410900/' } } },
    })
    expect(asToken.data?.units.totalCount).toBe(cityUnits)
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: stored.id } })).lastUsedAt).not.toBeNull()

    // A read-only token cannot write, and no token can mint tokens.
    const mint = await t.execute(CreateToken, { input: { name: '再造一个', access: 'READ_WRITE' } }, { token })
    expect(errorCodes(mint)).toEqual(['FORBIDDEN'])

    const revoked = await t.execute(RevokeToken, { id: String(stored.id) }, { cookie })
    expect(revoked.data?.revokeApiToken.revokedAt).toEqual(expect.any(String))
    const after = await t.execute(UnitCount, {}, { token })
    expect(after.status).toBe(401)
    expect(errorCodes(after)).toEqual(['INVALID_TOKEN'])
  })

  it('cannot be created by a unit user or revoked by another office', async () => {
    const unitCookie = await t.login('qfzf')
    expect(
      errorCodes(
        await t.execute(CreateToken, { input: { name: '单位令牌', access: 'READ_ONLY' } }, { cookie: unitCookie }),
      ),
    ).toEqual(['FORBIDDEN'])
    expect(await t.db.prisma.apiToken.count({ where: { name: '单位令牌' } })).toBe(0)

    const henan = await t.login('henan')
    const created = await t.execute(
      CreateToken,
      { input: { name: '河南令牌', access: 'READ_WRITE' } },
      { cookie: henan },
    )
    const id = created.data!.createApiToken.apiToken.id
    const hebei = await t.login('nanle')
    expect(errorCodes(await t.execute(RevokeToken, { id }, { cookie: hebei }))).toEqual(['NOT_FOUND'])
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: Number(id) } })).revokedAt).toBeNull()
  })

  it('rejects a malformed, unknown or expired bearer token with 401 INVALID_TOKEN', async () => {
    for (const token of ['nonsense', 'conac_doesNotExist1234567890', 'a b c']) {
      const result = await t.execute(UnitCount, {}, { token })
      expect(result.status).toBe(401)
      expect(errorCodes(result)).toEqual(['INVALID_TOKEN'])
    }
    const cookie = await t.login('conac')
    const created = await t.execute(
      CreateToken,
      { input: { name: '过期令牌', access: 'READ_ONLY', expiresInDays: 1 } },
      { cookie },
    )
    await t.db.prisma.apiToken.update({
      where: { id: Number(created.data!.createApiToken.apiToken.id) },
      data: { expiresAt: new Date(Date.now() - 1) },
    })
    const expired = await t.execute(UnitCount, {}, { token: created.data!.createApiToken.token })
    expect(errorCodes(expired)).toEqual(['INVALID_TOKEN'])
    expect(expired.errors?.[0]?.message).toBe('令牌已过期')
  })
})
