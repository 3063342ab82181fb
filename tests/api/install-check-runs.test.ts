// 标识安装检测 runs at scale, simulated: pretend hosting servers (several public test addresses, all dialled to one
// local HTTP server on 127.0.0.1 that answers by the Host header and counts the requests per site; the address
// guard runs as in production, tests/testkit/network.ts). A site is fetched once per run however many badges point
// to it, each badge recorded on its own; the requests open per address and in all stay within the limits while the
// run does go in parallel; a site found installed is re-checked only after recheckInstalledDays, missing and
// failing ones each run; the JobRun shows the progress and its counts are those of the rows; a run stopped (the
// scheduler's signal) or crashed (a stale heartbeat) is resumed by the jobs and checks only what is left, each site
// once in all; hostile sites (megabytes, endless bodies, trickles, broken encodings, redirect loops, refusals) are
// bounded and recorded; writing the same results twice records and counts them once, and keeps the 区域统计
// counters of badges first found installed exact; and (PostgreSQL, a server of the test's own) a database restart
// mid-run loses nothing that was reported as recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { openDatabase, type Database } from '../../server/src/db/connect.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'
import { badgeSnippet } from '../../server/src/modules/badges/snippet.ts'
import type { CheckOutcome } from '../../server/src/modules/installChecks/fetch.ts'
import { queueManualRun, runInstallChecks } from '../../server/src/modules/installChecks/manualRun.ts'
import { ResultRecorder, type RunProgress } from '../../server/src/modules/installChecks/recorder.ts'
import type { InstallCheckOptions } from '../../server/src/modules/installChecks/runs.ts'
import { countDueBadges } from '../../server/src/modules/installChecks/sites.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { claimJobRun } from '../../server/src/modules/jobs/runs.ts'
import { latestDueSlot, periodKeyFor } from '../../server/src/modules/jobs/schedule.ts'
import { dueJobs } from '../../server/src/modules/jobs/scheduler.ts'
import { seedDatabase } from '../../server/src/seed/index.ts'
import { anonymous } from '../../server/src/viewer.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { fakeNetwork, publicTestAddresses } from '../testkit/network.ts'
import { postgresBinariesInstalled, startOwnPostgres, type OwnPostgres } from '../testkit/ownPostgres.ts'
import { migrationsDir } from '../testkit/paths.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
type Badge = { id: number; badgeNumber: string; englishDomain: string | null }

const network = fakeNetwork()
/** Four hosting servers, and an address where nothing listens (the connection is refused). */
const [A, B, C, D, NOWHERE] = publicTestAddresses(5) as [string, string, string, string, string]
const installChecks = jobByName('installChecks')!

let t: TestApp
let unitId: number
let sites: Server
const routes = new Map<string, Handler>()
/** Requests per Host header, over the whole file. */
const requests = new Map<string, number>()
let counter = 0

