// Benchmark of what PowerDNS asks the registry at national scale (issue 18, zone item 2): the lookups by name that
// gpgsql sends for every DNS question, against the pdns views (through pdns.records_named, the queries
// powerdns.ts configures) and, as the baseline, against a plain table holding the same rows with PowerDNS's own
// schema and indexes (what a second copy of the records would cost), in one run, alternating. Also times a few
// lookups through the view by its computed name (gpgsql's default `name = $1`), which the split replaced. Then the
// same names as DNS questions to two PowerDNS servers with their caches off: one on the views (the launcher's
// configuration), one on the plain copy (gpgsql's default queries).
// Not a test: it asserts nothing but that both sides return the same rows; docs/benchmarks.md records its figures.
//
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:dns -w tests
//   BENCH_DOMAINS=300000   registered domains generated (default 300 000; 3–5 records each, one in ten more pending)
//   BENCH_LOOKUPS=3000     names looked up on each side (default 3000; a fifth of them do not exist)
//   BENCH_REBUILD=1        regenerate the dataset even if the benchmark database already holds one of that size
// The benchmark database (conac_bench_dns on the same server) is kept between runs: generating it takes minutes.
import { spawn } from 'node:child_process'
import { Resolver } from 'node:dns/promises'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { domainToASCII } from 'node:url'
import pg from 'pg'
import { openDatabase } from '../../server/src/db/connect.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'
import {
  POWERDNS_QUERIES,
  POWERDNS_SESSION,
  powerDnsConfig,
  startPowerDns,
  type PowerDnsOptions,
} from '../../server/src/modules/dns/publication/powerdns.ts'
import { queryZoneSerial } from '../../server/src/modules/dns/publication/probe.ts'
import { seedDatabase } from '../../server/src/seed/index.ts'
import { migrationsDir } from '../testkit/paths.ts'
import { freeDnsPort, POWERDNS_BINARY } from '../testkit/powerdns.ts'

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
const DATABASE = 'conac_bench_dns'
const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 300_000)
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 3000)
const COMPUTED_NAME_LOOKUPS = 5
/** Names asked over DNS on each side (each question costs PowerDNS several lookups). */
const DNS_QUESTIONS = Math.min(LOOKUPS, 1000)
const TARGET_RATIO = 2

const COLUMNS = 'SELECT content,ttl,prio,type,domain_id,disabled::int,name,auth::int'
/** gpgsql's default any-id-query, on the plain table. */
const PLAIN_ANY_ID = `${COLUMNS} FROM bench_plain.records WHERE disabled=false and name=$1 and domain_id=$2`
/** gpgsql's default any-id-query, on the view (its computed name). */
const VIEW_BY_COMPUTED_NAME = `${COLUMNS} FROM pdns.records WHERE disabled=false and name=$1 and domain_id=$2`

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')

function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** The generated dataset's size, or null when the benchmark database does not hold one. */
async function datasetSize(): Promise<number | null> {
  try {
    return await withClient(databaseUrl(DATABASE), async (client) => {
      const { rows } = await client.query<{ domains: number }>('SELECT domains FROM bench_plain.dataset')
      return rows[0]?.domains ?? null
    })
  } catch {
    return null
  }
}

/**
 * Straight in SQL: DOMAINS registered domains (a tenth of them .公益) named 基准单位 + the number in Chinese
 * numerals, a tenth more pending; per registered
 * domain an A and an MX at @, a CNAME at www, a TXT at @ for every second one and an A at a.b (an empty
 * non-terminal b) for every third one. The serial triggers are off while loading (one UPDATE per row otherwise).
 * Only a benchmark database is changed this way: its name check is dropped and its 区域统计 counters are not kept.
 */
