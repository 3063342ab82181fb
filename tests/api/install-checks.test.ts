// 标识安装检测: real HTTP sites on 127.0.0.1 behind public test addresses (tests/testkit/network.ts: the names answer
// a public address, every check of the guarded fetch runs, and only the final TCP dial is sent to the local server;
// the API gets the same through createTestApp({ outbound })): the snippet before </body> is found, everything else is
// not (missing, after </body>, another badge's number, in a comment, a redirect elsewhere, HTTP 500), a site that never
// answers times out without stopping the run; the Host header is the registered domain; installedAt is kept; the
// overdue list and who may see and run what. A domain that resolves to an internal address, an IP literal, a redirect
// to an internal address or to another port: refused without connecting, and the row says so in Chinese.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { badgeSnippet } from '../../server/src/modules/badges/snippet.ts'
import { checkSite } from '../../server/src/modules/installChecks/fetch.ts'
import { runInstallChecks } from '../../server/src/modules/installChecks/manualRun.ts'
import type { InstallCheckOptions } from '../../server/src/modules/installChecks/runs.ts'
import { jobByName } from '../../server/src/modules/jobs/registry.ts'
import { latestDueSlot, periodKeyFor } from '../../server/src/modules/jobs/schedule.ts'
import { startScheduler } from '../../server/src/modules/jobs/scheduler.ts'
import { anonymous } from '../../server/src/viewer.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createUnit } from '../testkit/fixtures.ts'
import {
  fakeNetwork,
  INTERNAL_TEST_ADDRESSES,
  OTHER_PUBLIC_TEST_ADDRESS,
  PUBLIC_TEST_ADDRESS,
} from '../testkit/network.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const Overdue = graphql(`
  query TestOverdueInstallations($first: Int, $after: String) {
    overdueBadgeInstallations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          badgeNumber
          englishDomain
          installDeadline
          installedAt
          installOverdue
          unit {
            name
          }
          installChecks(first: 1) {
            detail
            snippetFound
          }
        }
      }
    }
  }
`)

const JOB = jobByName('installChecks')!

const RunChecks = graphql(`
  mutation TestRunInstallChecks {
    runInstallChecks {
      id
      status
      queued
      lastProgressAt
      total
      checked
    }
  }
`)

const LatestRun = graphql(`
  query TestLatestInstallCheckRun {
    latestInstallCheckRun {
      id
      status
      queued
      total
      sites
      checked
      found
      missing
      failed
      etaSeconds
      finishedAt
    }
  }
`)

const CheckNow = graphql(`
  mutation TestCheckBadgeInstallation($badgeId: ID!) {
    checkBadgeInstallation(badgeId: $badgeId) {
      id
      installedAt
      lastCheckedAt
      lastCheckFound
      installOverdue
      installChecks(first: 5) {
        url
        httpStatus
        snippetFound
        detail
        checkedAt
      }
    }
  }
`)

type Handler = (req: IncomingMessage, res: ServerResponse) => void

let t: TestApp
let qfzfUnit: number
let nanleUnit: number
/** One server for every test site, routing by the Host header (404 for any other host). */
let sites: Server
let sitesPort: number
/** A server that accepts connections and never answers. */
let silent: Server
let silentPort: number
const routes = new Map<string, Handler>()
const hostsSeen: string[] = []
let counter = 0
/** Every test domain answers SITES (the sites server) unless a test says otherwise; SILENT is the silent server. */
const network = fakeNetwork()
const SITES = PUBLIC_TEST_ADDRESS
const SILENT = OTHER_PUBLIC_TEST_ADDRESS

const html = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>测试网站</title></head><body>${body}</body></html>`
const page =
  (content: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(content)
  }
const status =
  (code: number): Handler =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/html' })
    res.end(`<html><body>${code}</body></html>`)
  }
const redirect =
  (location: string): Handler =>
  (_req, res) => {
    res.writeHead(302, { location })
    res.end()
  }

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

/** A fresh registered domain for a test site; it resolves to the sites server's public test address. */
function domain(label: string) {
  counter += 1
  const name = `www.${label}${counter}.gov.cn`
  network.names.set(name, [SITES])
  return name
}

