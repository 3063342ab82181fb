// Issue 23: 标识安装检测 at national scale. Checks BENCH_CHECK_SITES (default 200,000) simulated sites with the real
// job and measures, on this machine, while our API serves the review queue:
//   - the run's wall time and sites per second (target: 200,000 sites within 60 minutes);
//   - the job process's resident memory over the run (target: flat, not growing with the sites checked);
//   - the review-queue page's p95 (bench-api.ts's queue phase: 20 keep-alive clients, 5 s warm-up + 15 s timed)
//     before the run, and at a tenth and at half of it (target: each within 1.2× of the run without checks);
//   - the correctness of every recorded result against what each site serves (target: exact).
//
// The sites (scripts/bench/installCheckSimulation.ts): www.b<i>.gov.cn, served by 4 local HTTP servers in a process
// of their own, with a fixed mix by i % 100: 60% present, 8% missing, 4% after </body>, 3% redirected within the
// domain, 2% redirected away, 3% GBK, 3% HTTP 404, 10% slow (2–8 s, then present), 4% never answering (the
// check's 10 s timeout), 3% refusing connections; 2.5% of them share 20 hosting addresses. The names reach those
// servers only through the check's test seams (resolution and the final TCP dial, passed in code); the production
// address guard checks every answer as it would real ones.
//
// The badges live in a database of their own, BENCH_CHECK_DATABASE (default install_checks_bench) on the server of
// BENCH_DATABASE_URL, made afresh each run (migrations, the demo data, then one cloned site application and badge
// per site). The job runs as the scheduler process would (scripts/bench/install-check-job.ts: runJob of
// installChecks, today's period, the configured limits and pace), at the scheduler's niceness (deploy/systemd:
// Nice=10); the simulated sites run at niceness 15, since in production they are not on this machine. Our API runs
// over BENCH_DATABASE_URL (a database the national generator loaded) as bench-api.ts runs it.
//
// Prints the figures and appends them to docs/benchmarks.md (BENCH_DOCS=off: print only). Reports; does not gate.
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55401/national npm run bench:install-checks -w server
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { config } from '../src/config.ts'
import { seedDatabase } from '../src/seed/index.ts'
import { apiStartArgs, buildServer } from './build.mjs'
import {
  appendToDocsSection,
  busiestCounty,
  gitCommit,
  ourApiEnvironment,
  portalDocumentEntry,
  tokenFor,
} from './bench-support.ts'
import type { DriveResult, DriveSpec } from './bench/drive.ts'
import { addSimulatedBadges, verifyRun } from './bench/installCheckSimulation.ts'
import { loadAverage, rssMb, startServer, stopAll, waitUntilReady } from './bench/processes.ts'
import { prepareFreshDatabase } from './national/fresh.ts'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const SITES = Number(process.env.BENCH_CHECK_SITES ?? 200_000)
const CHECK_DATABASE = process.env.BENCH_CHECK_DATABASE ?? 'install_checks_bench'
const API_PORT = Number(process.env.BENCH_API_PORT ?? 4601)
const CLIENTS = 20
const WARMUP_SECONDS = 5
const SECONDS = 15
const WRITE_DOCS = (process.env.BENCH_DOCS ?? 'on') !== 'off'
/** The scheduler's niceness in deploy/systemd/conac-scheduler.service, and the simulated sites'. */
const JOB_NICENESS = 10
const SITES_NICENESS = 15

const TARGETS = { minutes: 60, p95Ratio: 1.2 }
/** How far the run is when the queue is timed while it runs. */
const DURING_AT = [0.1, 0.5]

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')

interface Request {
  url: string
  headers: Record<string, string>
  body: string
}

