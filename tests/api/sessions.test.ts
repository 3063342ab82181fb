// 我的登录设备 (issue 17): a person sees their own live sessions (device, address, last use, 当前设备) and ends any of
// them, or all the others at once. Another person's session id is NOT_FOUND and stays live; an ended session's
// cookie is SESSION_EXPIRED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const MySessions = graphql(`
  query TestMySessions {
    mySessions {
      id
      browser
      os
      deviceKind
      ip
      createdAt
      lastSeenAt
      current
    }
  }
`)

const EndSession = graphql(`
  mutation TestEndSession($id: ID!) {
    endSession(id: $id)
  }
`)

const EndOthers = graphql(`
  mutation TestEndOtherSessions {
    endOtherSessions
  }
`)

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

/** Logs in from a browser (user agent) and an address; returns the cookie. */
async function loginFrom(username: string, userAgent: string, ip: string): Promise<string> {
  const response = await t.post(
    JSON.stringify({
      query: 'mutation Login($input: LoginInput!) { login(input: $input) { expiresAt } }',
      variables: { input: { username, password: DEMO_PASSWORD } },
    }),
    { 'user-agent': userAgent, 'x-test-client-address': ip },
  )
  const cookie = response.headers.get('set-cookie')
  if (!cookie) throw new Error(`login as ${username} failed`)
  return cookie.split(';')[0]!
}

describe('mySessions', () => {
  it('lists the person’s own live sessions with device, address and the current one marked', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const desk = await loginFrom(user.username, CHROME_WINDOWS, '198.51.100.21')
    await loginFrom(user.username, SAFARI_IPHONE, '198.51.100.22')
    await t.login('qfyy') // someone else's session: not listed
    const result = await t.execute(MySessions, {}, { cookie: desk })
    expect(result.errors).toBeUndefined()
    const rows = result.data!.mySessions
    expect(rows).toHaveLength(2)
    expect(rows.find((row) => row.current)).toMatchObject({
      browser: 'Chrome 120',
      os: 'Windows 10',
      deviceKind: '电脑',
      ip: '198.51.100.21',
    })
    expect(rows.find((row) => !row.current)).toMatchObject({
      browser: 'Safari 17',
      os: 'iOS 17.4',
      deviceKind: '手机',
      ip: '198.51.100.22',
    })
  })
})

describe('endSession', () => {
  it('ends one of the person’s own sessions: its cookie is SESSION_EXPIRED, endedReason BY_USER', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const here = await loginFrom(user.username, CHROME_WINDOWS, '198.51.100.23')
    const there = await loginFrom(user.username, SAFARI_IPHONE, '198.51.100.24')
    const rows = (await t.execute(MySessions, {}, { cookie: here })).data!.mySessions
    const other = rows.find((row) => !row.current)!
    const ended = await t.execute(EndSession, { id: other.id }, { cookie: here })
    expect(ended.errors).toBeUndefined()
    expect(ended.data!.endSession).toBe(true)
    expect(errorCodes(await t.execute(MySessions, {}, { cookie: there }))).toEqual(['SESSION_EXPIRED'])
    expect(await t.db.prisma.session.findUniqueOrThrow({ where: { id: Number(other.id) } })).toMatchObject({
      endedReason: 'BY_USER',
      revokedAt: expect.any(Date),
    })
    // Ending it again: it is no longer a live session of theirs.
    expect(errorCodes(await t.execute(EndSession, { id: other.id }, { cookie: here }))).toEqual(['NOT_FOUND'])
    expect((await t.execute(MySessions, {}, { cookie: here })).data!.mySessions).toHaveLength(1)
  })

  it('answers NOT_FOUND for another person’s session, which stays live', async () => {
    const owner = await makeUserLike(t, 'qfyy')
    const intruder = await makeUserLike(t, 'qfzf')
    const ownerCookie = await t.login(owner.username)
    const ownerSession = (await t.execute(MySessions, {}, { cookie: ownerCookie })).data!.mySessions[0]!
    const intruderCookie = await t.login(intruder.username)
    const result = await t.execute(EndSession, { id: ownerSession.id }, { cookie: intruderCookie })
    expect(errorCodes(result)).toEqual(['NOT_FOUND'])
    expect((await t.execute(MySessions, {}, { cookie: ownerCookie })).errors).toBeUndefined()
    // Staff cannot end a unit user's session this way either.
    const staff = await t.login('qingfeng')
    expect(errorCodes(await t.execute(EndSession, { id: ownerSession.id }, { cookie: staff }))).toEqual(['NOT_FOUND'])
    expect(await t.db.prisma.session.findUniqueOrThrow({ where: { id: Number(ownerSession.id) } })).toMatchObject({
      revokedAt: null,
    })
  })

  it('may end the session in use, which is then signed out', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const cookie = await t.login(user.username)
    const own = (await t.execute(MySessions, {}, { cookie })).data!.mySessions[0]!
    expect((await t.execute(EndSession, { id: own.id }, { cookie })).data!.endSession).toBe(true)
    expect(errorCodes(await t.execute(MySessions, {}, { cookie }))).toEqual(['SESSION_EXPIRED'])
  })
})

describe('endOtherSessions', () => {
  it('ends every other session of the person, keeps this one, and touches nobody else’s', async () => {
    const user = await makeUserLike(t, 'qfyy')
    const bystander = await makeUserLike(t, 'qfyy')
    const bystanderCookie = await t.login(bystander.username)
    const keep = await t.login(user.username)
    const others = [await t.login(user.username), await t.login(user.username)]
    const result = await t.execute(EndOthers, {}, { cookie: keep })
    expect(result.errors).toBeUndefined()
    expect(result.data!.endOtherSessions).toBe(2)
    for (const cookie of others)
      expect(errorCodes(await t.execute(MySessions, {}, { cookie }))).toEqual(['SESSION_EXPIRED'])
    const left = (await t.execute(MySessions, {}, { cookie: keep })).data!.mySessions
    expect(left.map((row) => row.current)).toEqual([true])
    expect((await t.execute(MySessions, {}, { cookie: bystanderCookie })).errors).toBeUndefined()
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'auth.endOtherSessions', subjectId: String(user.id) } }),
    ).toBe(1)
    expect((await t.execute(EndOthers, {}, { cookie: keep })).data!.endOtherSessions).toBe(0)
  })
})
