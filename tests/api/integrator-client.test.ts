// The integrators' typed client (docs/client): its example runs against the API with a read-only token and prints
// figures that match the database; errors arrive as ApiError with their codes; paginate() walks every page; and the
// committed generated documents are exactly what codegen makes from today's schema.graphql.
import { generate } from '@graphql-codegen/cli'
import type { CodegenConfig } from '@graphql-codegen/cli'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, createClient, paginate } from '../../docs/client/client.ts'
import { main, yuan } from '../../docs/client/example.ts'
import { ReviewDomainDocument, UnitsDocument, ViewerDocument } from '../../docs/client/generated/graphql.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createApp } from '../../server/src/yoga.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { repositoryRoot } from '../testkit/paths.ts'

const CreateToken = graphql(`
  mutation TestIntegratorCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

const ApplyForDomain = graphql(`
  mutation TestIntegratorApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      fullName
      status
    }
  }
`)

let t: TestApp
let token: string
let puyangPath: string
const fetchFromTestApp = (_url: string, init: RequestInit) =>
  Promise.resolve(t.app.fetch('http://test.local/graphql', init))

beforeAll(async () => {
  t = await createTestApp()
  const cookie = await t.login('puyang')
  const created = await t.execute(CreateToken, { input: { name: '对接示例', access: 'READ_ONLY' } }, { cookie })
  expect(created.errors).toBeUndefined()
  token = created.data!.createApiToken.token
  const office = await t.db.prisma.office.findUniqueOrThrow({
    where: { regionCode: '410900' },
    include: { region: true },
  })
  puyangPath = office.region.path

  // A city-level application, so 濮阳's own review queue is not empty.
  const applied = await t.execute(
    ApplyForDomain,
    { input: { name: '濮阳教育对接', suffix: 'ZHENGWU', years: 1 } },
    { cookie: await t.login('pyjy') },
  )
  expect(applied.errors).toBeUndefined()
})

afterAll(() => t?.close())

describe('docs/client/example.ts', () => {
  it('prints the region, its statistics, review queues, units and recent domains as the database has them', async () => {
    const lines: string[] = []
    await main({ url: 'http://test.local', token, fetch: fetchFromTestApp, log: (line) => lines.push(line) })
    const output = lines.join('\n')

    const inSubtree = { region: { path: { startsWith: puyangPath } } }
    const units = await t.db.prisma.unit.findMany({ where: inSubtree, select: { name: true } })
    const registered = await t.db.prisma.domain.count({ where: { status: 'REGISTERED', unit: inSubtree } })
    const allDomains = await t.db.prisma.domain.count({ where: { unit: inSubtree } })
    const pendingHere = await t.db.prisma.domain.count({
      where: { status: 'PENDING_OFFICE_REVIEW', unit: { region: { path: puyangPath } } },
    })
    expect(units.length).toBeGreaterThan(1)
    expect(pendingHere).toBeGreaterThan(0)

    expect(output).toContain('令牌所属编办：河南省濮阳市机构编制委员会办公室（河南省 / 濮阳市）')
    expect(output).toContain(`注册单位：${units.length} 个`)
    expect(output).toMatch(new RegExp(`域名：共 ${allDomains} 个，.*注册成功 ${registered} 个`))
    expect(output).toMatch(new RegExp(`域名审核：${pendingHere} 个`))
    // 区域统计's children: 清丰县 with its own units.
    const qingfengUnits = await t.db.prisma.unit.count({
      where: { region: { path: { startsWith: `${puyangPath}410922/` } } },
    })
    expect(qingfengUnits).toBeGreaterThan(0)
    expect(output).toMatch(new RegExp(`  清丰县：单位 ${qingfengUnits}，域名 \\d+，收费 ¥`))
    for (const unit of units) expect(output).toContain(`- ${unit.name}（`)
    // Nothing outside the subtree: 石家庄市水利局 belongs to 河北省.
    expect(output).not.toContain('石家庄市水利局')
    expect(output).toMatch(/== 最近的域名 ==\n- 濮阳教育对接\.政务 {2}待审核 {2}濮阳市教育局/)
  })

  it('formats fen as yuan without floating point', () => {
    expect(yuan(30000)).toBe('¥300.00')
    expect(yuan(123456789)).toBe('¥1,234,567.89')
    expect(yuan(-5)).toBe('-¥0.05')
  })
})

describe('docs/client/client.ts', () => {
  it('pages through a connection with paginate() and finds every unit of the subtree once', async () => {
    const client = createClient({ url: 'http://test.local/graphql', token, fetch: fetchFromTestApp })
    const names: string[] = []
    for await (const unit of paginate(client, UnitsDocument, {}, (data) => data.units, 2)) names.push(unit.name)
    const expected = await t.db.prisma.unit.findMany({
      where: { region: { path: { startsWith: puyangPath } } },
      select: { name: true },
    })
    expect(expected.length).toBeGreaterThan(2) // more than one page
    expect([...names].sort()).toEqual(expected.map((unit) => unit.name).sort())
  })

  it('throws ApiError INVALID_TOKEN (HTTP 401) for an unknown token', async () => {
    const client = createClient({
      url: 'http://test.local',
      token: 'not-a-real-token-0123456789',
      fetch: fetchFromTestApp,
    })
    const error = await client.request(ViewerDocument).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).codes).toEqual(['INVALID_TOKEN'])
    expect((error as ApiError).status).toBe(401)
  })

  it('throws ApiError FORBIDDEN for a mutation with a read-only token', async () => {
    const client = createClient({ url: 'http://test.local', token, fetch: fetchFromTestApp })
    const pending = await t.db.prisma.domain.findFirstOrThrow({
      where: { status: 'PENDING_OFFICE_REVIEW', unit: { region: { path: puyangPath } } },
    })
    const error = await client
      .request(ReviewDomainDocument, {
        input: { id: String(pending.id), decision: 'APPROVE', version: pending.version },
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).codes).toEqual(['FORBIDDEN'])
    // Refused, not performed.
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
      'PENDING_OFFICE_REVIEW',
    )
  })

  it("reads the token's rate-limit headers, and a real 429 RATE_LIMITED with Retry-After", async () => {
    const client = createClient({ url: 'http://test.local', token, fetch: fetchFromTestApp })
    await client.request(ViewerDocument)
    const first = client.rateLimit()!
    expect(first.cost).toBeGreaterThan(0)
    expect(first.remaining).toBeLessThanOrEqual(first.limit! - first.cost!)

    // An app over the same database whose token budget holds this query once per (frozen) hour.
    const tight = createApp({
      prisma: t.db.prisma,
      graphiql: false,
      trustedDocuments: { enforce: false },
      rateLimit: { points: first.cost! + 1, windowSeconds: 3600, now: () => 0 },
    })
    const tightClient = createClient({
      url: 'http://test.local',
      token,
      fetch: (_url, init) => Promise.resolve(tight.fetch('http://test.local/graphql', init)),
    })
    await tightClient.request(ViewerDocument)
    const error = (await tightClient.request(ViewerDocument).catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(429)
    expect(error.codes).toEqual(['RATE_LIMITED'])
    expect(error.rateLimit.retryAfterSeconds).toBeGreaterThan(0)
    expect(error.rateLimit.remaining).toBe(1)
  })

  it('surfaces 429 RATE_LIMITED from any server: status, code and headers', async () => {
    const limited = () =>
      Promise.resolve(
        new Response(JSON.stringify({ errors: [{ message: '请求过于频繁', extensions: { code: 'RATE_LIMITED' } }] }), {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'retry-after': '17',
            'x-ratelimit-limit': '1000',
            'x-ratelimit-remaining': '0',
          },
        }),
      )
    const client = createClient({ url: 'http://api.example', token: 'whatever-token-123', fetch: limited })
    const error = (await client.request(ViewerDocument).catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(429)
    expect(error.codes).toEqual(['RATE_LIMITED'])
    expect(error.rateLimit).toMatchObject({ retryAfterSeconds: 17, limit: 1000, remaining: 0 })
  })
})

describe('docs/client/generated', () => {
  it('is what codegen makes from schema.graphql today (run `CODEGEN_TARGET=client npm run codegen` after a schema change)', async () => {
    // The client target of codegen.ts itself, written to a temporary folder instead of docs/client/generated.
    const previousTarget = process.env.CODEGEN_TARGET
    process.env.CODEGEN_TARGET = 'client'
    const { default: config } = (await import('../../codegen.ts')) as { default: CodegenConfig }
    if (previousTarget === undefined) delete process.env.CODEGEN_TARGET
    else process.env.CODEGEN_TARGET = previousTarget
    const committedDir = path.join(repositoryRoot, 'docs/client/generated')
    const [target, options] = Object.entries(config.generates).find(
      ([output]) => path.resolve(output) === committedDir,
    )!
    expect(target).toBeDefined()
    const outputDir = mkdtempSync(path.join(tmpdir(), 'integrator-client-'))
    try {
      const files = await generate({ ...config, silent: true, generates: { [`${outputDir}/`]: options } }, true)
      expect(files.length).toBeGreaterThan(0)
      expect(readdirSync(outputDir).sort()).toEqual(readdirSync(committedDir).sort())
      for (const name of readdirSync(outputDir)) {
        expect(readFileSync(path.join(committedDir, name), 'utf8'), name).toBe(
          readFileSync(path.join(outputDir, name), 'utf8'),
        )
      }
    } finally {
      rmSync(outputDir, { recursive: true, force: true })
    }
  })
})
