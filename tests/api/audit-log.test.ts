// 操作日志: offices read the audit rows of their region subtree, CONAC every row (also those without a region);
// unit users are refused, anonymous callers asked to log in; a subject filter gives one item's timeline;
// secrets (password/token hashes, codes) never leave the API; the client address is shown to CONAC only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const CreateToken = graphql(`
  mutation TestAuditCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`)

const RevokeToken = graphql(`
  mutation TestAuditRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`)

const Logout = graphql(`
  mutation TestAuditLogout {
    logout
  }
`)

const AuditLogs = graphql(`
  query TestAuditLogs($first: Int, $after: String, $filter: AuditLogFilter) {
    auditLogs(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          subjectType
          subjectId
          at
          actor {
            displayName
            role
          }
          actorTokenName
          before
          after
          ip
        }
      }
    }
  }
`)

const QINGFENG = '/100000/410000/410900/410922/'
const NANLE = '/100000/410000/410900/410923/'
const HEBEI = '/100000/130000/'

let t: TestApp
let cookies: Record<string, string>
let qingfengTokenId: string
let hebeiTokenId: string
let qingfengToken: string

type Node = {
  id: string
  action: string
  subjectType: string
  subjectId?: string | null
  before?: string | null
  after?: string | null
  ip?: string | null
}

async function all(cookie: string | { token: string }, filter?: Record<string, unknown>) {
  const nodes: Node[] = []
  let after: string | null | undefined
  let totalCount: number
  for (;;) {
    const credentials = typeof cookie === 'string' ? { cookie } : cookie
    const result = await t.execute(AuditLogs, { first: 100, after, filter }, credentials)
    expect(result.errors).toBeUndefined()
    const page = result.data!.auditLogs
    totalCount = page.totalCount
    nodes.push(...page.edges.map((e) => e.node))
    if (!page.pageInfo.hasNextPage) break
    after = page.pageInfo.endCursor
  }
  expect(nodes).toHaveLength(totalCount)
  return nodes
}

async function pathsOf(nodes: Node[]) {
  const rows = await t.db.prisma.auditLog.findMany({
    where: { id: { in: nodes.map((n) => Number(n.id)) } },
    select: { regionPath: true },
  })
  return rows.map((r) => r.regionPath)
}

beforeAll(async () => {
  t = await createTestApp()
  cookies = {}
  for (const name of ['conac', 'puyang', 'qingfeng', 'nanle', 'hebei', 'qfzf', 'sjzsl'])
    cookies[name] = await t.login(name)

  // 清丰县: a token created and revoked by the county office (apiToken.create, apiToken.revoke on its path).
  const created = await t.execute(
    CreateToken,
    { input: { name: '清丰对接', access: 'READ_ONLY' } },
    { cookie: cookies.qingfeng! },
  )
  expect(created.errors).toBeUndefined()
  qingfengTokenId = created.data!.createApiToken.apiToken.id
  qingfengToken = created.data!.createApiToken.token
  const revoked = await t.execute(RevokeToken, { id: qingfengTokenId }, { cookie: cookies.qingfeng! })
  expect(revoked.errors).toBeUndefined()
  // 河北省: a token of the province office.
  const hebei = await t.execute(
    CreateToken,
    { input: { name: '河北对接', access: 'READ_ONLY' } },
    { cookie: cookies.hebei! },
  )
  expect(hebei.errors).toBeUndefined()
  hebeiTokenId = hebei.data!.createApiToken.apiToken.id
  // An event without a region (auth.logout).
  const someone = await t.login('henan')
  expect((await t.execute(Logout, {}, { cookie: someone })).errors).toBeUndefined()
  // Rows as a careless writer might leave them: secrets in before/after, in 清丰 and nowhere.
  await t.db.prisma.auditLog.createMany({
    data: [
      {
        action: 'test.secret',
        subjectType: 'User',
        subjectId: '999',
        regionPath: QINGFENG,
        before: { passwordHash: 'scrypt$SECRET-PASSWORD-HASH', nested: { tokenHash: 'SECRET-TOKEN-HASH' } },
        after: { codeHash: 'SECRET-CODE-HASH', code: '123456', list: [{ secret: 'SECRET-RAW' }], name: 'visible' },
        ip: '198.51.100.7',
      },
      { action: 'test.system', subjectType: 'JobRun', subjectId: '1', regionPath: null, after: { ok: true } },
    ],
  })
})
afterAll(() => t?.close())

describe('auditLogs scope', () => {
  it('a county office sees its own rows only', async () => {
    const nodes = await all(cookies.qingfeng!)
    const paths = await pathsOf(nodes)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((p) => p?.startsWith(QINGFENG))).toBe(true)
    expect(nodes.some((n) => n.subjectType === 'ApiToken' && n.subjectId === qingfengTokenId)).toBe(true)
    expect(nodes.some((n) => n.subjectId === hebeiTokenId && n.subjectType === 'ApiToken')).toBe(false)
    // its own login, not nanle's nor the unit's in 河北
    expect(nodes.some((n) => n.action === 'auth.login')).toBe(true)
  })

  it('a city office sees its counties, not another province', async () => {
    const paths = await pathsOf(await all(cookies.puyang!))
    expect(paths.some((p) => p?.startsWith(QINGFENG))).toBe(true)
    expect(paths.some((p) => p?.startsWith(NANLE))).toBe(true)
    expect(paths.every((p) => p?.startsWith('/100000/410000/410900/'))).toBe(true)
  })

  it('another province sees only its own', async () => {
    const nodes = await all(cookies.hebei!)
    const paths = await pathsOf(nodes)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((p) => p?.startsWith(HEBEI))).toBe(true)
    expect(nodes.some((n) => n.subjectId === hebeiTokenId && n.action === 'apiToken.create')).toBe(true)
    // the 河北 unit user's login is in the province's subtree
    expect(nodes.filter((n) => n.action === 'auth.login').length).toBeGreaterThanOrEqual(2)
  })

  it('CONAC sees every row, also those without a region, with the client address', async () => {
    const nodes = await all(cookies.conac!)
    expect(nodes.length).toBe(await t.db.prisma.auditLog.count())
    expect(nodes.some((n) => n.action === 'auth.logout')).toBe(true)
    expect(nodes.some((n) => n.action === 'test.system')).toBe(true)
    expect(nodes.find((n) => n.action === 'test.secret')!.ip).toBe('198.51.100.7')
    // newest first
    const ids = nodes.map((n) => Number(n.id))
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
  })

  it('offices do not see the client address', async () => {
    const nodes = await all(cookies.qingfeng!)
    expect(nodes.find((n) => n.action === 'test.secret')).toBeDefined()
    expect(nodes.every((n) => n.ip === null)).toBe(true)
  })

  it('an office API token reads the same subtree', async () => {
    const token = await t.execute(
      CreateToken,
      { input: { name: '濮阳对接', access: 'READ_ONLY' } },
      { cookie: cookies.puyang! },
    )
    expect(token.errors).toBeUndefined()
    const nodes = await all({ token: token.data!.createApiToken.token })
    const paths = await pathsOf(nodes)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((p) => p?.startsWith('/100000/410000/410900/'))).toBe(true)
    expect(qingfengToken).toBeTruthy()
  })

  it('unit users are refused and anonymous callers asked to log in', async () => {
    for (const name of ['qfzf', 'sjzsl']) {
      const result = await t.execute(AuditLogs, { first: 10 }, { cookie: cookies[name]! })
      expect(errorCodes(result)).toContain('FORBIDDEN')
      expect(result.data?.auditLogs ?? null).toBeNull()
    }
    const anonymous = await t.execute(AuditLogs, { first: 10 })
    expect(errorCodes(anonymous)).toContain('UNAUTHENTICATED')
  })
})

describe('auditLogs filters', () => {
  it('a subject filter gives that item’s timeline, newest first, with the actor', async () => {
    const nodes = await all(cookies.qingfeng!, { subjectType: 'ApiToken', subjectId: qingfengTokenId })
    expect(nodes.map((n) => n.action)).toEqual(['apiToken.revoke', 'apiToken.create'])
    const result = await t.execute(
      AuditLogs,
      { first: 10, filter: { subjectType: 'ApiToken', subjectId: qingfengTokenId } },
      { cookie: cookies.qingfeng! },
    )
    const [revoke, create] = result.data!.auditLogs.edges.map((e) => e.node)
    expect(create!.actor).toEqual({ displayName: '清丰县编办 全部角色', role: 'OFFICE_STAFF' })
    expect(JSON.parse(create!.after!)).toMatchObject({ name: '清丰对接', access: 'READ_ONLY' })
    expect(JSON.parse(revoke!.before!)).toEqual({ revokedAt: null })
    // another office cannot read that timeline
    expect(await all(cookies.hebei!, { subjectType: 'ApiToken', subjectId: qingfengTokenId })).toEqual([])
  })

  it('filters by action and date range', async () => {
    const logins = await all(cookies.conac!, { action: 'auth.login' })
    expect(logins.length).toBeGreaterThanOrEqual(8)
    expect(logins.every((n) => n.action === 'auth.login')).toBe(true)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    expect(await all(cookies.conac!, { from: future })).toEqual([])
    const past = new Date(Date.now() - 3_600_000).toISOString()
    expect(await all(cookies.conac!, { to: past, action: 'test.system' })).toEqual([])
    expect((await all(cookies.conac!, { from: past, action: 'test.system' })).length).toBe(1)
  })

  it('pages with first/after', async () => {
    const first = await t.execute(AuditLogs, { first: 2 }, { cookie: cookies.conac! })
    const page = first.data!.auditLogs
    expect(page.edges).toHaveLength(2)
    expect(page.pageInfo.hasNextPage).toBe(true)
    const second = await t.execute(AuditLogs, { first: 2, after: page.pageInfo.endCursor }, { cookie: cookies.conac! })
    const ids = [...page.edges, ...second.data!.auditLogs.edges].map((e) => Number(e.node.id))
    expect(new Set(ids).size).toBe(4)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
  })
})

describe('auditLogs redaction', () => {
  it('never returns password or token hashes or codes', async () => {
    const nodes = await all(cookies.conac!)
    const text = JSON.stringify(nodes)
    for (const secret of ['SECRET-PASSWORD-HASH', 'SECRET-TOKEN-HASH', 'SECRET-CODE-HASH', 'SECRET-RAW', '123456'])
      expect(text).not.toContain(secret)
    expect(text).not.toMatch(/passwordHash|tokenHash|codeHash/)
    const row = nodes.find((n) => n.action === 'test.secret')!
    expect(JSON.parse(row.after!)).toEqual({ list: [{}], name: 'visible' })
    expect(JSON.parse(row.before!)).toEqual({ nested: {} })
    // nor the real hashes stored for users and tokens
    const users = await t.db.prisma.user.findMany({ select: { passwordHash: true } })
    const tokens = await t.db.prisma.apiToken.findMany({ select: { tokenHash: true } })
    for (const hash of [...users.map((u) => u.passwordHash), ...tokens.map((k) => k.tokenHash)])
      if (hash) expect(text).not.toContain(hash)
  })
})