async function generateDataset() {
  await withClient(ADMIN_URL!, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${DATABASE}"`)
  })
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(DATABASE), poolSize: 2 })
  await applyMigrations(database.sql, migrationsDir)
  await seedDatabase(database.prisma)
  await database.close()
  await withClient(databaseUrl(DATABASE), async (client) => {
    const step = async (label: string, sql: string) => {
      const started = performance.now()
      await client.query(sql)
      console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    console.log(`generating ${DOMAINS} registered domains (load ${load()})`)
    // The registry computes A-labels in SQL (idna_a_label, in the name check and the domain_names trigger), about
    // 3 ms a name here: Node's UTS #46 computes the same A-labels for the generated names in a second.
    const total = DOMAINS + Math.floor(DOMAINS / 10)
    const names = Array.from(
      { length: total },
      (_, i) => `基准单位${String(i + 1).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!)}`,
    )
    const aLabels = names.map((name) => domainToASCII(name))
    await step(
      'triggers and name check off while loading',
      `ALTER TABLE dns_records DISABLE TRIGGER dns_records_bump_zone_serial;
       ALTER TABLE domain_names DISABLE TRIGGER domain_names_bump_zone_serial;
       ALTER TABLE domains DISABLE TRIGGER domains_sync_names;
       ALTER TABLE domains DISABLE TRIGGER region_statistics;
       ALTER TABLE domains DROP CONSTRAINT domains_name_format`,
    )
    const started = performance.now()
    await client.query(
      `INSERT INTO domains (name, suffix, "unitId", status, years, "registeredAt", "expiresAt", "updatedAt")
       SELECT n.name,
              (CASE WHEN n.i % 10 = 0 THEN 'GONGYI' ELSE 'ZHENGWU' END)::"DomainSuffix",
              (SELECT min(id) FROM units),
              (CASE WHEN n.i > $2 THEN 'PENDING_OFFICE_REVIEW' ELSE 'REGISTERED' END)::"DomainStatus",
              1,
              CASE WHEN n.i > $2 THEN NULL ELSE now() END,
              CASE WHEN n.i > $2 THEN NULL ELSE now() + interval '1 year' END,
              now()
         FROM unnest($1::text[]) WITH ORDINALITY AS n(name, i)`,
      [names, DOMAINS],
    )
    await client.query(
      `INSERT INTO domain_names (domain_id, suffix, u_label, a_label, kind, resolves, live)
       SELECT d.id, d.suffix, d.name, n.a_label, 'PRIMARY', true, true
         FROM unnest($1::text[], $2::text[]) AS n(name, a_label) JOIN domains d ON d.name = n.name`,
      [names, aLabels],
    )
    console.log(`  domains and domain_names: ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await step(
      'dns_records',
      `INSERT INTO dns_records ("domainId", host, type, value, ttl, priority, "updatedAt")
       SELECT d.id, r.host, r.type::"DnsRecordType", r.value, 600, r.priority, now()
         FROM domains d
        CROSS JOIN LATERAL (VALUES
          ('@', 'A', '192.0.2.' || (d.id % 250 + 1), NULL::int, true),
          ('@', 'MX', 'mail.example.gov.cn', 10, true),
          ('www', 'CNAME', 'site.example.gov.cn', NULL, true),
          ('@', 'TXT', 'v=spf1 -all', NULL, d.id % 2 = 0),
          ('a.b', 'A', '198.51.100.' || (d.id % 250 + 1), NULL, d.id % 3 = 0)
        ) AS r(host, type, value, priority, present)
        WHERE d.status = 'REGISTERED' AND r.present`,
    )
    await step(
      'triggers on',
      `ALTER TABLE dns_records ENABLE TRIGGER dns_records_bump_zone_serial;
       ALTER TABLE domain_names ENABLE TRIGGER domain_names_bump_zone_serial;
       ALTER TABLE domains ENABLE TRIGGER domains_sync_names`, // region_statistics stays off (see above)
    )
    // The baseline: the rows PowerDNS is served, copied into a table shaped like PowerDNS's own schema
    // (/usr/share/doc/pdns-backend-pgsql/schema.pgsql.sql: rec_name_index, nametype_index, domain_id).
    await step(
      'plain copy (baseline)',
      `CREATE SCHEMA bench_plain;
       CREATE TABLE bench_plain.records AS
         SELECT id, domain_id, name, type, content, ttl, prio, disabled, ordername, auth FROM pdns.records;
       CREATE INDEX rec_name_index ON bench_plain.records (name);
       CREATE INDEX nametype_index ON bench_plain.records (name, type);
       CREATE INDEX domain_id ON bench_plain.records (domain_id);
       CREATE TABLE bench_plain.dataset AS SELECT ${DOMAINS} AS domains`,
    )
    await step('ANALYZE', 'ANALYZE')
  })
}

interface Lookup {
  name: string
  domainId: number
}

/** Names PowerDNS would be asked: existing ones (apex, hosts, empty non-terminals) and a fifth that do not exist. */
async function sampleNames(client: pg.Client): Promise<Lookup[]> {
  const existing = await client.query<{ name: string; domain_id: number }>(
    `SELECT DISTINCT name, domain_id FROM bench_plain.records TABLESAMPLE SYSTEM (1) LIMIT ${Math.ceil(LOOKUPS * 0.8)}`,
  )
  const lookups = existing.rows.map((row) => ({ name: row.name, domainId: row.domain_id }))
  const missing = LOOKUPS - lookups.length
  for (let i = 0; i < missing; i++) {
    const base = lookups[i % lookups.length]!
    // Below an existing name, or a label nobody registered.
    lookups.push({ name: i % 2 ? `nx${i}.${base.name}` : `xn--nx${i}-bench.xn--zfr164b`, domainId: 1 })
  }
  return lookups.sort(() => Math.random() - 0.5)
}

const median = (values: number[]) => quantile(values, 0.5)
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

/** Runs a named prepared statement (as gpgsql does) and returns its rows and its wall time in ms. */
async function timed(client: pg.Client, name: string, text: string, values: unknown[]) {
  const started = performance.now()
  const result = await client.query({ name, text, values })
  return { ms: performance.now() - started, rows: result.rows }
}

const rowKey = (rows: Record<string, unknown>[]) =>
  rows
    .map((row) => JSON.stringify(row))
    .sort()
    .join('\n')

/**
 * The baseline server: PowerDNS with gpgsql's default queries on the plain copy (search_path=bench_plain, which gets
 * PowerDNS's other tables as empty copies), the configuration powerDnsConfig writes otherwise. Resolves its stop().
 */
async function startPlainPowerDns(options: PowerDnsOptions, client: pg.Client): Promise<() => Promise<void>> {
  await client.query(`CREATE TABLE IF NOT EXISTS bench_plain.domains AS SELECT * FROM pdns.domains;
    CREATE TABLE IF NOT EXISTS bench_plain.domainmetadata (LIKE pdns.domainmetadata);
    CREATE TABLE IF NOT EXISTS bench_plain.cryptokeys (LIKE pdns.cryptokeys);
    CREATE TABLE IF NOT EXISTS bench_plain.comments (LIKE pdns.comments);
    CREATE TABLE IF NOT EXISTS bench_plain.tsigkeys (LIKE pdns.tsigkeys)`)
  const dir = mkdtempSync(path.join(tmpdir(), 'conac-bench-pdns-'))
  const config = powerDnsConfig(options, dir)
    .split('\n')
    .filter((line) => !(line.split('=')[0]! in POWERDNS_QUERIES))
    .map((line) => line.replace('search_path=pdns', 'search_path=bench_plain'))
  writeFileSync(path.join(dir, 'pdns.conf'), config.join('\n'))
  const child = spawn(options.binary, [`--config-dir=${dir}`], { stdio: 'ignore' })
  const stop = async () => {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  for (let attempt = 0; (await queryZoneSerial(options, 'xn--zfr164b')) === null; attempt++) {
    if (attempt > 60) {
      await stop()
      throw new Error('the baseline PowerDNS did not answer')
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return stop
}

/** One question (type A) to a DNS server, in ms; NXDOMAIN and NODATA count as answers, a timeout does not. */
async function askA(port: number, name: string): Promise<number> {
  const resolver = new Resolver({ timeout: 10_000, tries: 1 })
  resolver.setServers([`127.0.0.1:${port}`])
  const started = performance.now()
  try {
    await resolver.resolve4(name)
  } catch (error) {
    const code = (error as { code?: string }).code
    // c-ares reports PowerDNS's NXDOMAIN (no recursion offered) as EREFUSED: an answer all the same.
    if (code !== 'ENOTFOUND' && code !== 'ENODATA' && code !== 'EREFUSED') throw error
  }
  return performance.now() - started
}

/** The same names over DNS, from PowerDNS on the views and on the plain copy, caches off, alternating. */
async function timeDnsQuestions(client: pg.Client, lookups: Lookup[]) {
  const base = { databaseUrl: databaseUrl(DATABASE), address: '127.0.0.1', binary: POWERDNS_BINARY, cacheSeconds: 0 }
  const viewServer = await startPowerDns({ ...base, port: await freeDnsPort(), onLog: () => {} })
  const plainPort = await freeDnsPort()
  const stopPlain = await startPlainPowerDns({ ...base, port: plainPort }, client)
  try {
    const view: number[] = []
    const plain: number[] = []
    for (const [index, lookup] of lookups.slice(0, DNS_QUESTIONS).entries()) {
      if (index % 2) {
        plain.push(await askA(plainPort, lookup.name))
        view.push(await askA(viewServer.port, lookup.name))
      } else {
        view.push(await askA(viewServer.port, lookup.name))
        plain.push(await askA(plainPort, lookup.name))
      }
    }
    return { view, plain }
  } finally {
    await viewServer.stop()
    await stopPlain()
  }
}

async function main() {
  if (!ADMIN_URL) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server')
  console.log(`machine: ${availableParallelism()} cores, load average (1/5/15 min) ${load()} at start`)
  if (process.env.BENCH_REBUILD === '1' || (await datasetSize()) !== DOMAINS) await generateDataset()

  await withClient(databaseUrl(DATABASE), async (client) => {
    // PowerDNS's session (search_path, generic plans), for both sides.
    for (const option of POWERDNS_SESSION) await client.query(`SET ${option.replace('=', ' = ')}`)
    const counts = await client.query<{ domains: string; records: string; rows: string }>(
      `SELECT (SELECT count(*) FROM public.dns_publishable_domains) AS domains,
              (SELECT count(*) FROM public.dns_records) AS records,
              (SELECT count(*) FROM bench_plain.records) AS rows`,
    )
    const { domains, records, rows } = counts.rows[0]!
    console.log(`dataset: ${domains} published domains, ${records} dns_records, ${rows} rows served`)

    const lookups = await sampleNames(client)
    const viewQuery = POWERDNS_QUERIES['gpgsql-any-id-query']!
    for (const lookup of lookups.slice(0, 50)) {
      // Warm-up, and the first executions of a prepared statement are planned for their values.
      await timed(client, 'view', viewQuery, [lookup.name, lookup.domainId])
      await timed(client, 'plain', PLAIN_ANY_ID, [lookup.name, lookup.domainId])
    }
    const view: number[] = []
    const plain: number[] = []
    let mismatches = 0
    for (const [index, lookup] of lookups.entries()) {
      const values = [lookup.name, lookup.domainId]
      const first = index % 2 ? 'plain' : 'view'
      const a = await timed(client, first, first === 'view' ? viewQuery : PLAIN_ANY_ID, values)
      const second = first === 'view' ? 'plain' : 'view'
      const b = await timed(client, second, second === 'view' ? viewQuery : PLAIN_ANY_ID, values)
      const [viewRun, plainRun] = first === 'view' ? [a, b] : [b, a]
      view.push(viewRun.ms)
      plain.push(plainRun.ms)
      if (rowKey(viewRun.rows) !== rowKey(plainRun.rows)) {
        mismatches++
        if (mismatches <= 3) console.log(`  MISMATCH for ${lookup.name}`)
      }
    }
    const computed: number[] = []
    for (const lookup of lookups.slice(0, COMPUTED_NAME_LOOKUPS)) {
      computed.push((await timed(client, 'computed', VIEW_BY_COMPUTED_NAME, [lookup.name, lookup.domainId])).ms)
    }
    const explain = await client.query(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${viewQuery.replace('$1', `'${lookups[0]!.name}'`).replace('$2', String(lookups[0]!.domainId))}`,
    )
    const planning = explain.rows.map((row) => row['QUERY PLAN'] as string).filter((line) => / Time: /.test(line))

    const fmt = (ms: number) => ms.toFixed(3)
    console.log(
      `lookups: ${lookups.length} names on each side (gpgsql any-id-query), alternating; ${mismatches} mismatches`,
    )
    console.log(`plain table:            median ${fmt(median(plain))} ms, p95 ${fmt(quantile(plain, 0.95))} ms`)
    console.log(`views (records_named):  median ${fmt(median(view))} ms, p95 ${fmt(quantile(view, 0.95))} ms`)
    console.log(`views by computed name: median ${fmt(median(computed))} ms over ${computed.length} lookups`)
    console.log(`EXPLAIN ANALYZE of one lookup through records_named: ${planning.join(', ')}`)
    const ratio = median(view) / median(plain)
    const ratioP95 = quantile(view, 0.95) / quantile(plain, 0.95)
    console.log(`ratio views/plain: median ${ratio.toFixed(2)}, p95 ${ratioP95.toFixed(2)} (target ≤ ${TARGET_RATIO})`)
    console.log(`ratio computed name/plain: median ${(median(computed) / median(plain)).toFixed(0)}`)
    if (existsSync(POWERDNS_BINARY)) {
      const dns = await timeDnsQuestions(client, lookups)
      console.log(
        `over DNS (PowerDNS, caches off, ${dns.view.length} questions each): plain median ${fmt(median(dns.plain))} ms, ` +
          `views median ${fmt(median(dns.view))} ms, ratio ${(median(dns.view) / median(dns.plain)).toFixed(2)}`,
      )
    }
    console.log(`${ratio <= TARGET_RATIO && mismatches === 0 ? 'PASS' : 'FAIL'}; load average ${load()} at end`)
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