/** One timed run of the load process (scripts/bench/drive.ts) against `request`. */
async function drive(label: string, request: Request): Promise<DriveResult> {
  const spec: DriveSpec = { ...request, connections: CLIENTS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS }
  const driver = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/drive.ts', JSON.stringify(spec)], {
    cwd: serverDir,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  let result: DriveResult | null = null
  for await (const line of createInterface({ input: driver.stdout! })) {
    if (line === 'READY') driver.stdin!.write('GO\n')
    else if (line.startsWith('RESULT ')) {
      result = JSON.parse(line.slice('RESULT '.length)) as DriveResult
      driver.stdin!.end()
    }
  }
  if (!result) throw new Error(`${label}: the load process ended without a result`)
  console.log(
    `${label}: ${fmt(result.requests / result.seconds, 0)} requests/s, p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms, p99 ${fmt(result.p99)} ms` +
      (result.non2xx + result.errors + result.timeouts
        ? ` — ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`
        : ''),
  )
  return result
}

/** Starts `node args…` at `niceness`, its stdout read line by line by `onLine`. */
function startChild(args: string[], env: NodeJS.ProcessEnv, niceness: number, onLine: (line: string) => void) {
  const child = spawn(process.execPath, args, { cwd: serverDir, env, stdio: ['pipe', 'pipe', 'inherit'] })
  os.setPriority(child.pid!, niceness)
  createInterface({ input: child.stdout! }).on('line', onLine)
  process.on('exit', () => child.kill('SIGTERM'))
  return child
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  )