async function badgeOn(
  englishDomain: string,
  options: { unitId?: number; installDeadline?: Date; placement?: 'MICRO_SITE' | 'SELF_BUILT' } = {},
) {
  const { badge } = await createIssuedBadge(t.db.prisma, {
    unitId: options.unitId ?? qfzfUnit,
    englishDomain,
    placement: options.placement,
    // Issued 20 days ago, so any deadline in the last days is after the issue.
    issuedAt: options.installDeadline ? new Date(Date.now() - 20 * 86_400_000) : undefined,
    installDeadline: options.installDeadline,
  })
  return badge
}

const latestCheck = (badgeId: number) =>
  t.db.prisma.badgeInstallCheck.findFirst({ where: { badgeId }, orderBy: { id: 'desc' } })
const checkCount = (badgeId?: number) => t.db.prisma.badgeInstallCheck.count({ where: badgeId ? { badgeId } : {} })
const run = (timeoutMs = 1500, options: InstallCheckOptions = {}) =>
  runInstallChecks(t.db.prisma, { viewer: anonymous, ip: null }, { outbound: network.options, timeoutMs, ...options })

beforeAll(async () => {
  t = await createTestApp({ outbound: network.options })
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  nanleUnit = (await createUnit(t.db.prisma, { regionCode: '410923', name: '南乐县测试单位' })).id
  sites = createServer((req, res) => {
    const host = req.headers.host ?? ''
    hostsSeen.push(host)
    const handler = routes.get(host)
    if (!handler) return status(404)(req, res)
    handler(req, res)
  })
  silent = createServer(() => {
    /* never answers */
  })
  sitesPort = await listen(sites)
  silentPort = await listen(silent)
  network.servers.set(`${SITES}:80`, sitesPort)
  network.servers.set(`${SILENT}:80`, silentPort)
})

afterAll(async () => {
  sites?.closeAllConnections()
  silent?.closeAllConnections()
  await Promise.all(
    [sites, silent].map((server) => new Promise((done) => (server ? server.close(done) : done(undefined)))),
  )
  await t?.close()
})