const requestsTo = (host: string) => requests.get(host) ?? 0
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const html = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>测试网站</title></head><body>${body}</body></html>`
const page =
  (content: string | Buffer, contentType = 'text/html; charset=utf-8'): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': contentType })
    res.end(content)
  }
/** Answers after `ms`. */
const later =
  (ms: number, handler: Handler): Handler =>
  (req, res) => {
    const timer = setTimeout(() => handler(req, res), ms)
    res.on('close', () => clearTimeout(timer))
  }

/** A fresh registered domain on the hosting server at `address`. */
function newDomain(label: string, address = A) {
  counter += 1
  const name = `www.${label}${counter}.gov.cn`
  network.names.set(name, [address])
  return name
}

const badgeOn = async (englishDomain: string, prisma: PrismaClient = t.db.prisma, unit = unitId): Promise<Badge> =>
  (await createIssuedBadge(prisma, { unitId: unit, englishDomain })).badge

/** A site with one badge, its page made from the badge (e.g. with its snippet). */
async function siteWith(label: string, address: string, content: (badge: Badge) => Handler) {
  const host = newDomain(label, address)
  const badge = await badgeOn(host)
  routes.set(host, content(badge))
  return { host, badge }
}

/** Only the badges a test creates after this are checked: every ACTIVE one so far is cancelled. */
async function retireAll(prisma: PrismaClient = t.db.prisma) {
  await prisma.badge.updateMany({ where: { status: 'ACTIVE' }, data: { status: 'CANCELLED', cancelledAt: new Date() } })
}

const base: InstallCheckOptions = { outbound: network.options, timeoutMs: 10_000, maxSitesPerSecond: 0 }
const run = (options: InstallCheckOptions = {}, prisma: PrismaClient = t.db.prisma) =>
  runInstallChecks(prisma, { viewer: anonymous, ip: null }, { ...base, ...options })

const rowsOf = (runId: number, prisma: PrismaClient = t.db.prisma) =>
  prisma.badgeInstallCheck.findMany({ where: { runId }, orderBy: { id: 'asc' } })
const rowOf = async (runId: number, badgeId: number) =>
  t.db.prisma.badgeInstallCheck.findMany({ where: { runId, badgeId } })
const resultOf = async (runId: number, prisma: PrismaClient = t.db.prisma) =>
  (await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } })).result as unknown as RunProgress

/** Each badge has exactly one row in the run, and the run's counts are those of its rows. */
async function expectRecordedOnce(runId: number, badges: Badge[], prisma: PrismaClient = t.db.prisma) {
  const rows = await rowsOf(runId, prisma)
  expect(rows.map((row) => row.badgeId).sort((a, b) => a - b)).toEqual(badges.map((b) => b.id).sort((a, b) => a - b))
  const result = await resultOf(runId, prisma)
  const found = rows.filter((row) => row.snippetFound).length
  const failed = rows.filter((row) => row.failed && !row.snippetFound).length
  expect(result).toMatchObject({
    total: badges.length,
    checked: rows.length,
    found,
    failed,
    missing: rows.length - found - failed,
  })
  return rows
}

beforeAll(async () => {
  t = await createTestApp()
  unitId = (await t.db.prisma.unit.findUniqueOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  sites = createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase()
    requests.set(host, requestsTo(host) + 1)
    const handler = routes.get(host)
    if (handler) return handler(req, res)
    res.writeHead(404, { 'content-type': 'text/html' })
    res.end('<html><body>404</body></html>')
  })
  const port = await new Promise<number>((resolve) =>
    sites.listen(0, '127.0.0.1', () => resolve((sites.address() as AddressInfo).port)),
  )
  for (const address of [A, B, C, D]) network.servers.set(`${address}:80`, port)
})

afterAll(async () => {
  sites?.closeAllConnections()
  await new Promise((done) => (sites ? sites.close(done) : done(undefined)))
  await t?.close()
})

describe('one run', () => {
  it('fetches a site once however many badges point to it, and records each badge with its own result', async () => {
    await retireAll()
    const host = newDomain('shared')
    const withSnippet = await badgeOn(host)
    const without = await badgeOn(host)
    // A third badge whose row spells the domain in capitals (the run groups sites case-insensitively).
    const capitals = await badgeOn(host)
    await t.db.prisma.badge.update({ where: { id: capitals.id }, data: { englishDomain: host.toUpperCase() } })
    routes.set(
      host,
      page(html(`<p>正文</p>${badgeSnippet(withSnippet.badgeNumber)}${badgeSnippet(capitals.badgeNumber)}`)),
    )
    const alone = await siteWith('alone', A, () => page(html('<p>没有标识</p>')))

    const summary = await run()
    expect(requestsTo(host)).toBe(1)
    expect(requestsTo(alone.host)).toBe(1)
    expect(summary).toMatchObject({ checked: 4, found: 2, missing: 2, failed: 0 })
    await expectRecordedOnce(summary.runId, [withSnippet, without, capitals, alone.badge])
    expect(await rowOf(summary.runId, withSnippet.id)).toMatchObject([
      { snippetFound: true, failed: false, httpStatus: 200, detail: '已找到标识代码' },
    ])
    expect(await rowOf(summary.runId, without.id)).toMatchObject([
      { snippetFound: false, failed: false, httpStatus: 200, detail: '未找到标识代码' },
    ])
    expect(await rowOf(summary.runId, capitals.id)).toMatchObject([{ snippetFound: true, failed: false }])
    // Each badge carries its own latest result.
    const badges = await t.db.prisma.badge.findMany({
      where: { id: { in: [withSnippet.id, without.id, capitals.id] } },
      orderBy: { id: 'asc' },
    })
    expect(badges.map((b) => [b.lastCheckFound, b.installedAt !== null, b.lastCheckedAt !== null])).toEqual([
      [true, true, true],
      [false, false, true],
      [true, true, true],
    ])
  })

  it('reads the badges in batches without splitting a site between two of them', async () => {
    await retireAll()
    // Five sites of two badges each, read three badges at a time: a batch would end inside a site each time.
    const created: { host: string; badges: Badge[] }[] = []
    for (let i = 0; i < 5; i += 1) {
      const host = newDomain('batched', [A, B][i % 2])
      const badges = [await badgeOn(host), await badgeOn(host)]
      routes.set(host, page(html(badgeSnippet(badges[i % 2]!.badgeNumber))))
      created.push({ host, badges })
    }
    const summary = await run({ readBatch: 3, writeBatch: 3 })
    expect(summary).toMatchObject({ checked: 10, found: 5, missing: 5, failed: 0 })
    await expectRecordedOnce(
      summary.runId,
      created.flatMap((site) => site.badges),
    )
    for (const { host } of created) expect(requestsTo(host), host).toBe(1)
  })

  it('keeps the requests open to one address and in all within the limits, and runs them in parallel', async () => {
    await retireAll()
    const open = new Map<string, number>()
    const maxOpen = new Map<string, number>()
    let all = 0
    let maxAll = 0
    /** Holds each request 150 ms; counted open from its arrival until just before its answer is sent. */
    const held =
      (address: string): Handler =>
      (_req, res) => {
        open.set(address, (open.get(address) ?? 0) + 1)
        maxOpen.set(address, Math.max(maxOpen.get(address) ?? 0, open.get(address)!))
        all += 1
        maxAll = Math.max(maxAll, all)
        setTimeout(() => {
          open.set(address, open.get(address)! - 1)
          all -= 1
          page(html('<p>没有标识</p>'))(_req, res)
        }, 150)
      }
    const created: { host: string; badge: Badge }[] = []
    for (const address of [A, B, C])
      for (let i = 0; i < 8; i += 1) created.push(await siteWith('polite', address, () => held(address)))

    const first = await run({ limits: { global: 4, perAddress: 2 } })
    expect(first.checked).toBe(24)
    for (const address of [A, B, C]) expect(maxOpen.get(address)).toBeLessThanOrEqual(2)
    expect(maxAll).toBeLessThanOrEqual(4)
    expect(maxAll).toBeGreaterThan(2)
    for (const { host } of created) expect(requestsTo(host)).toBe(1)

    // Other limits (the sites were missing, so they are due again): one per address, three in all.
    maxOpen.clear()
    maxAll = 0
    const second = await run({ limits: { global: 3, perAddress: 1 } })
    expect(second.checked).toBe(24)
    for (const address of [A, B, C]) expect(maxOpen.get(address)).toBe(1)
    expect(maxAll).toBeLessThanOrEqual(3)
    expect(maxAll).toBeGreaterThan(1)
    for (const { host } of created) expect(requestsTo(host)).toBe(2)
  })

  it('lets the sites of one busy address wait without holding up those of the others', async () => {
    await retireAll()
    // 80 sites on one address, one request at a time, 50 ms each; 10 on another. The run may have 64 sites being
    // fetched and more waiting for their address: the second address's sites must not queue behind the first's.
    let busyServed = 0
    const busyServedWhenOtherArrived: number[] = []
    const busy: Handler = (req, res) =>
      setTimeout(() => {
        busyServed += 1
        page(html(''))(req, res)
      }, 50)
    const other: Handler = (req, res) => {
      busyServedWhenOtherArrived.push(busyServed)
      page(html(''))(req, res)
    }
    for (let i = 0; i < 80; i += 1) await siteWith('busy', A, () => busy)
    for (let i = 0; i < 10; i += 1) await siteWith('other', B, () => other)
    const summary = await run({ limits: { global: 2, perAddress: 1 } })
    expect(summary.checked).toBe(90)
    expect(busyServedWhenOtherArrived).toHaveLength(10)
    // Each of the other address's sites was fetched while the busy one had served only a few of its 80.
    expect(Math.max(...busyServedWhenOtherArrived)).toBeLessThan(10)
  })

  it('re-checks a site found installed only after recheckInstalledDays, missing and failing ones every run', async () => {
    await retireAll()
    const installed = await siteWith('installed', A, (badge) => page(html(badgeSnippet(badge.badgeNumber))))
    const missing = await siteWith('missing', B, () => page(html('<p>没有标识</p>')))
    const failing = await siteWith('failing', NOWHERE, () => page(html('')))
    const badgeIds = (rows: { badgeId: number }[]) => rows.map((row) => row.badgeId).sort((a, b) => a - b)
    const ids = (...badges: Badge[]) => badges.map((badge) => badge.id).sort((a, b) => a - b)

    const first = await run()
    expect(first).toMatchObject({ checked: 3, found: 1, missing: 1, failed: 1 })
    expect(await rowOf(first.runId, failing.badge.id)).toMatchObject([{ failed: true, detail: '无法连接' }])

    // The next run (the default interval, 7 days): the installed site is left alone.
    const second = await run()
    expect(badgeIds(await rowsOf(second.runId))).toEqual(ids(missing.badge, failing.badge))
    expect([requestsTo(installed.host), requestsTo(missing.host)]).toEqual([1, 2])

    // Found six days ago: still not due; eight days ago: due again.
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
    await t.db.prisma.badge.update({ where: { id: installed.badge.id }, data: { lastCheckedAt: ago(6) } })
    const third = await run({ recheckInstalledDays: 7 })
    expect(badgeIds(await rowsOf(third.runId))).toEqual(ids(missing.badge, failing.badge))
    await t.db.prisma.badge.update({ where: { id: installed.badge.id }, data: { lastCheckedAt: ago(8) } })
    const fourth = await run({ recheckInstalledDays: 7 })
    expect(badgeIds(await rowsOf(fourth.runId))).toEqual(ids(installed.badge, missing.badge, failing.badge))
    expect(requestsTo(installed.host)).toBe(2)

    // recheckInstalledDays 0: everything is due, the installed site too.
    const fifth = await run({ recheckInstalledDays: 0 })
    expect(badgeIds(await rowsOf(fifth.runId))).toEqual(ids(installed.badge, missing.badge, failing.badge))
    expect(requestsTo(installed.host)).toBe(3)
    expect(await rowOf(fifth.runId, installed.badge.id)).toMatchObject([{ snippetFound: true }])
  })

  it('shows its progress on the JobRun as it goes, and the counts are those of its rows', async () => {
    await retireAll()
    const badges: Badge[] = []
    // 13 sites answered one at a time, 400 ms each: the run takes seconds, long enough for an ETA.
    for (let i = 0; i < 12; i += 1) {
      const address = i % 2 ? A : B
      const { badge } = await siteWith('progress', i === 11 ? NOWHERE : address, (b) =>
        later(400, page(html(i % 3 ? badgeSnippet(b.badgeNumber) : '<p>没有标识</p>'))),
      )
      badges.push(badge)
    }
    const twoBadges = newDomain('progresstwo', C)
    const first = await badgeOn(twoBadges)
    const second = await badgeOn(twoBadges)
    routes.set(twoBadges, later(400, page(html(badgeSnippet(first.badgeNumber)))))
    badges.push(first, second)

    const seen: RunProgress[] = []
    const summary = await run({
      limits: { global: 1 },
      writeBatch: 2,
      onProgress: (progress) => seen.push({ ...progress }),
    })
    const result = await resultOf(summary.runId)
    // A finished run keeps its counts; the time left was for while it ran.
    expect(Object.keys(result).sort()).toEqual(['checked', 'failed', 'found', 'missing', 'sites', 'total'])
    expect(result).toMatchObject({ total: 14, sites: 13, checked: 14 })
    expect(result.found + result.missing + result.failed).toBe(result.checked)
    expect(result).toMatchObject({ found: summary.found, missing: summary.missing, failed: summary.failed })
    expect(result.failed).toBe(1)
    await expectRecordedOnce(summary.runId, badges)

    // Reported as it went: growing, consistent, ending at the total, with an estimate of the time left meanwhile.
    expect(seen.length).toBeGreaterThanOrEqual(5)
    for (const [index, progress] of seen.entries()) {
      expect(progress).toMatchObject({ total: 14, sites: 13 })
      expect(progress.found + progress.missing + progress.failed).toBe(progress.checked)
      if (index > 0) expect(progress.checked).toBeGreaterThanOrEqual(seen[index - 1]!.checked)
    }
    expect(seen.at(-1)!.checked).toBe(14)
    expect(new Set(seen.map((progress) => progress.checked)).size).toBeGreaterThanOrEqual(5)
    expect(seen.some((progress) => progress.checked < 14 && (progress.etaSeconds ?? 0) > 0)).toBe(true)
  })
})

describe('a run that stops', () => {
  /** 13 sites over three addresses, one with two badges, each answering after 100 ms. */
  async function someSites(label: string) {
    await retireAll()
    const created: { host: string; badges: Badge[] }[] = []
    for (let i = 0; i < 12; i += 1) {
      const { host, badge } = await siteWith(label, [A, B, C][i % 3]!, (b) =>
        later(100, page(html(i % 2 ? badgeSnippet(b.badgeNumber) : ''))),
      )
      created.push({ host, badges: [badge] })
    }
    const host = newDomain(`${label}two`, D)
    const two = [await badgeOn(host), await badgeOn(host)]
    routes.set(host, later(100, page(html(badgeSnippet(two[1]!.badgeNumber)))))
    created.push({ host, badges: two })
    return { created, badges: created.flatMap((site) => site.badges) }
  }

  it('stopped by the scheduler’s signal, is left RUNNING for the next scheduler, which finishes it', async () => {
    const { created, badges } = await someSites('stop')
    const periodKey = 'test stop and resume'
    const stop = new AbortController()
    const options = {
      ...base,
      limits: { global: 2, perAddress: 2 },
      writeBatch: 3,
      onProgress: (progress: RunProgress) => {
        if (progress.checked >= 3) stop.abort()
      },
    }
    const first = await runJob(t.db.prisma, installChecks, {
      periodKey,
      options: { installChecks: options },
      signal: stop.signal,
    })
    expect(first.run).toMatchObject({ status: 'RUNNING', finishedAt: null })
    expect(first.run.heartbeatAt?.getTime()).toBe(0)
    const part = await rowsOf(first.run.id)
    expect(part.length).toBeGreaterThanOrEqual(3)
    // It stopped taking sites: most were left for the resume.
    expect(part.length).toBeLessThan(badges.length)
    expect(await resultOf(first.run.id)).toMatchObject({ total: badges.length, sites: 13, checked: part.length })
    const fetched = created.filter((site) => requestsTo(site.host) > 0)
    expect(fetched.length).toBeLessThan(created.length)
    // A site fetched in the first part has all its badges recorded.
    for (const site of fetched)
      for (const badge of site.badges) expect(part.map((row) => row.badgeId)).toContain(badge.id)

    // The scheduler sees it at once (its heartbeat is at the epoch) and resumes it.
    const due = await dueJobs(t.db.prisma, new Date(), [installChecks])
    expect(due.map((each) => each.periodKey)).toContain(periodKey)
    const second = await runJob(t.db.prisma, installChecks, {
      periodKey,
      options: { installChecks: { ...options, onProgress: undefined } },
    })
    expect(second.run.id).toBe(first.run.id)
    expect(second.run.status).toBe('SUCCEEDED')
    expect(second.run.result).toMatchObject({ total: badges.length, checked: badges.length, sites: 13 })
    await expectRecordedOnce(first.run.id, badges)
    for (const site of created) expect(requestsTo(site.host), site.host).toBe(1)
  })

  it('after a crash (a stale heartbeat) is taken over and checks only the badges not yet recorded', async () => {
    const { created, badges } = await someSites('crash')
    const periodKey = 'test crash and resume'
    // The crashed process: it claimed the run, counted the due badges and recorded three of them (one of the two
    // badges of the shared site among them), and then died without another word.
    const claim = await claimJobRun(t.db.prisma, installChecks, periodKey)
    expect(claim.claimed).toBe(true)
    const runId = claim.run.id
    expect(await countDueBadges(t.db.prisma, runId, new Date(0))).toEqual({ badges: 14, sites: 13 })
    const recorder = new ResultRecorder(t.db.prisma, runId, { batch: 10 })
    await recorder.start({ total: 14, sites: 13 })
    const shared = created.at(-1)!
    const recorded = [created[0]!.badges[0]!, created[1]!.badges[0]!, shared.badges[0]!]
    const outcome: CheckOutcome = {
      url: 'http://recorded.before.the.crash/',
      httpStatus: 200,
      snippetFound: false,
      detail: '未找到标识代码',
      failed: false,
    }
    for (const badge of recorded)
      await recorder.add({
        badge: { ...badge, englishDomain: badge.englishDomain! },
        domain: badge.englishDomain!,
        checkedAt: new Date(),
        outcome,
      })
    await recorder.finish()

    // While its heartbeat is fresh it is not taken for dead.
    expect((await dueJobs(t.db.prisma, new Date(), [installChecks])).map((each) => each.periodKey)).not.toContain(
      periodKey,
    )
    await expect(
      runJob(t.db.prisma, installChecks, { periodKey, options: { installChecks: base } }),
    ).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } })
    // Three minutes later (the job's heartbeat timeout is two): dead, and resumed.
    await t.db.prisma.jobRun.update({ where: { id: runId }, data: { heartbeatAt: new Date(Date.now() - 3 * 60_000) } })
    expect((await dueJobs(t.db.prisma, new Date(), [installChecks])).map((each) => each.periodKey)).toContain(periodKey)
    const resumed = await runJob(t.db.prisma, installChecks, { periodKey, options: { installChecks: base } })
    expect(resumed.run).toMatchObject({ id: runId, status: 'SUCCEEDED' })
    expect(resumed.run.result).toMatchObject({ total: 14, sites: 13, checked: 14 })
    const rows = await expectRecordedOnce(runId, badges)
    // The recorded ones kept their rows; their sites were not fetched, but for the shared site's other badge.
    for (const badge of recorded)
      expect(rows.find((row) => row.badgeId === badge.id)).toMatchObject({ url: outcome.url })
    expect(requestsTo(created[0]!.host)).toBe(0)
    expect(requestsTo(created[1]!.host)).toBe(0)
    for (const site of created.slice(2)) expect(requestsTo(site.host), site.host).toBe(1)
    expect(rows.find((row) => row.badgeId === shared.badges[1]!.id)).toMatchObject({ snippetFound: true })
  })
})

describe('one run at a time', () => {
  it('the scheduler starts nothing of the job while a run of it is alive, resumes a dead or queued one before the day’s, and keeps its start', async () => {
    await retireAll()
    // The day's period: that of the latest 03:00 (Beijing) passed, yesterday's before 03:00.
    const today = periodKeyFor(installChecks.schedule, latestDueSlot(installChecks.schedule, new Date())!)
    // Nothing else of the job: the day's run is due.
    await t.db.prisma.jobRun.deleteMany({ where: { job: 'installChecks', status: 'RUNNING' } })
    await t.db.prisma.jobRun.deleteMany({ where: { job: 'installChecks', periodKey: today } })
    const periods = async () => (await dueJobs(t.db.prisma, new Date(), [installChecks])).map((each) => each.periodKey)
    expect(await periods()).toEqual([today])

    // A run CONAC queued: it goes first, and the day's waits for it.
    const queued = await queueManualRun(t.db.prisma)
    expect(await periods()).toEqual([queued.periodKey])
    // Taken by a scheduler (alive): nothing else starts, not even the day's.
    const claimed = await claimJobRun(t.db.prisma, installChecks, queued.periodKey)
    expect(claimed.claimed).toBe(true)
    expect(await periods()).toEqual([])
    // Taking it over kept the time it was started (the run goes on; it did not start again).
    expect(claimed.run.startedAt.getTime()).toBe(queued.startedAt.getTime())
    // Its process died (the heartbeat is old): resumed, still before the day's.
    await t.db.prisma.jobRun.update({
      where: { id: queued.id },
      data: { heartbeatAt: new Date(Date.now() - 3 * 60_000) },
    })
    expect(await periods()).toEqual([queued.periodKey])
    const again = await claimJobRun(t.db.prisma, installChecks, queued.periodKey)
    expect(again.run.startedAt.getTime()).toBe(queued.startedAt.getTime())
    await t.db.prisma.jobRun.update({ where: { id: queued.id }, data: { status: 'SUCCEEDED', finishedAt: new Date() } })
    expect(await periods()).toEqual([today])
  })
})

describe('hostile and broken sites', () => {
  it(
    'are bounded by size and time and recorded, failed with a Chinese reason where there is no usable page',
    { timeout: 60_000 },
    async () => {
      await retireAll()
      const ok = await siteWith('fine', A, (b) => page(html(badgeSnippet(b.badgeNumber))))
      // 3 MB in one answer with its length.
      const huge = await siteWith('huge', A, () => (_req, res) => {
        const body = Buffer.alloc(3 * 1024 * 1024, 'a')
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length })
        res.end(body)
      })
      // A chunked body that never ends (64 KB whenever the socket takes more).
      const endless = await siteWith('endless', B, () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' })
        const chunk = Buffer.alloc(64 * 1024, 'b')
        let closed = false
        res.on('close', () => (closed = true))
        const pump = () => {
          while (!closed && res.write(chunk));
          if (!closed) res.once('drain', pump)
        }
        pump()
      })
      // Slowloris: the headers, then one byte of the page every 200 ms.
      const trickle = await siteWith('trickle', B, (b) => (_req, res) => {
        const body = html(badgeSnippet(b.badgeNumber))
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) })
        let sent = 0
        const timer = setInterval(() => res.write(body.slice(sent, ++sent)), 200)
        res.on('close', () => clearInterval(timer))
      })
      // Slowloris before the answer: the status line and headers a byte every 200 ms, straight onto the socket.
      const trickleHeaders = await siteWith('tricklehead', C, () => (req, res) => {
        const raw = 'HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\r\n<html><body></body></html>'
        let sent = 0
        const timer = setInterval(() => req.socket.destroyed || req.socket.write(raw.slice(sent, ++sent)), 200)
        res.on('close', () => clearInterval(timer))
      })
      // Declared UTF-8, with bytes that are not: the snippet is still read.
      const brokenUtf8 = await siteWith('brokenutf', C, (b) =>
        page(
          Buffer.concat([
            Buffer.from('<html><body><p>'),
            Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe6, 0x94, 0xbf, 0xe5, 0x8a, 0xa1, 0xa0, 0xa1, 0xf0, 0x28, 0x8c]),
            Buffer.from(`</p>${badgeSnippet(b.badgeNumber)}</body></html>`),
          ]),
        ),
      )
      // GBK, named only in a <meta> (the header has no charset): "政务网站" around the snippet.
      const gbk = await siteWith('gbk', D, (b) =>
        page(
          Buffer.concat([
            Buffer.from(
              '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>',
            ),
            Buffer.from([0xd5, 0xfe, 0xce, 0xf1, 0xcd, 0xf8, 0xd5, 0xbe]),
            Buffer.from(`${badgeSnippet(b.badgeNumber)}</body></html>`),
          ]),
          'text/html',
        ),
      )
      // NUL bytes in the page (text in PostgreSQL cannot hold them): recorded all the same.
      const nul = await siteWith('nul', D, (b) =>
        page(Buffer.from(`<html><body>\0\0<p>\0正文</p>${badgeSnippet(b.badgeNumber)}\0</body></html>\0`)),
      )
      const loop = await siteWith('loop', A, () => (req, res) => {
        res.writeHead(302, { location: `/again${Number(req.url?.replace(/\D/g, '') || 0) + 1}` })
        res.end()
      })
      const refused = await siteWith('refused', NOWHERE, () => page(html('')))

      const summary = await run({ timeoutMs: 3000 })
      const expected: [
        { badge: Badge },
        Partial<Record<'snippetFound' | 'failed' | 'detail' | 'httpStatus', unknown>>,
      ][] = [
        [ok, { snippetFound: true, failed: false, detail: '已找到标识代码' }],
        [huge, { snippetFound: false, failed: true, detail: '网页超过 2 MB，未能检测完', httpStatus: 200 }],
        [trickle, { snippetFound: false, failed: true, detail: '连接超时', httpStatus: null }],
        [trickleHeaders, { snippetFound: false, failed: true, detail: '连接超时', httpStatus: null }],
        [brokenUtf8, { snippetFound: true, failed: false, detail: '已找到标识代码', httpStatus: 200 }],
        [gbk, { snippetFound: true, failed: false, detail: '已找到标识代码', httpStatus: 200 }],
        [nul, { snippetFound: true, failed: false, detail: '已找到标识代码', httpStatus: 200 }],
        [loop, { snippetFound: false, failed: true, detail: '跳转次数超过 5 次' }],
        [refused, { snippetFound: false, failed: true, detail: '无法连接', httpStatus: null }],
      ]
      for (const [{ badge }, row] of expected)
        expect(await rowOf(summary.runId, badge.id), badge.englishDomain!).toMatchObject([row])
      const [endlessRow] = await rowOf(summary.runId, endless.badge.id)
      expect(endlessRow).toMatchObject({ snippetFound: false, failed: true })
      expect(['网页超过 2 MB，未能检测完', '连接超时']).toContain(endlessRow!.detail)
      expect(summary).toMatchObject({ checked: 10, found: 4, missing: 0, failed: 6 })
      await expectRecordedOnce(summary.runId, [...expected.map(([site]) => site.badge), endless.badge])
      expect(requestsTo(loop.host)).toBe(6)
    },
  )
})

/** What a run hands its recorder for a badge whose site answered 200, with the snippet or without. */
const checkResult = (badge: Badge, found: boolean, detail = '') => ({
  badge: { ...badge, englishDomain: badge.englishDomain! },
  domain: badge.englishDomain!,
  checkedAt: new Date(),
  outcome: { url: `http://${badge.englishDomain}/`, httpStatus: 200, snippetFound: found, detail, failed: false },
})

