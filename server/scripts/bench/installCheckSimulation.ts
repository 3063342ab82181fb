// The simulated internet of the installation-check benchmark (bench-install-checks.ts) and of its small version in
// the test suite (tests/api/install-check-simulation.test.ts): N virtual sites www.b<i>.gov.cn served by a few local
// HTTP servers, each site's behaviour fixed by i % 100 (MIX below), so what every check must record is known.
//
// Names reach the local servers only through the installation check's test seams (OutboundOptions: the resolver
// and the final TCP dial, passed in code, never from configuration): each name resolves to a public address (44.x
// its own, 45.0.0.x shared by many sites as a hosting server would be, 46.x for sites that refuse connections), the
// production address guard checks those answers as it would real ones, and only the dial, given an address that
// passed, is sent to 127.0.0.1 (46.x to a port nothing listens on, so the refusal is the kernel's).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'
import type { OutboundOptions } from '../../src/lib/outbound/guardedFetch.ts'
import { badgeSnippet } from '../../src/modules/badges/snippet.ts'

export type Category =
  | 'present'
  | 'missing'
  | 'misplaced'
  | 'redirectWithin'
  | 'redirectAway'
  | 'gbk'
  | 'notFound'
  | 'slow'
  | 'hung'
  | 'refused'

/** i % 100 → behaviour: 75% answer at once, 10% slow (2–8 s, then the page), 4% never answer, 3% refuse. */
export function categoryOf(i: number): Category {
  const r = i % 100
  if (r < 60) return 'present'
  if (r < 68) return 'missing'
  if (r < 72) return 'misplaced'
  if (r < 75) return 'redirectWithin'
  if (r < 77) return 'redirectAway'
  if (r < 80) return 'gbk'
  if (r < 83) return 'notFound'
  if (r < 93) return 'slow'
  if (r < 97) return 'hung'
  return 'refused'
}

/** What the check must record for site i: found, failed, and the detail's text. */
export function expectedOutcome(i: number): { found: boolean; failed: boolean; detail: string } {
  switch (categoryOf(i)) {
    case 'present':
    case 'redirectWithin':
    case 'gbk':
    case 'slow':
      return { found: true, failed: false, detail: '已找到标识代码' }
    case 'missing':
      return { found: false, failed: false, detail: '未找到标识代码' }
    case 'misplaced':
      return { found: false, failed: false, detail: '标识代码不在 </body> 之前' }
    case 'redirectAway':
      return { found: false, failed: false, detail: `跳转到其他域名：${AWAY_HOST}` }
    case 'notFound':
      return { found: false, failed: false, detail: 'HTTP 状态 404' }
    case 'hung':
      return { found: false, failed: true, detail: '连接超时' }
    case 'refused':
      return { found: false, failed: true, detail: '无法连接' }
  }
}

const AWAY_HOST = 'www.elsewhere.example.com'
export const siteDomain = (i: number) => `www.b${i}.gov.cn`
export const siteBadgeNumber = (i: number) => `SIM${String(i).padStart(9, '0')}`
export function siteIndexOf(host: string): number | null {
  const match = /^www\.b(\d+)\.gov\.cn$/i.exec(host.replace(/:\d+$/, '').replace(/\.$/, ''))
  return match ? Number(match[1]) : null
}
/** How long a slow site takes: 2–8 s, spread by i. */
export const slowDelayMs = (i: number) => 2000 + ((i * 7919) % 6001)
/** Every 40th site is on one of 20 shared hosting addresses (about 2.5% of the sites, a few hundred per address). */
const sharedHosting = (i: number) => i % 40 === 3
export const SHARED_ADDRESSES = 20

/** The public address site i resolves to. */
export function addressOf(i: number): string {
  if (categoryOf(i) === 'refused') return `46.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
  if (sharedHosting(i)) return `45.0.0.${(Math.floor(i / 40) % SHARED_ADDRESSES) + 1}`
  return `44.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
}