async function main() {
  const nationalUrl = process.env.BENCH_DATABASE_URL
  if (!nationalUrl)
    throw new Error('Set BENCH_DATABASE_URL to a database loaded by the national generator (for the review queue)')
  const checkUrl = new URL(nationalUrl)
  checkUrl.pathname = `/${CHECK_DATABASE}`
  const loadBefore = loadAverage()
  // The code the run's processes load now (a commit made while it runs is not what it measured).
  const commit = gitCommit()
  console.log(
    `标识安装检测 benchmark — node ${process.version}, ${os.cpus().length} cores, load ${loadBefore}; ${SITES} sites; ` +
      `limits: ${config.installChecks.concurrency} in all, ${config.installChecks.perAddress} per address, ` +
      `${config.installChecks.maxSitesPerSecond || 'no limit'} sites/s, ${config.installChecks.timeoutMs} ms per site`,
  )

  // The badges: a fresh database with the demo data and one cloned application and badge per site.
  const preparing = performance.now()
  await prepareFreshDatabase(checkUrl.toString(), () => {})
  const checkPool = new pg.Pool({ connectionString: checkUrl.toString(), max: 2 })
  const checks = new PrismaClient({ adapter: new PrismaPg(checkPool) })
  await seedDatabase(checks, { demo: true })
  for (let first = 1; first <= SITES; first += 50_000)
    await addSimulatedBadges(checks, Math.min(50_000, SITES - first + 1), first)
  // Loading 200,000 badges leaves work behind (the vacuum of the new rows, their dirty pages): done now, so it does
  // not fall into the queue's timed window before the run, which is the baseline.
  await checks.$executeRawUnsafe('VACUUM ANALYZE')
  await checks.$executeRawUnsafe('CHECKPOINT')
  console.log(`prepared ${SITES} badges in ${CHECK_DATABASE} in ${fmt((performance.now() - preparing) / 1000)} s`)

  // Our API over the national dataset, and the review-queue request.
  const nationalPool = new pg.Pool({ connectionString: nationalUrl, max: 2 })
  const national = new PrismaClient({ adapter: new PrismaPg(nationalPool) })
  const county = process.env.BENCH_COUNTY ?? (await busiestCounty(national))
  if (!county) throw new Error('no county has domains waiting for its office: is the national dataset loaded?')
  const token = await tokenFor(national, county, '安装检测基准测试')
  await buildServer(['api'])
  const api = startServer({
    name: 'our API',
    args: apiStartArgs(),
    cwd: serverDir,
    logFile: path.join(os.tmpdir(), 'bench-install-checks-api.log'),
    url: `http://127.0.0.1:${API_PORT}/graphql`,
    env: ourApiEnvironment(nationalUrl, API_PORT),
  })
  const queue: Request = {
    url: api.url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.secret}` },
    body: JSON.stringify({ documentId: portalDocumentEntry('DomainReviewQueue').id, variables: { first: 20 } }),
  }
  await waitUntilReady(
    api,
    async () => (await fetch(queue.url, { method: 'POST', headers: queue.headers, body: queue.body })).status === 200,
    300_000,
  )

  try {
    const before = await drive('review queue, no checks running', queue)

    // The simulated sites, then the job as the scheduler process runs it.
    let sitesReady: (value: { ports: number[]; closedPort: number }) => void
    const ready = new Promise<{ ports: number[]; closedPort: number }>((resolve) => (sitesReady = resolve))
    const sites = startChild(
      ['--import', 'tsx', 'scripts/bench/simulated-sites.ts', '4'],
      process.env,
      SITES_NICENESS,
      (line) => {
        if (line.startsWith('READY ')) sitesReady(JSON.parse(line.slice(6)))
      },
    )
    const network = await ready
    let progress = { total: 0, checked: 0, found: 0, missing: 0, failed: 0, etaSeconds: null as number | null }
    const ended: {
      done: { runId: number; status: string; error: string | null; result: unknown; seconds: number } | null
    } = {
      done: null,
    }
    const startedAt = performance.now()
    const job = startChild(
      ['--import', 'tsx', 'scripts/bench/install-check-job.ts', JSON.stringify(network)],
      ourApiEnvironment(checkUrl.toString(), 0),
      JOB_NICENESS,
      (line) => {
        if (line.startsWith('PROGRESS ')) progress = JSON.parse(line.slice(9))
        else if (line.startsWith('DONE ')) {
          ended.done = JSON.parse(line.slice(5))
          // PROGRESS comes at most once a second, so the last batch may not have had one: the run's own counts.
          progress = { ...progress, ...(ended.done!.result as Partial<typeof progress>) }
        }
      },
    )
    let jobGone = false
    const jobExit = exited(job).finally(() => (jobGone = true))
    // Resident memory of the job process every 2 s, with how far the run was.
    const rss: { checked: number; mb: number }[] = []
    const sampler = setInterval(() => {
      const mb = rssMb(job.pid!)
      if (mb !== null) rss.push({ checked: progress.checked, mb })
    }, 2000)
    let lastReport = 0
    const reporter = setInterval(() => {
      if (performance.now() - lastReport < 60_000) return
      lastReport = performance.now()
      console.log(
        `  ${fmt((performance.now() - startedAt) / 60_000)} min: ${progress.checked} / ${progress.total} checked ` +
          `(found ${progress.found}, missing ${progress.missing}, failed ${progress.failed}), ETA ${progress.etaSeconds ?? '?'} s, ` +
          `job RSS ${fmt(rss[rss.length - 1]?.mb ?? NaN, 0)} MB, load ${loadAverage()}`,
      )
    }, 5000)

    // The queue again while the run goes on: once a tenth of it is done, and at half of it.
    const during: DriveResult[] = []
    let loadDuring = ''
    for (const fraction of DURING_AT) {
      while (!jobGone && progress.checked < progress.total * fraction + 1)
        await new Promise((resolve) => setTimeout(resolve, 1000))
      if (ended.done) break
      during.push(await drive(`review queue, while the checks run (${fraction * 100}% done)`, queue))
      loadDuring = loadAverage()
    }
    const exitCode = await jobExit
    clearInterval(sampler)
    clearInterval(reporter)
    sites.stdin!.end()
    await exited(sites)
    const finished = ended.done
    if (!finished) throw new Error(`the job process exited (${exitCode}) without finishing`)
    const after = await drive('review queue, after the run', queue)

    const wallSeconds = finished.seconds
    const verification = await verifyRun(checks, finished.runId)
    const recorded = await checks.badgeInstallCheck.count({ where: { runId: finished.runId } })
    const atFraction = (fraction: number) =>
      rss.find((sample) => sample.checked >= fraction * progress.total)?.mb ?? NaN
    const peak = Math.max(...rss.map((sample) => sample.mb))
    // The target holds for every window of the run: the worse one decides.
    const p95Ratio = during.length ? Math.max(...during.map((window) => window.p95)) / before.p95 : NaN
    const p95s = [before, ...during, after].map((window) => fmt(window.p95)).join(' / ')
    const rates = [before, ...during, after].map((window) => fmt(window.requests / window.seconds, 0)).join(' / ')
    const windows = `before / ${DURING_AT.map((fraction) => `at ${fraction * 100}%`).join(' / ')} / after`
    const siteCount = (progress as { sites?: number }).sites ?? SITES
    const loadAfter = loadAverage()

    const rows = [
      `| wall time of the run | ${fmt(wallSeconds / 60)} min (${fmt(siteCount / wallSeconds, 0)} sites/s) | ≤ ${TARGETS.minutes} min | ${verdict(wallSeconds <= TARGETS.minutes * 60)} |`,
      `| recorded: found / missing / failed | ${progress.found} / ${progress.missing} / ${progress.failed} of ${progress.checked} (${recorded} rows, ${finished.status}) | every badge once | ${verdict(recorded === SITES && progress.checked === SITES)} |`,
      `| correctness against what each site serves | ${verification.right} right, ${verification.wrong} wrong | exact | ${verdict(verification.wrong === 0 && verification.recorded === SITES)} |`,
      `| review queue p95: ${windows}, ms | ${p95s} | each during ≤ ${TARGETS.p95Ratio}× before | ${during.length === DURING_AT.length ? `${fmt(p95Ratio, 2)}× (the worse), ${verdict(p95Ratio <= TARGETS.p95Ratio)}` : 'n/a (run ended first)'} |`,
      `| review queue requests/s: ${windows} | ${rates} | | |`,
      `| job RSS at 10% / 50% / 90% / peak, MB | ${fmt(atFraction(0.1), 0)} / ${fmt(atFraction(0.5), 0)} / ${fmt(atFraction(0.9), 0)} / ${fmt(peak, 0)} | flat | ${verdict(atFraction(0.9) <= atFraction(0.1) * 1.25)} |`,
    ]
    for (const line of verification.mismatches.slice(0, 10)) console.log(`  wrong: ${line}`)
    const categories = [...verification.byCategory.entries()]
      .map(([category, tally]) => `${category} ${tally.right}/${tally.checked}`)
      .join(', ')
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
    const block = [
      `#### ${when} UTC — ${SITES} sites, commit ${commit}`,
      '',
      `Load average ${loadBefore} before, ${loadDuring} during (after the queue phase), ${loadAfter} after; ${os.cpus().length} cores. ` +
        `Limits ${config.installChecks.concurrency} / ${config.installChecks.perAddress} per address, ${config.installChecks.maxSitesPerSecond || 'no'} sites/s, ${config.installChecks.timeoutMs} ms per site. ` +
        `Right per category: ${categories}.`,
      '',
      '| measure | figure | target | |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n')
    console.log(`\n${block}`)
    if (WRITE_DOCS) appendToDocsSection(DOCS_HEADING, DOCS_INTRO, block)
  } finally {
    await national.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } }).catch(() => {})
    stopAll()
    await Promise.all([checks.$disconnect(), national.$disconnect()])
    await Promise.all([checkPool.end(), nationalPool.end()])
  }
}

const DOCS_HEADING = '### 标识安装检测 at national scale (issue 23)'
const DOCS_INTRO = `${DOCS_HEADING}

\`npm run bench:install-checks -w server\` (\`server/scripts/bench-install-checks.ts\`): the real job (runJob of
installChecks, in a process of its own at niceness 10 as the scheduler runs) over 200,000 simulated sites
(\`server/scripts/bench/installCheckSimulation.ts\`: 4 local HTTP servers in a process at niceness 15; 60% present,
8% missing, 4% after </body>, 3% redirected within the domain, 2% away, 3% GBK, 3% HTTP 404, 10% slow 2–8 s,
4% never answering, 3% refusing; 2.5% on 20 shared hosting addresses), reached only through the check's resolver and
dial seams with the production address guard on. The badges are in a fresh database on the same PostgreSQL server;
our API serves the national dataset's review queue (20 clients, 5 s warm-up + 15 s timed) before the run, once a
tenth of it is done, at half of it, and after. Correctness: every recorded row against what its site serves.
`

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error)
    stopAll()
    process.exit(1)
  })
