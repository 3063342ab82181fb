// The load generator of the side-by-side benchmark, run as a process of its own so that the servers measured do
// not share a Node event loop with it. Given one request (URL, headers, body) it keeps `connections` keep-alive
// clients busy with it: first for the warm-up, then — after the parent answers GO on stdin, when it has read the
// servers' CPU counters — for the timed run. Prints READY and then RESULT <json> on stdout.
//
// Run by bench-api.ts: node --import tsx scripts/bench/drive.ts '<json spec>'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'

export interface DriveSpec {
  url: string
  /** More servers of the same kind (our API's other processes): the connections are spread over url and these. */
  moreUrls?: string[]
  headers: Record<string, string>
  body: string
  connections: number
  warmupSeconds: number
  seconds: number
}

export interface DriveResult {
  requests: number
  seconds: number
  /** Every response's latency in ms is not sent back; these are computed here from all of them. */
  p50: number
  p95: number
  p99: number
  non2xx: number
  errors: number
  timeouts: number
  /** This load process's own CPU over the timed run (ms): on a 2-core machine it competes with the server. */
  clientCpuMs: number
}

async function run(spec: DriveSpec, seconds: number, latencies: number[] | null) {
  // Fewer clients than servers (the dashboards' one): the first servers get one each.
  const urls = [spec.url, ...(spec.moreUrls ?? [])].slice(0, Math.max(1, spec.connections))
  let ok = 0
  const instances = urls.map((url, i) => {
    // The clients split as evenly as they go: 20 over two processes is 10 and 10.
    const connections = Math.floor(spec.connections / urls.length) + (i < spec.connections % urls.length ? 1 : 0)
    const instance = autocannon({
      url,
      method: 'POST',
      headers: spec.headers,
      body: spec.body,
      connections,
      pipelining: 1,
      duration: seconds,
    })
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) {
        ok += 1
        latencies?.push(ms)
      }
    })
    return instance
  })
  const started = performance.now()
  const results = await Promise.all(instances)
  const result = {
    non2xx: results.reduce((sum, each) => sum + each.non2xx, 0),
    errors: results.reduce((sum, each) => sum + each.errors, 0),
    timeouts: results.reduce((sum, each) => sum + each.timeouts, 0),
  }
  return { result, ok, seconds: (performance.now() - started) / 1000 }
}

const at = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN

async function main() {
  // The parent gone (Ctrl-C, error): nothing to report to, so stop quietly.
  process.stdout.on('error', () => process.exit(1))
  const spec = JSON.parse(process.argv[2] ?? '') as DriveSpec
  if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds, null)
  process.stdout.write('READY\n')
  const lines = createInterface({ input: process.stdin })
  let go = false
  for await (const line of lines)
    if (line.trim() === 'GO') {
      go = true
      break
    }
  // stdin closed without GO: the parent is gone (Ctrl-C, error); no load on a server nobody measures.
  if (!go) process.exit(1)
  const latencies: number[] = []
  const cpu = process.cpuUsage()
  const { result, ok, seconds } = await run(spec, spec.seconds, latencies)
  const { user, system } = process.cpuUsage(cpu)
  latencies.sort((a, b) => a - b)
  const summary: DriveResult = {
    requests: ok,
    seconds,
    p50: at(latencies, 50),
    p95: at(latencies, 95),
    p99: at(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    clientCpuMs: (user + system) / 1000,
  }
  process.stdout.write(`RESULT ${JSON.stringify(summary)}\n`)
  lines.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