function page(res: ServerResponse, body: string | Buffer, contentType = 'text/html; charset=utf-8') {
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const filler = '<p>本站为政务网站模拟页面，内容用于标识安装检测的基准测试。</p>'.repeat(20)
const html = (inner: string) =>
  `<!doctype html><html><head><title>模拟网站</title></head><body>${filler}${inner}</body></html>`

/** Answers one request for a virtual site by its Host header. */
function answer(req: IncomingMessage, res: ServerResponse) {
  const i = siteIndexOf(req.headers.host ?? '')
  if (i === null) {
    res.writeHead(404).end()
    return
  }
  const snippet = badgeSnippet(siteBadgeNumber(i))
  switch (categoryOf(i)) {
    case 'present':
      return page(res, html(snippet))
    case 'missing':
      return page(res, html('<p>没有标识</p>'))
    case 'misplaced':
      return page(res, `<html><body>${filler}</body>${snippet}</html>`)
    case 'redirectWithin':
      if (req.url === '/') {
        res.writeHead(301, { location: `http://${siteDomain(i)}/index.html` }).end()
        return
      }
      return page(res, html(snippet))
    case 'redirectAway':
      res.writeHead(302, { location: `http://${AWAY_HOST}/` }).end()
      return
    case 'gbk':
      // "政务网站" in GBK before the snippet.
      return page(
        res,
        Buffer.concat([
          Buffer.from('<html><body>'),
          Buffer.from([0xd5, 0xfe, 0xce, 0xf1, 0xcd, 0xf8, 0xd5, 0xbe]),
          Buffer.from(`${snippet}</body></html>`),
        ]),
        'text/html; charset=GBK',
      )
    case 'notFound':
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>')
      return
    case 'slow': {
      const timer = setTimeout(() => page(res, html(snippet)), slowDelayMs(i))
      res.on('close', () => clearTimeout(timer))
      return
    }
    case 'hung':
      // Never answers; the connection is dropped long after any check has given up.
      setTimeout(() => req.socket.destroy(), 60_000).unref()
      return
    case 'refused':
      // Never reached: these names resolve to 46.x, which the dial sends to a closed port.
      res.writeHead(500).end()
      return
  }
}

export interface SimulatedSites {
  /** The local ports of the HTTP servers. */
  ports: number[]
  /** A local port nothing listens on (connections to it are refused). */
  closedPort: number
  close(): Promise<void>
}

/** Starts `servers` HTTP servers on 127.0.0.1 that answer for every virtual site. */
export async function startSimulatedSites(servers = 4): Promise<SimulatedSites> {
  const started: Server[] = []
  for (let n = 0; n < servers; n += 1) {
    const server = createServer(answer)
    server.keepAliveTimeout = 1000
    server.maxConnections = 10_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    started.push(server)
  }
  // A port that was free a moment ago and that nothing listens on now.
  const probe = createTcpServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const closedPort = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  return {
    ports: started.map((server) => (server.address() as AddressInfo).port),
    closedPort,
    close: async () => {
      for (const server of started) server.closeAllConnections()
      await Promise.all(started.map((server) => new Promise((resolve) => server.close(resolve))))
    },
  }
}

/** The check's seams for the simulation: names of virtual sites resolve by addressOf; dials go to the servers. */
export function simulatedNetwork(sites: Pick<SimulatedSites, 'ports' | 'closedPort'>): OutboundOptions {
  return {
    resolve: async (hostname) => {
      const i = siteIndexOf(hostname)
      if (i === null) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
      return [addressOf(i)]
    },
    dial: (address) => {
      if (address.startsWith('46.')) return connect({ host: '127.0.0.1', port: sites.closedPort })
      const last = Number(address.split('.').pop())
      return connect({ host: '127.0.0.1', port: sites.ports[last % sites.ports.length]! })
    },
  }
}

/**
 * Adds `count` ACTIVE self-built badges for sites 1..count: each on a site application cloned from the first one
 * in the database (the demo data's), with its own serial number and English domain. Returns how many were added.
 */
export async function addSimulatedBadges(prisma: PrismaClient, count: number, firstIndex = 1): Promise<number> {
  const columns = (
    await prisma.$queryRaw<{ name: string }[]>`
      SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'site_applications' AND column_name <> 'id'
       ORDER BY ordinal_position`
  ).map((row) => row.name)
  const overrides: Record<string, string> = {
    serialNumber: `'SIM-' || lpad(i::text, 9, '0')`,
    englishDomain: `'www.b' || i || '.gov.cn'`,
    useMicroSite: 'false',
    chineseDomainId: 'NULL',
    status: `'BADGE_ISSUED'`,
  }
  const list = columns.map((name) => `"${name}"`).join(', ')
  const values = columns.map((name) => overrides[name] ?? `t."${name}"`).join(', ')
  const last = firstIndex + count - 1
  // One statement: the applications, then a badge for each (joined back by the serial number). Marked as an import
  // batch, so the per-row 区域统计 bookkeeping triggers stay out of it (these sites are not counted anywhere).
  const insert = `
    WITH template AS (SELECT * FROM "site_applications" ORDER BY "id" LIMIT 1),
    applications AS (
      INSERT INTO "site_applications" (${list})
      SELECT ${values} FROM template t, generate_series(${firstIndex}, ${last}) AS i
      RETURNING "id", "unitId", "siteName", "englishDomain", "serialNumber"
    )
    INSERT INTO "badges" ("badgeNumber", "siteApplicationId", "unitId", "status", "placement", "siteName", "englishDomain", "issuedAt", "installDeadline")
    SELECT 'SIM' || substr(a."serialNumber", 5), a."id", a."unitId", 'ACTIVE', 'SELF_BUILT', a."siteName", a."englishDomain",
           now() - interval '30 days', now() + interval '30 days'
      FROM applications a`
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT set_config('conac.import_batch', 'on', true)`)
      return tx.$executeRawUnsafe(insert)
    },
    { timeout: 600_000 },
  )
}

/** Per category, and overall, how the recorded results of run `runId` compare with what each site serves. */
export async function verifyRun(prisma: PrismaClient, runId: number) {
  const rows = await prisma.$queryRaw<{ domain: string; found: boolean; failed: boolean; detail: string | null }[]>`
    SELECT b."englishDomain" AS domain, c."snippetFound" AS found, c."failed", c."detail"
      FROM "badge_install_checks" c JOIN "badges" b ON b."id" = c."badgeId"
     WHERE c."runId" = ${runId} AND b."badgeNumber" LIKE 'SIM%'`
  const mismatches: string[] = []
  const byCategory = new Map<Category, { checked: number; right: number }>()
  for (const row of rows) {
    const i = siteIndexOf(row.domain)!
    const expected = expectedOutcome(i)
    const category = categoryOf(i)
    const tally = byCategory.get(category) ?? { checked: 0, right: 0 }
    byCategory.set(category, tally)
    tally.checked += 1
    const right = row.found === expected.found && row.failed === expected.failed && row.detail === expected.detail
    if (right) tally.right += 1
    else if (mismatches.length < 20)
      mismatches.push(
        `${row.domain} (${category}): recorded found=${row.found} failed=${row.failed} "${row.detail}", expected found=${expected.found} failed=${expected.failed} "${expected.detail}"`,
      )
  }
  const right = [...byCategory.values()].reduce((sum, tally) => sum + tally.right, 0)
  return { recorded: rows.length, right, wrong: rows.length - right, mismatches, byCategory }
}