describe('a run over the self-built sites', () => {
  let cases: Record<string, { id: number; badgeNumber: string; englishDomain: string | null }>
  let summary: Awaited<ReturnType<typeof runInstallChecks>>
  let microSite: { id: number }
  let cancelled: { id: number }

  beforeAll(async () => {
    const make = async (label: string, handler: (badgeNumber: string, host: string) => Handler) => {
      const host = domain(label)
      const badge = await badgeOn(host)
      routes.set(host, handler(badge.badgeNumber, host))
      return badge
    }
    const otherBadge = await badgeOn(domain('unrelated'), { placement: 'SELF_BUILT' })
    routes.set(otherBadge.englishDomain!, status(404))
    cases = {
      good: await make('good', (n) => page(html(`<h1>首页</h1><div>正文</div>${badgeSnippet(n)}`))),
      upperCase: await make('upper', (n) =>
        page(`<HTML><BODY><p>x</p><SCRIPT src='https://badge.example.org/badge/${n}.js?v=2'></SCRIPT></BODY></HTML>`),
      ),
      none: await make('none', () => page(html('<h1>没有标识</h1>'))),
      afterBody: await make('after', (n) => page(`<html><body><p>正文</p></body>${badgeSnippet(n)}</html>`)),
      otherNumber: await make('othernum', () => page(html(badgeSnippet(otherBadge.badgeNumber)))),
      commented: await make('comment', (n) => page(html(`<!-- ${badgeSnippet(n)} -->`))),
      offsite: await make('offsite', () => (_req, res) => {
        res.writeHead(302, { location: 'http://www.elsewhere.example.com/landing' })
        res.end()
      }),
      within: await make('within', (n, host) => (req, res) => {
        if (req.url === '/') {
          res.writeHead(301, { location: `http://${host}/index.html` })
          return res.end()
        }
        return page(html(badgeSnippet(n)))(req, res)
      }),
      loop: await make('loop', (_n, host) => (req, res) => {
        res.writeHead(302, { location: `http://${host}/step${Number(req.url?.replace(/\D/g, '') || 0) + 1}` })
        res.end()
      }),
      serverError: await make('err', () => status(500)),
      gbk: await make('gbk', (n) => (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=GBK' })
        // "政务网站" in GBK around the snippet: the page decodes without mangling the ASCII tag.
        res.end(
          Buffer.concat([
            Buffer.from('<html><body>'),
            Buffer.from([0xd5, 0xfe, 0xce, 0xf1, 0xcd, 0xf8, 0xd5, 0xbe]),
            Buffer.from(`${badgeSnippet(n)}</body></html>`),
          ]),
        )
      }),
    }
    // The silent site: the connection opens, nothing ever comes back.
    const hung = domain('hung')
    network.names.set(hung, [SILENT])
    routes.set(hung, status(200)) // for later runs, when the name answers the sites server
    cases.hung = await badgeOn(hung)
    // Not checked at all: a micro-site badge and a cancelled one.
    microSite = await badgeOn('', { placement: 'MICRO_SITE' })
    const cancelledHost = domain('cancelled')
    routes.set(cancelledHost, page(html('')))
    cancelled = await badgeOn(cancelledHost)
    await t.db.prisma.badge.update({
      where: { id: cancelled.id },
      data: { status: 'CANCELLED', cancelledAt: new Date() },
    })
    cases.unrelated = otherBadge

    hostsSeen.length = 0
    summary = await run()
  })

  it('finds the snippet only before </body> and only with this badge’s number', async () => {
    const detail = async (key: string) => {
      const check = await latestCheck(cases[key]!.id)
      return { found: check?.snippetFound, detail: check?.detail, status: check?.httpStatus }
    }
    expect(await detail('good')).toEqual({ found: true, detail: '已找到标识代码', status: 200 })
    expect(await detail('upperCase')).toEqual({ found: true, detail: '已找到标识代码', status: 200 })
    expect(await detail('gbk')).toEqual({ found: true, detail: '已找到标识代码', status: 200 })
    expect(await detail('none')).toEqual({ found: false, detail: '未找到标识代码', status: 200 })
    expect(await detail('afterBody')).toEqual({ found: false, detail: '标识代码不在 </body> 之前', status: 200 })
    expect(await detail('otherNumber')).toEqual({ found: false, detail: '未找到标识代码', status: 200 })
    expect(await detail('commented')).toEqual({ found: false, detail: '未找到标识代码', status: 200 })
    expect(await detail('serverError')).toEqual({ found: false, detail: 'HTTP 状态 500', status: 500 })
    expect(await detail('unrelated')).toEqual({ found: false, detail: 'HTTP 状态 404', status: 404 })
  })

  it('follows redirects within the registered domain only', async () => {
    const within = await latestCheck(cases.within!.id)
    expect(within).toMatchObject({
      snippetFound: true,
      httpStatus: 200,
      url: `http://${cases.within!.englishDomain}/index.html`,
    })
    const offsite = await latestCheck(cases.offsite!.id)
    expect(offsite).toMatchObject({
      snippetFound: false,
      httpStatus: 302,
      detail: '跳转到其他域名：www.elsewhere.example.com',
    })
    const loop = await latestCheck(cases.loop!.id)
    expect(loop).toMatchObject({ snippetFound: false, detail: '跳转次数超过 5 次' })
  })

  it('records a timeout for the silent site while the others are still checked', async () => {
    const hung = await latestCheck(cases.hung!.id)
    expect(hung).toMatchObject({ snippetFound: false, httpStatus: null, detail: '连接超时' })
    // 13 self-built ACTIVE badges: found good, upperCase, gbk, within; failed hung and the redirect loop (no page
    // either way); the rest missing.
    expect(summary).toMatchObject({ checked: 13, found: 4, failed: 2, missing: 7 })
    expect(await latestCheck(cases.loop!.id)).toMatchObject({ failed: true, detail: '跳转次数超过 5 次' })
    expect(await latestCheck(cases.hung!.id)).toMatchObject({ failed: true })
    expect(await latestCheck(cases.none!.id)).toMatchObject({ failed: false })
  })

  it('sends the registered domain in the Host header', () => {
    expect(hostsSeen.length).toBeGreaterThan(0)
    const registered = new Set(Object.values(cases).map((c) => c.englishDomain))
    for (const host of hostsSeen) expect(registered.has(host)).toBe(true)
    expect(hostsSeen).toContain(cases.good!.englishDomain)
  })

  it('does not check micro-site or cancelled badges, and writes one audit row for the run', async () => {
    expect(await checkCount(microSite.id)).toBe(0)
    expect(await checkCount(cancelled.id)).toBe(0)
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'badge.installCheck.run' } })
    expect(audits).toHaveLength(1)
    expect(audits[0]!.after).toMatchObject({ checked: 13, found: 4, missing: 7, failed: 2 })
  })

  it('updates the badge: the latest result, and installedAt the first time it is found, kept after a later failure', async () => {
    const good = await t.db.prisma.badge.findUniqueOrThrow({ where: { id: cases.good!.id } })
    expect(good.lastCheckFound).toBe(true)
    expect(good.installedAt).not.toBeNull()
    expect(good.installedAt!.getTime()).toBe(good.lastCheckedAt!.getTime())
    const none = await t.db.prisma.badge.findUniqueOrThrow({ where: { id: cases.none!.id } })
    expect(none).toMatchObject({ lastCheckFound: false, installedAt: null })
    expect(none.lastCheckedAt).not.toBeNull()

    // The site breaks: a run that re-checks installed sites (after 0 days) records the failure but keeps installedAt.
    routes.set(cases.good!.englishDomain!, status(500))
    network.names.set(cases.hung!.englishDomain!, [SITES])
    await run(1500, { recheckInstalledDays: 0 })
    const after = await t.db.prisma.badge.findUniqueOrThrow({ where: { id: cases.good!.id } })
    expect(after.lastCheckFound).toBe(false)
    expect(after.installedAt!.getTime()).toBe(good.installedAt!.getTime())
    expect(after.lastCheckedAt!.getTime()).toBeGreaterThan(good.lastCheckedAt!.getTime())
    expect(await checkCount(cases.good!.id)).toBe(2)
    // The silent site answers now (200, no snippet): missing, not a timeout.
    expect(await latestCheck(cases.hung!.id)).toMatchObject({ httpStatus: 200, detail: '未找到标识代码' })
  })
})

