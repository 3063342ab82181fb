// Benchmark of the 申请函 PDF (issue 15, item 13): how long letter.pdf takes on a portal that has just started (the
// first render launches Chromium: cold), on the renders right after it (warm), and once more after a quiet spell
// (a clerk prints now and then: the renderer used to close its browser after a minute without renders), in one run,
// with the machine's load. Not a test: it asserts nothing; docs/benchmarks.md records its figures.
//
//   npm run build                     # the portal must be built
//   npm run bench:pdf -w tests        # starts an API (fresh embedded database) and a portal on free ports
//   BENCH_API_URL=http://127.0.0.1:4000 npm run bench:pdf -w tests   # or uses an API that is already running
//   BENCH_RENDERS=10 ...              # warm renders (default 6)
//   BENCH_IDLE_SECONDS=0 ...          # the quiet spell before the last render (default 65; 0 leaves it out)
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { graphql } from '../graphql/generated/index.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import {
  freePort,
  PORTAL_READY,
  portalProcess,
  SECOND_FACTOR_TEST_ENV,
  startProcess,
  type Started,
} from '../testkit/processes.ts'
import { TEST_PII_ENCRYPTION_KEYS } from '../testkit/piiKeys.ts'

const WARM_RENDERS = Number(process.env.BENCH_RENDERS ?? 6)
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 65)

const Applications = graphql(`
  query BenchPdfApplications {
    siteApplications(first: 20) {
      edges {
        node {
          id
          serialNumber
        }
      }
    }
  }
`)

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')

async function startApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_API_URL) return { url: process.env.BENCH_API_URL, stop: async () => {} }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-bench-'))
  const port = await freePort()
  const api: Started = await startProcess({
    name: 'API',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/main.ts'],
    cwd: path.join(repositoryRoot, 'server'),
    env: {
      API_PORT: String(port),
      PGLITE_DIR: dataDir,
      DATABASE_URL: '',
      EMBEDDED_DATABASE_IN_PRODUCTION: 'true',
      NODE_ENV: 'production',
      PII_ENCRYPTION_KEYS: TEST_PII_ENCRYPTION_KEYS,
      SCHEDULER: 'false',
      PUBLIC_PORTAL_URL: 'http://127.0.0.1:3000',
      // Production requires the forwarding server's address (config.ts).
      URL_FORWARD_SERVER_IPV4: '127.0.0.1',
      ...SECOND_FACTOR_TEST_ENV,
      TRUSTED_DOCUMENTS: 'on',
      TRUSTED_DOCUMENTS_EXTRA: path.join(repositoryRoot, 'tests/graphql/generated/persisted-documents.json'),
    },
    ready: /GraphQL on http/,
    timeoutMs: 600_000,
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await api.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Milliseconds of one GET, and its status and size (the body is read to the end). */
async function timed(url: string, cookie?: string): Promise<{ ms: number; status: number; bytes: number }> {
  const start = performance.now()
  const response = await fetch(url, { headers: cookie ? { cookie } : {} })
  const body = await response.arrayBuffer()
  return { ms: performance.now() - start, status: response.status, bytes: body.byteLength }
}

function expectPdf(label: string, answer: { status: number; bytes: number }) {
  if (answer.status !== 200 || answer.bytes < 1000)
    throw new Error(`${label}: answered ${answer.status} with ${answer.bytes} bytes`)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => `${Math.round(value)} ms`

async function main() {
  console.log(`machine: ${availableParallelism()} cores, load average (1/5/15 min) ${load()} at start`)
  const api = await startApi()
  const port = await freePort()
  const portalUrl = `http://127.0.0.1:${port}`
  let portal: Started | undefined
  try {
    portal = await startProcess({
      name: 'portal',
      ...portalProcess(port, { API_URL: api.url, PUBLIC_PORTAL_URL: portalUrl }),
      ready: PORTAL_READY,
    })
    const cookie = await sessionCookie(api.url, 'qfyy')
    const applications = await mustPost(api.url, Applications, {}, cookie)
    const id = applications.siteApplications.edges.find((edge) => edge.node.serialNumber === 'WZ-2025-000001')?.node.id
    if (!id) throw new Error('the demo application WZ-2025-000001 of qfyy is missing')
    const pdfUrl = `${portalUrl}/print/site-application/${id}/letter.pdf`

    // Load the route code and the print page's server render once, so "cold" measures the renderer, not Next's first
    // request of a route.
    await timed(pdfUrl)
    const page = await timed(`${portalUrl}/print/site-application/${id}/letter`, cookie)

    const cold = await timed(pdfUrl, cookie)
    expectPdf('cold render', cold)
    const warm: number[] = []
    for (let i = 0; i < WARM_RENDERS; i++) {
      const answer = await timed(pdfUrl, cookie)
      expectPdf(`warm render ${i + 1}`, answer)
      warm.push(answer.ms)
    }
    const typical = median(warm)
    let afterIdle: number | undefined
    if (IDLE_SECONDS > 0) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000))
      const answer = await timed(pdfUrl, cookie)
      expectPdf('render after the quiet spell', answer)
      afterIdle = answer.ms
    }
    console.log(`print page (HTML, server render only): ${ms(page.ms)}`)
    console.log(`letter.pdf cold (first render, launches Chromium): ${ms(cold.ms)}  (${cold.bytes} bytes)`)
    console.log(
      `letter.pdf warm x${warm.length}: median ${ms(typical)}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}  [${warm.map(ms).join(', ')}]`,
    )
    console.log(`cold / warm median: ${(cold.ms / typical).toFixed(2)}`)
    if (afterIdle !== undefined)
      console.log(
        `letter.pdf after ${IDLE_SECONDS} s without renders: ${ms(afterIdle)}  (/ warm median: ${(afterIdle / typical).toFixed(2)})`,
      )
    console.log(`load average (1/5/15 min) at the end: ${load()}`)
  } finally {
    await portal?.stop()
    await api.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
