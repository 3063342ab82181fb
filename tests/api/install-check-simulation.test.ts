// 标识安装检测, the benchmark's simulation in small (server/scripts/bench/installCheckSimulation.ts; the benchmark is
// server/scripts/bench-install-checks.ts with 200,000 sites): 400 virtual sites with the benchmark's fixed mix (present,
// missing, after </body>, redirected within the domain and away, GBK, HTTP 404, slow, never answering, refusing; some on
// shared hosting addresses), reached through the check's resolver and dial seams with the production address guard
// on. The real job (runJob of installChecks) must record every site exactly as it is served, once, and its JobRun
// must say so; a second run the same day checks only what was not found installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addSimulatedBadges,
  categoryOf,
  expectedOutcome,
  simulatedNetwork,
  startSimulatedSites,
  type SimulatedSites,
} from '../../server/scripts/bench/installCheckSimulation.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'

const SITES = 400

let t: TestApp
let sites: SimulatedSites

beforeAll(async () => {
  t = await createTestApp()
  sites = await startSimulatedSites(2)
  // Only the simulated badges are checkable here: the demo's self-built ones are cancelled for the test.
  await t.db.prisma.badge.updateMany({
    where: { placement: 'SELF_BUILT', status: 'ACTIVE' },
    data: { status: 'CANCELLED', cancelledAt: new Date() },
  })
  expect(await addSimulatedBadges(t.db.prisma, SITES)).toBe(SITES)
}, 120_000)

afterAll(async () => {
  await sites?.close()
  await t?.close()
})

const job = jobByName('installChecks')!
const simulated = (runId: number) =>
  t.db.prisma.badgeInstallCheck.findMany({
    where: { runId },
    select: { snippetFound: true, failed: true, detail: true, badge: { select: { englishDomain: true } } },
  })
const indexOf = (domain: string) => Number(/^www\.b(\d+)\.gov\.cn$/.exec(domain)![1])

describe('the simulation in small', () => {
  let runId: number

  it('records every site as it is served, each badge once, and the JobRun says the same', async () => {
    const { run } = await runJob(t.db.prisma, job, {
      now: new Date(),
      options: { installChecks: { outbound: simulatedNetwork(sites), maxSitesPerSecond: 0 } },
    })
    expect(run.status).toBe('SUCCEEDED')
    runId = run.id
    const rows = await simulated(run.id)
    expect(rows).toHaveLength(SITES)
    const seen = new Set<number>()
    const categories = new Set<string>()
    for (const row of rows) {
      const i = indexOf(row.badge.englishDomain!)
      seen.add(i)
      categories.add(categoryOf(i))
      const expected = expectedOutcome(i)
      expect({ i, found: row.snippetFound, failed: row.failed, detail: row.detail }).toEqual({ i, ...expected })
    }
    expect(seen.size).toBe(SITES)
    // Every kind of site was in the run.
    expect(categories.size).toBe(10)
    const found = rows.filter((row) => row.snippetFound).length
    const failed = rows.filter((row) => row.failed).length
    expect(run.result).toMatchObject({
      total: SITES,
      sites: SITES,
      checked: SITES,
      found,
      failed,
      missing: SITES - found - failed,
    })
  }, 120_000)

  it('a second run re-checks the sites not found installed and skips those found', async () => {
    const now = new Date()
    const { run } = await runJob(t.db.prisma, job, {
      now,
      periodKey: `${now.toISOString().slice(0, 10)} second`,
      options: { installChecks: { outbound: simulatedNetwork(sites), maxSitesPerSecond: 0 } },
    })
    const first = await simulated(runId)
    const notFound = first
      .filter((row) => !row.snippetFound)
      .map((row) => row.badge.englishDomain)
      .sort()
    const again = (await simulated(run.id)).map((row) => row.badge.englishDomain).sort()
    expect(again).toEqual(notFound)
    expect(run.result).toMatchObject({ total: notFound.length, checked: notFound.length })
  }, 120_000)
})