describe('逾期未安装 (overdueBadgeInstallations)', () => {
  const past = () => new Date(Date.now() - 3 * 86_400_000)
  let overdue: { id: number; badgeNumber: string }
  let olderOverdue: { id: number }
  let installed: { id: number }
  let notYetDue: { id: number }
  let microSite: { id: number }
  let cancelled: { id: number }
  let nanleOverdue: { id: number }

  beforeAll(async () => {
    const host = (label: string) => {
      const name = domain(label)
      routes.set(name, page(html('')))
      return name
    }
    overdue = await badgeOn(host('late'), { installDeadline: past() })
    olderOverdue = await badgeOn(host('later'), { installDeadline: new Date(Date.now() - 10 * 86_400_000) })
    const installedHost = host('done')
    installed = await badgeOn(installedHost, { installDeadline: past() })
    notYetDue = await badgeOn(host('future'), { installDeadline: new Date(Date.now() + 3 * 86_400_000) })
    microSite = await badgeOn('', { placement: 'MICRO_SITE', installDeadline: past() })
    cancelled = await badgeOn(host('gone'), { installDeadline: past() })
    await t.db.prisma.badge.update({
      where: { id: cancelled.id },
      data: { status: 'CANCELLED', cancelledAt: new Date() },
    })
    nanleOverdue = await badgeOn(host('nanle'), { unitId: nanleUnit, installDeadline: past() })
    // The installed one is found by a check (after its deadline: late, but installed).
    routes.set(
      installedHost,
      page(
        html(badgeSnippet((await t.db.prisma.badge.findUniqueOrThrow({ where: { id: installed.id } })).badgeNumber)),
      ),
    )
    await run()
  })

  const idsFor = async (login: string) => {
    const result = await t.execute(Overdue, { first: 100 }, { cookie: await t.login(login) })
    expect(result.errors).toBeUndefined()
    return result.data!.overdueBadgeInstallations.edges.map((e) => Number(e.node.id))
  }

  it('lists the missing past-deadline badges, oldest deadline first, with their latest check', async () => {
    const result = await t.execute(Overdue, { first: 100 }, { cookie: await t.login('qingfeng') })
    expect(result.errors).toBeUndefined()
    const nodes = result.data!.overdueBadgeInstallations.edges.map((e) => e.node)
    const ids = nodes.map((n) => Number(n.id))
    expect(ids).toContain(overdue.id)
    expect(ids.indexOf(olderOverdue.id)).toBeLessThan(ids.indexOf(overdue.id))
    for (const excluded of [installed, notYetDue, microSite, cancelled]) expect(ids).not.toContain(excluded.id)
    const deadlines = nodes.map((n) => n.installDeadline)
    expect([...deadlines].sort()).toEqual(deadlines)
    const row = nodes.find((n) => Number(n.id) === overdue.id)!
    expect(row).toMatchObject({ installOverdue: true, installedAt: null, unit: { name: '清丰县人民政府办公室' } })
    expect(row.installChecks).toEqual([{ detail: '未找到标识代码', snippetFound: false }])
    expect(result.data!.overdueBadgeInstallations.totalCount).toBe(ids.length)
  })

  it('pages through the list', async () => {
    const cookie = await t.login('conac')
    const first = await t.execute(Overdue, { first: 1 }, { cookie })
    const all = await t.execute(Overdue, { first: 100 }, { cookie })
    expect(first.data!.overdueBadgeInstallations.pageInfo.hasNextPage).toBe(true)
    const second = await t.execute(
      Overdue,
      { first: 1, after: first.data!.overdueBadgeInstallations.pageInfo.endCursor },
      { cookie },
    )
    const allIds = all.data!.overdueBadgeInstallations.edges.map((e) => e.node.id)
    expect([first, second].map((r) => r.data!.overdueBadgeInstallations.edges[0]!.node.id)).toEqual(allIds.slice(0, 2))
  })

  it('is scoped: the county office its units, the city its counties, CONAC all; another county sees none of them', async () => {
    const qingfeng = await idsFor('qingfeng')
    expect(qingfeng).toContain(overdue.id)
    expect(qingfeng).not.toContain(nanleOverdue.id)
    const nanle = await idsFor('nanle')
    expect(nanle).toContain(nanleOverdue.id)
    expect(nanle).not.toContain(overdue.id)
    const puyang = await idsFor('puyang')
    expect(puyang).toEqual(expect.arrayContaining([overdue.id, nanleOverdue.id]))
    const conac = await idsFor('conac')
    expect(conac).toEqual(expect.arrayContaining([overdue.id, nanleOverdue.id]))
    const hebei = await idsFor('hebei')
    expect(hebei).toEqual([])
  })

  it('is denied to unit users and anonymous viewers', async () => {
    const unit = await t.execute(Overdue, { first: 10 }, { cookie: await t.login('qfzf') })
    expect(errorCodes(unit)).toEqual(['FORBIDDEN'])
    expect(unit.data?.overdueBadgeInstallations ?? null).toBeNull()
    expect(errorCodes(await t.execute(Overdue, { first: 10 }))).toEqual(['UNAUTHENTICATED'])
  })

  it('answers installOverdue on the badge itself', async () => {
    const Badges = graphql(`
      query TestInstallBadges {
        badges(first: 100) {
          edges {
            node {
              id
              installOverdue
              installedAt
            }
          }
        }
      }
    `)
    const result = await t.execute(Badges, {}, { cookie: await t.login('qfzf') })
    const byId = new Map(result.data!.badges.edges.map((e) => [Number(e.node.id), e.node]))
    expect(byId.get(overdue.id)!.installOverdue).toBe(true)
    expect(byId.get(installed.id)).toMatchObject({ installOverdue: false })
    expect(byId.get(installed.id)!.installedAt).not.toBeNull()
    expect(byId.get(notYetDue.id)!.installOverdue).toBe(false)
    expect(byId.get(microSite.id)!.installOverdue).toBe(false)
    expect(byId.get(cancelled.id)!.installOverdue).toBe(false)
  })
})