describe('writing results', () => {
  it('twice for the same badges (two recorders of one run) records each once and counts it once', async () => {
    await retireAll()
    const badges = [
      await badgeOn(newDomain('twice')),
      await badgeOn(newDomain('twice')),
      await badgeOn(newDomain('twice')),
    ]
    const claim = await claimJobRun(t.db.prisma, installChecks, 'test writing twice')
    const runId = claim.run.id
    // A detail is never a site's text, but one with NUL in it is cleaned, not refused.
    const resultFor = (badge: Badge, found: boolean) =>
      checkResult(badge, found, found ? '已找到标识代码' : '未找到\0标识代码')
    const first = new ResultRecorder(t.db.prisma, runId, { batch: 10 })
    await first.start({ total: 3, sites: 3 })
    await first.add(resultFor(badges[0]!, true))
    await first.add(resultFor(badges[1]!, false))
    expect(await first.finish()).toMatchObject({ checked: 2, found: 1, missing: 1, failed: 0 })

    // Another recorder of the same run (a batch written again after its answer was lost) adds the same results,
    // and one new: only the new one is recorded and counted.
    const second = new ResultRecorder(t.db.prisma, runId, { batch: 10 })
    await second.start(null)
    await second.add(resultFor(badges[0]!, false))
    await second.add(resultFor(badges[1]!, false))
    await second.add(resultFor(badges[2]!, true))
    expect(await second.finish()).toMatchObject({ total: 3, checked: 3, found: 2, missing: 1, failed: 0 })

    // Two recorders writing the same badge at the same time: one row, counted once.
    const third = new ResultRecorder(t.db.prisma, runId, { batch: 10 })
    const fourth = new ResultRecorder(t.db.prisma, runId, { batch: 10 })
    await Promise.all([third.start(null), fourth.start(null)])
    await Promise.all([third.add(resultFor(badges[2]!, false)), fourth.add(resultFor(badges[2]!, false))])
    await Promise.all([third.finish(), fourth.finish()])

    const rows = await expectRecordedOnce(runId, badges)
    expect(await resultOf(runId)).toMatchObject({ checked: 3, found: 2, missing: 1, failed: 0 })
    expect(rows.find((row) => row.badgeId === badges[0]!.id)).toMatchObject({ snippetFound: true })
    expect(rows.find((row) => row.badgeId === badges[1]!.id)).toMatchObject({ detail: '未找到标识代码' })
    expect(rows.find((row) => row.badgeId === badges[2]!.id)).toMatchObject({ snippetFound: true })
    const latest = await t.db.prisma.badge.findUniqueOrThrow({ where: { id: badges[2]!.id } })
    expect(latest.lastCheckFound).toBe(true)
  })

  it('keeps the 区域统计 counters exact when it finds badges installed for the first time, written twice or not', async () => {
    await retireAll()
    const prisma = t.db.prisma
    const fresh = [
      await badgeOn(newDomain('count')),
      await badgeOn(newDomain('count')),
      await badgeOn(newDomain('count')),
    ]
    const alreadyInstalled = await badgeOn(newDomain('count'))
    await prisma.badge.update({ where: { id: alreadyInstalled.id }, data: { installedAt: new Date() } })
    const stillMissing = await badgeOn(newDomain('count'))
    // Moved to another site after it was read for the check: its result is recorded, the badge is not updated.
    const moved = await badgeOn(newDomain('count'))
    await prisma.badge.update({ where: { id: moved.id }, data: { englishDomain: newDomain('moved') } })
    // Badges found installed in the whole country (root 100000: the country, by province), as the readers see it.
    const installedCount = async () =>
      Number(
        (
          await prisma.$queryRaw<{ n: string }[]>`
            SELECT COALESCE(SUM(n), 0)::text AS n FROM (
              SELECT "n" FROM "region_statistics" WHERE "root" = '100000' AND "metric" = 'badges_installed' AND "bucket" = ''
              UNION ALL
              SELECT "n" FROM "region_statistic_deltas" WHERE "root" = '100000' AND "metric" = 'badges_installed' AND "bucket" = '') s`
        )[0]!.n,
      )
    const counters = () => prisma.$queryRaw<unknown[]>`
      SELECT "root"::text, "child"::text, "metric", "bucket", "k1", "k2", SUM("n")::text AS "n", SUM("fen")::text AS "fen"
        FROM (SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM "region_statistics"
              UNION ALL SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM "region_statistic_deltas") s
       GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM("n") <> 0 OR SUM("fen") <> 0
       ORDER BY 1, 2, 3, 4, 5, 6`
    // The counters start equal to a rebuild, so what follows compares only what the recorder did.
    await prisma.$queryRaw`SELECT rebuild_region_statistics()`
    const installedBefore = await installedCount()

    const claim = await claimJobRun(prisma, installChecks, 'test counters')
    const resultFor = (badge: Badge, found: boolean) => checkResult(badge, found)
    const results = [
      ...fresh.map((badge) => resultFor(badge, true)),
      resultFor(alreadyInstalled, true),
      resultFor(stillMissing, false),
      resultFor(moved, true),
    ]
    const first = new ResultRecorder(prisma, claim.run.id, { batch: 4 })
    await first.start({ total: results.length, sites: results.length })
    for (const result of results) await first.add(result)
    await first.finish()
    // The same results again (a batch whose commit's answer was lost): nothing is counted twice.
    const again = new ResultRecorder(prisma, claim.run.id, { batch: 10 })
    await again.start(null)
    for (const result of results) await again.add(result)
    await again.finish()

    const installed = await prisma.badge.findMany({ where: { id: { in: fresh.map((badge) => badge.id) } } })
    expect(installed.every((badge) => badge.installedAt !== null)).toBe(true)
    expect(await prisma.badge.findUniqueOrThrow({ where: { id: moved.id } })).toMatchObject({ installedAt: null })
    expect(await installedCount()).toBe(installedBefore + fresh.length)
    const kept = await counters()
    await prisma.$queryRaw`SELECT rebuild_region_statistics()`
    expect(kept).toEqual(await counters())
  })
})

