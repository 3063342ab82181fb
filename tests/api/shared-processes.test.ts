// Two API processes over one PostgreSQL (issue 22): two apps, each with its own Prisma client, pool and LISTEN
// connection, as two `npm start`s would have. What one process does must hold for the other:
// - an API token has ONE rate-limit budget, wherever its requests land (limits/rateLimit.ts: the buckets are rows),
//   and spends racing from both processes never take more than it holds;
// - a token revoked through one process is refused by the other at once, not after API_TOKEN_CACHE_MS, and any
//   mutation in one makes the other look its tokens up again (db/crossProcess.ts: NOTIFY on conac_caches);
// - an import's finish (the counters rebuilt) drops the other process's kept statistics answers;
// - a lost listening connection comes back (and the caches start over), and closing a database ends it.
// PostgreSQL only: PGlite is one process (its data directory has one owner).
import { parse } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { crossProcessListening, onCacheSignal } from '../../server/src/db/crossProcess.ts'
import { operationCost } from '../../server/src/limits/cost.ts'
import { TokenBuckets } from '../../server/src/limits/rateLimit.ts'
import { finishImport } from '../../server/src/modules/migration/commit/finish.ts'
import { keptStatisticsRows } from '../../server/src/modules/statistics/answerCache.ts'
import { schema } from '../../server/src/schema/index.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createSecondProcess, createTestApp, errorCodes, type TestApp, type TestAppOptions } from '../testkit/app.ts'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
if (!postgres)
  console.warn('[shared-processes] skipped: needs PostgreSQL (TEST_DATABASE_URL); PGlite is single-process')

const CreateToken = graphql(`
  mutation SharedProcessesCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`)

const RevokeToken = graphql(`
  mutation SharedProcessesRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
    }
  }
`)

const UnitCount = graphql(`
  query SharedProcessesUnitCount {
    units {
      totalCount
    }
  }
`)

const QUERY = 'query SharedProbe { regions(first: 2) { edges { node { code } } } }'
const COST = operationCost(schema, parse(QUERY), {})
/** The budget: 25 requests of the probe. */
const POINTS = 25 * COST
/** The clock stands still, so nothing refills while a test counts. */
let clock = Date.parse('2026-06-01T02:00:00Z')
const options: TestAppOptions = {
  rateLimit: { points: POINTS, windowSeconds: 600, now: () => clock },
  // Far longer than any test: a refusal before it can only come from the announcement.
  apiTokenCacheMs: 10 * 60_000,
}