describe('through the API', () => {
  let mine: { id: number; badgeNumber: string; englishDomain: string | null }
  let other: { id: number }
  let microSite: { id: number }

  beforeAll(async () => {
    const host = domain('api')
    mine = await badgeOn(host)
    routes.set(host, page(html(badgeSnippet(mine.badgeNumber))))
    const otherHost = domain('apiother')
    other = await badgeOn(otherHost)
    routes.set(otherHost, page(html('')))
    microSite = await badgeOn('', { placement: 'MICRO_SITE' })
  })

  it('runInstallChecks is denied to everyone but CONAC, and nothing is recorded', async () => {
    const before = await checkCount()
    const audits = await t.db.prisma.auditLog.count({ where: { action: 'badge.installCheck.run' } })
    for (const login of ['qfzf', 'qingfeng', 'puyang', 'henan']) {
      const result = await t.execute(RunChecks, {}, { cookie: await t.login(login) })
      expect(errorCodes(result)).toEqual(['FORBIDDEN'])
    }
    expect(errorCodes(await t.execute(RunChecks, {}))).toEqual(['UNAUTHENTICATED'])
    expect(await checkCount()).toBe(before)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'badge.installCheck.run' } })).toBe(audits)
  })

  it('runInstallChecks by CONAC queues a run that the scheduler carries out over every ACTIVE self-built site', async () => {
    // Every badge is due (re-checked after 0 days) so the run covers all of them.
    const checkable = await t.db.prisma.badge.count({ where: { status: 'ACTIVE', placement: 'SELF_BUILT' } })
    const before = await checkCount()
    const conac = await t.login('conac')
    const result = await t.execute(RunChecks, {}, { cookie: conac })
    expect(result.errors).toBeUndefined()
    expect(result.data!.runInstallChecks).toMatchObject({
      status: 'RUNNING',
      queued: true,
      lastProgressAt: null,
      checked: 0,
    })
    // A second click while it is queued: CONFLICT, nothing queued twice.
    const again = await t.execute(RunChecks, {}, { cookie: conac })
    expect(errorCodes(again)).toEqual(['CONFLICT'])
    expect(await t.db.prisma.jobRun.count({ where: { job: 'installChecks', status: 'RUNNING' } })).toBe(1)

    // The scheduler (here: one started for the test, as the scheduler process runs it) takes the queued run. The
    // day's run (of the latest 03:00 passed) is marked done, so the queued one is all it has to do.
    const day = periodKeyFor(JOB.schedule, latestDueSlot(JOB.schedule, new Date())!)
    await t.db.prisma.jobRun.upsert({
      where: { job_periodKey: { job: 'installChecks', periodKey: day } },
      create: {
        job: 'installChecks',
        periodKey: day,
        status: 'SUCCEEDED',
        startedAt: new Date(Date.now() - 3_600_000),
        finishedAt: new Date(Date.now() - 3_000_000),
      },
      update: {},
    })
    const stop = startScheduler(t.db.prisma, {
      tickMs: 3_600_000,
      jobs: [JOB],
      jobOptions: { installChecks: { outbound: network.options, timeoutMs: 1500, recheckInstalledDays: 0 } },
      log: () => {},
    })
    try {
      await vi.waitFor(
        async () => {
          const latest = await t.execute(LatestRun, {}, { cookie: conac })
          expect(latest.data!.latestInstallCheckRun).toMatchObject({ status: 'SUCCEEDED', queued: false })
        },
        { timeout: 60_000, interval: 200 },
      )
    } finally {
      await stop()
    }
    const latest = (await t.execute(LatestRun, {}, { cookie: conac })).data!.latestInstallCheckRun!
    expect(latest.id).toBe(result.data!.runInstallChecks.id)
    // Failed: only the redirect loop of the first run's sites (every other site answers by now).
    expect(latest).toMatchObject({ total: checkable, checked: checkable, failed: 1, etaSeconds: 0 })
    expect(latest.found + latest.missing + latest.failed).toBe(checkable)
    expect(await checkCount()).toBe(before + checkable)
    expect(await latestCheck(mine.id)).toMatchObject({ snippetFound: true, detail: '已找到标识代码' })
    const audit = await t.db.prisma.auditLog.findFirst({
      where: { action: 'badge.installCheck.run' },
      orderBy: { id: 'desc' },
      include: { actorUser: true },
    })
    expect(audit?.actorUser?.username).toBe('conac')
    expect(audit?.subjectId).toBe(String(latest.id))
  })

  it('latestInstallCheckRun is CONAC’s only', async () => {
    for (const login of ['qfzf', 'qingfeng', 'henan']) {
      const result = await t.execute(LatestRun, {}, { cookie: await t.login(login) })
      expect(errorCodes(result)).toEqual(['FORBIDDEN'])
    }
    expect(errorCodes(await t.execute(LatestRun, {}))).toEqual(['UNAUTHENTICATED'])
  })

  it('checkBadgeInstallation: the owning unit checks now, at most once a minute', async () => {
    await t.db.prisma.badge.update({
      where: { id: mine.id },
      data: { lastCheckedAt: null, lastCheckFound: null, installedAt: null },
    })
    const cookie = await t.login('qfzf')
    const result = await t.execute(CheckNow, { badgeId: String(mine.id) }, { cookie })
    expect(result.errors).toBeUndefined()
    const badge = result.data!.checkBadgeInstallation
    expect(badge).toMatchObject({ lastCheckFound: true, installOverdue: false })
    expect(badge.installedAt).toBe(badge.lastCheckedAt)
    expect(badge.installChecks[0]).toMatchObject({
      snippetFound: true,
      httpStatus: 200,
      detail: '已找到标识代码',
      url: `http://${mine.englishDomain}/`,
    })

    const count = await checkCount(mine.id)
    const again = await t.execute(CheckNow, { badgeId: String(mine.id) }, { cookie })
    expect(errorCodes(again)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(again.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0)
    // An office over the unit is throttled by the same minute.
    expect(
      errorCodes(await t.execute(CheckNow, { badgeId: String(mine.id) }, { cookie: await t.login('puyang') })),
    ).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(await checkCount(mine.id)).toBe(count)
  })

  it('checkBadgeInstallation: offices over the unit and CONAC may, others get NOT_FOUND', async () => {
    const before = await checkCount(other.id)
    for (const login of ['qfyy', 'nanle', 'hebei', 'sjzsl']) {
      const result = await t.execute(CheckNow, { badgeId: String(other.id) }, { cookie: await t.login(login) })
      expect(errorCodes(result)).toEqual(['NOT_FOUND'])
    }
    expect(errorCodes(await t.execute(CheckNow, { badgeId: String(other.id) }))).toEqual(['UNAUTHENTICATED'])
    expect(await checkCount(other.id)).toBe(before)

    for (const login of ['qingfeng', 'puyang', 'conac']) {
      await t.db.prisma.badge.update({ where: { id: other.id }, data: { lastCheckedAt: null, lastCheckFound: null } })
      const result = await t.execute(CheckNow, { badgeId: String(other.id) }, { cookie: await t.login(login) })
      expect(result.errors).toBeUndefined()
      expect(result.data!.checkBadgeInstallation).toMatchObject({ lastCheckFound: false, installedAt: null })
      expect(result.data!.checkBadgeInstallation.installChecks[0]).toMatchObject({ detail: '未找到标识代码' })
    }
    expect(await checkCount(other.id)).toBe(before + 3)
    const audits = await t.db.prisma.auditLog.count({
      where: { action: 'badge.installCheck', subjectId: String(other.id) },
    })
    expect(audits).toBe(3)
  })

  it('checkBadgeInstallation refuses micro-site and cancelled badges and malformed ids', async () => {
    const cookie = await t.login('qfzf')
    expect(errorCodes(await t.execute(CheckNow, { badgeId: String(microSite.id) }, { cookie }))).toEqual([
      'BAD_USER_INPUT',
    ])
    const host = domain('apicancel')
    routes.set(host, page(html('')))
    const cancelled = await badgeOn(host)
    await t.db.prisma.badge.update({
      where: { id: cancelled.id },
      data: { status: 'CANCELLED', cancelledAt: new Date() },
    })
    expect(errorCodes(await t.execute(CheckNow, { badgeId: String(cancelled.id) }, { cookie }))).toEqual(['CONFLICT'])
    expect(errorCodes(await t.execute(CheckNow, { badgeId: 'abc' }, { cookie }))).toEqual(['NOT_FOUND'])
    expect(await checkCount(microSite.id)).toBe(0)
    expect(await checkCount(cancelled.id)).toBe(0)
  })
})