// PostgreSQL only, on a server of the test's own (the shared TEST_DATABASE_URL server cannot be stopped under the
// other test files): PGlite is in this process and has no server to restart.
const ownPostgres = Boolean(process.env.TEST_DATABASE_URL) && postgresBinariesInstalled()
if (!ownPostgres)
  console.warn('[install-check-runs] database restart skipped: needs TEST_DATABASE_URL and the PostgreSQL 15 binaries')

describe.skipIf(!ownPostgres)('a database restart mid-run', () => {
  let postgres: OwnPostgres | undefined
  let database: Database | undefined

  beforeAll(async () => {
    postgres = await startOwnPostgres()
    const admin = await openDatabase({ kind: 'postgres', url: postgres.url(), poolSize: 1 })
    await admin.sql.exec('CREATE DATABASE conac')
    await admin.close()
    database = await openDatabase({ kind: 'postgres', url: postgres.url('conac'), poolSize: 5 })
    await applyMigrations(database.sql, migrationsDir)
    await seedDatabase(database.prisma)
  }, 240_000)

  afterAll(async () => {
    await database?.close()
    postgres?.remove()
  })

  it('loses no result reported as recorded, records each badge once and finishes', { timeout: 120_000 }, async () => {
    const prisma = database!.prisma
    await retireAll(prisma)
    const unit = (await prisma.unit.findUniqueOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
    // Twenty sites; all but the first six hold their answer until the database is down, so the run is surely going
    // on when it stops.
    let down!: () => void
    const databaseDown = new Promise<void>((resolve) => (down = resolve))
    const created: { host: string; badge: Badge }[] = []
    for (let i = 0; i < 20; i += 1) {
      const host = newDomain('restart', [A, B, C, D][i % 4])
      const badge = await badgeOn(host, prisma, unit)
      const answer = later(100, page(html(i % 2 ? badgeSnippet(badge.badgeNumber) : '')))
      routes.set(host, i < 6 ? answer : (req, res) => void databaseDown.then(() => answer(req, res)))
      created.push({ host, badge })
    }
    let reported = 0
    const running = run(
      {
        limits: { global: 2, perAddress: 1 },
        writeBatch: 2,
        writeIntervalMs: 200,
        onProgress: (progress) => (reported = progress.checked),
      },
      prisma,
    )
    await vi.waitFor(() => expect(reported).toBeGreaterThanOrEqual(4), { timeout: 60_000, interval: 20 })
    const runId = (await prisma.jobRun.findFirstOrThrow({ where: { job: 'installChecks', status: 'RUNNING' } })).id
    postgres!.stop()
    // Most of the sites are still to answer: they do now, while the database is away (the results wait).
    expect(reported).toBeLessThan(20)
    down()
    await sleep(3000)
    const reportedBeforeRestart = reported
    postgres!.start()
    // What was reported as recorded is there.
    expect(await prisma.badgeInstallCheck.count({ where: { runId } })).toBeGreaterThanOrEqual(reportedBeforeRestart)
    expect((await resultOf(runId, prisma)).checked).toBeGreaterThanOrEqual(reportedBeforeRestart)
    const summary = await running
    expect(summary.runId).toBe(runId)
    expect(summary.checked).toBe(20)
    const rows = await expectRecordedOnce(
      summary.runId,
      created.map((site) => site.badge),
      prisma,
    )
    expect(rows.length).toBeGreaterThan(reportedBeforeRestart)
    expect(await prisma.jobRun.findUniqueOrThrow({ where: { id: summary.runId } })).toMatchObject({
      status: 'SUCCEEDED',
      result: { total: 20, checked: 20 },
    })
    for (const { host } of created) expect(requestsTo(host), host).toBe(1)
  })
})