describe.skipIf(!postgres)('two API processes over one PostgreSQL', () => {
  let a: TestApp
  let b: TestApp
  let cookie: string
  /** How often B dropped its verified tokens (an announcement heard, or its listener reconnecting). */
  let forgottenByB = 0

  beforeAll(async () => {
    a = await createTestApp(options)
    b = await createSecondProcess(a, options)
    onCacheSignal(b.db.prisma, 'tokens', () => forgottenByB++)
    await Promise.all([crossProcessListening(a.db.prisma), crossProcessListening(b.db.prisma)])
    cookie = await a.login('puyang')
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
  })

  /**
   * A new token, created through A. Creating it is a mutation, which A announces without waiting: this waits until
   * B has heard it, so that B's later forgetting is the test's doing and not that announcement arriving late.
   */
  async function newToken(name: string) {
    const before = forgottenByB
    const created = await a.execute(CreateToken, { input: { name, access: 'READ_ONLY' } }, { cookie })
    expect(created.errors).toBeUndefined()
    await expect.poll(() => forgottenByB, { timeout: 15_000 }).toBeGreaterThan(before)
    return { token: created.data!.createApiToken.token, id: created.data!.createApiToken.apiToken.id }
  }

  async function probe(app: TestApp, token: string) {
    const response = await app.post(JSON.stringify({ query: QUERY }), { authorization: `Bearer ${token}` })
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }
    return {
      status: response.status,
      codes: (body.errors ?? []).map((error) => error.extensions?.code),
      remaining: Number(response.headers.get('x-ratelimit-remaining')),
    }
  }

  const listeners = async () =>
    (
      await a.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'conac-api cache listener'`,
      )
    )[0]!.n

  it('gives a token one budget: spent alternately through both, it runs out after exactly the budget', async () => {
    const { token } = await newToken('两进程共用额度')
    const served: string[] = []
    for (let i = 0; i < 30; i++) {
      const through = i % 2 === 0 ? 'a' : 'b'
      const answer = await probe(through === 'a' ? a : b, token)
      if (answer.status !== 200) {
        expect(answer.status).toBe(429)
        expect(answer.codes).toEqual(['RATE_LIMITED'])
        break
      }
      // Each process sees what the other spent.
      expect(answer.remaining).toBe(POINTS - (served.length + 1) * COST)
      served.push(through)
    }
    expect(served).toHaveLength(25)
    expect(served.filter((through) => through === 'b')).toHaveLength(12)
    // Refused in both processes now.
    expect((await probe(a, token)).status).toBe(429)
    expect((await probe(b, token)).status).toBe(429)
  })

  it('never overspends when both spend at once: 40 concurrent requests at a budget of 25 serve exactly 25', async () => {
    const { token } = await newToken('两进程并发')
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => probe(i % 2 ? a : b, token)))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(25)
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(15)
    // And straight through the buckets, 20 spends from each process's own connections at once.
    const clockNow = () => clock
    const rules = { points: 25, windowSeconds: 600, now: clockNow }
    const [inA, inB] = [
      new TokenBuckets<string>(a.db.prisma, 'race', rules),
      new TokenBuckets<string>(b.db.prisma, 'race', rules),
    ]
    const spends = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? inA : inB).spend('one', 1)))
    expect(spends.filter((spending) => spending.allowed)).toHaveLength(25)
    const remaining = spends.filter((spending) => spending.allowed).map((spending) => spending.remaining)
    // Every allowed spend saw a different bucket: 24, 23 … 0, each once.
    expect(remaining.sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i))
  })

  it('refuses a token in the other process as soon as it is revoked, long before its cache would expire', async () => {
    clock += 600_000 // budgets full again
    const revoked = await newToken('一处吊销')
    const kept = await newToken('库中直接吊销')
    for (const { token } of [revoked, kept]) expect((await b.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    // Written straight into the database (as psql would): nobody announces it, and B keeps the token it verified.
    await a.db.prisma.apiToken.update({ where: { id: Number(kept.id) }, data: { revokedAt: new Date() } })
    expect((await b.execute(UnitCount, {}, { token: kept.token })).errors).toBeUndefined()

    expect((await a.execute(RevokeToken, { id: revoked.id }, { cookie })).errors).toBeUndefined()
    // B hears it within moments (the notification crosses a socket), not in API_TOKEN_CACHE_MS (10 minutes here).
    await expect
      .poll(async () => errorCodes(await b.execute(UnitCount, {}, { token: revoked.token })), { timeout: 15_000 })
      .toEqual(['INVALID_TOKEN'])
    // The revocation made B forget every verified token, so the one changed in the database is refused too.
    const after = await b.execute(UnitCount, {}, { token: kept.token })
    expect(after.status).toBe(401)
    expect(after.errors?.[0]?.message).toBe('令牌已被撤销')
  })

  it('makes the other process look its tokens up again after any mutation', async () => {
    const { token, id } = await newToken('其他变更之后')
    expect((await b.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    await a.db.prisma.apiToken.update({ where: { id: Number(id) }, data: { revokedAt: new Date() } })
    expect((await b.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    // A mutation in A that changes nothing (a token of another office is NOT_FOUND) is still announced.
    expect(errorCodes(await a.execute(RevokeToken, { id: '999999' }, { cookie }))).toEqual(['NOT_FOUND'])
    await expect
      .poll(async () => errorCodes(await b.execute(UnitCount, {}, { token })), { timeout: 15_000 })
      .toEqual(['INVALID_TOKEN'])
  })

  it("drops the other process's kept statistics answers when an import finishes (the counters rebuilt)", async () => {
    let loads = 0
    const load = async () => ++loads
    const ask = () => keptStatisticsRows(b.db.prisma, new Date(), 'shared-processes', load)
    // An answer is kept only when no transaction of the server was in progress around its reads (answerCache.ts),
    // which a busy server may take a few tries to find: asked twice, a kept answer is the same load.
    await expect.poll(async () => (await ask()) === (await ask()), { timeout: 60_000, interval: 50 }).toBe(true)
    const kept = await ask()
    expect(await ask()).toBe(kept)
    // The rebuild writes no deltas: the counters' version stays, only the announcement can drop the answer.
    await finishImport(a.db.prisma, { rebuildStatistics: true })
    await expect.poll(ask, { timeout: 15_000 }).toBeGreaterThan(kept)
  })

  it('listens again after losing its connection, starting its caches over; closing the database ends it', async () => {
    expect(await listeners()).toBe(2)
    const { token, id } = await newToken('断线之后')
    expect((await b.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    await a.db.prisma.apiToken.update({ where: { id: Number(id) }, data: { revokedAt: new Date() } })
    expect((await b.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    // The server ends both listening connections (a restart, a network cut, an administrator).
    await a.db.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'conac-api cache listener'`,
    )
    // Whatever was said meanwhile went unheard, so B dropped its tokens: the one revoked in the database is refused.
    await expect
      .poll(async () => errorCodes(await b.execute(UnitCount, {}, { token })), { timeout: 15_000 })
      .toEqual(['INVALID_TOKEN'])
    await expect.poll(listeners, { timeout: 30_000 }).toBe(2)
    // And B hears A again.
    const revoked = await newToken('重连后吊销')
    expect((await b.execute(UnitCount, {}, { token: revoked.token })).errors).toBeUndefined()
    expect((await a.execute(RevokeToken, { id: revoked.id }, { cookie })).errors).toBeUndefined()
    await expect
      .poll(async () => errorCodes(await b.execute(UnitCount, {}, { token: revoked.token })), { timeout: 15_000 })
      .toEqual(['INVALID_TOKEN'])

    const third = await createSecondProcess(a, options)
    await crossProcessListening(third.db.prisma)
    expect(await listeners()).toBe(3)
    await third.close()
    await expect.poll(listeners, { timeout: 15_000 }).toBe(2)
  })
})