describe('internal addresses, other ports and what a unit is told', () => {
  const NON_PUBLIC = '域名解析到非公网地址，已拒绝检测'
  let cookie: string

  /** 立即检测 as the owning unit, through the API (createTestApp's outbound: the same stub resolver and dial spy). */
  async function checkNow(englishDomain: string) {
    const badge = await badgeOn(englishDomain)
    network.reset()
    const result = await t.execute(CheckNow, { badgeId: String(badge.id) }, { cookie })
    expect(result.errors).toBeUndefined()
    const check = result.data!.checkBadgeInstallation.installChecks[0]!
    expect(await latestCheck(badge.id)).toMatchObject({
      detail: check.detail,
      httpStatus: check.httpStatus,
      snippetFound: false,
    })
    return check
  }

  beforeAll(async () => {
    cookie = await t.login('qfzf')
  })

  it.each([
    ...INTERNAL_TEST_ADDRESSES.map((address): [string, string[]] => [address, [address]]),
    ['one public and one private answer', [PUBLIC_TEST_ADDRESS, '10.0.0.5']],
  ])('a domain that resolves to %s is refused without connecting', async (_label, answers) => {
    const name = domain('internal')
    network.names.set(name, answers)
    routes.set(name, page(html('secret')))
    const check = await checkNow(name)
    expect(check).toMatchObject({ detail: NON_PUBLIC, httpStatus: null, snippetFound: false })
    expect(network.lookups).toEqual([name])
    expect(network.dials).toEqual([])
  })

  // A site's English domain is a host name with a top-level domain of letters (lib/englishDomain.ts, and a database
  // constraint on site applications), so IP literals reach checkSite only in principle.
  it.each(['127.0.0.1', '2130706433', '0x7f.1', '[::1]', '169.254.169.254'])(
    'the IP literal %s is refused without a lookup or a connection',
    async (literal) => {
      network.reset()
      const outcome = await checkSite(literal, 'X', { outbound: network.options })
      expect(outcome).toMatchObject({ detail: NON_PUBLIC, httpStatus: null, failed: true, snippetFound: false })
      expect(network.lookups).toEqual([])
      expect(network.dials).toEqual([])
    },
  )

  it('refuses a redirect to another port of the same domain without connecting to it', async () => {
    const name = domain('port')
    routes.set(name, redirect(`http://${name}:8080/`))
    const check = await checkNow(name)
    expect(check).toMatchObject({
      detail: '跳转到不允许的端口，已拒绝检测（仅允许 80 和 443）',
      httpStatus: 302,
      url: `http://${name}/`,
    })
    expect(network.dials).toEqual([{ address: SITES, port: 80 }])
  })

  it('refuses a redirect to an internal address without connecting to it', async () => {
    const name = domain('redirinternal')
    routes.set(name, redirect('http://127.0.0.1/'))
    expect(await checkNow(name)).toMatchObject({ detail: '跳转到非公网地址，已拒绝检测', httpStatus: 302 })
    expect(network.dials).toEqual([{ address: SITES, port: 80 }])
  })

  it('checks the domain again on a redirect within it: a second answer that turned private is refused (DNS rebinding)', async () => {
    const name = domain('rebind')
    let lookups = 0
    network.names.set(name, () => (lookups++ === 0 ? [SITES] : ['10.0.0.5']))
    routes.set(name, (req, res) =>
      req.url === '/' ? redirect(`http://${name}/index.html`)(req, res) : page(html('secret'))(req, res),
    )
    expect(await checkNow(name)).toMatchObject({ detail: '跳转到非公网地址，已拒绝检测', httpStatus: 302 })
    expect(lookups).toBe(2)
    expect(network.dials).toEqual([{ address: SITES, port: 80 }])
  })

  it('follows a redirect within the domain to https on 443, and names failures without error codes', async () => {
    const name = domain('https')
    routes.set(name, redirect(`https://${name}/`))
    // Nothing answers on 443 here: the connection is refused, and the unit is told so in Chinese only.
    const check = await checkNow(name)
    expect(check).toMatchObject({ detail: '无法连接', httpStatus: null, url: `https://${name}/` })
    expect(network.dials).toEqual([
      { address: SITES, port: 80 },
      { address: SITES, port: 443 },
    ])
  })

  it('never shows Node error codes, addresses or ports in a detail', async () => {
    const rows = await t.db.prisma.badgeInstallCheck.findMany({ select: { detail: true } })
    expect(rows.length).toBeGreaterThan(20)
    for (const { detail } of rows) {
      expect(detail).not.toMatch(/E[A-Z]{4,}|ERR_|\d+\.\d+\.\d+\.\d+|::|:\d{2,5}\b/)
    }
  })
})
