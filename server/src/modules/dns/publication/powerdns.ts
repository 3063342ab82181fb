// PowerDNS Authoritative (Debian's pdns-server + pdns-backend-pgsql) as the registry's authoritative server. It
// keeps no data of its own: the gpgsql backend reads the views of the `pdns` schema (migration
// *_powerdns_views), which read the registry's own tables, so a saved record is served as soon as PowerDNS's
// caches (a second or two here) let it through, and a PowerDNS that was down catches up when it starts.
// The API starts it with DNS_SERVER=powerdns (main.ts); the tests start one per test file on their database.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { queryZoneSerial } from './probe.ts'

export interface PowerDnsOptions {
  /** A PostgreSQL URL of the registry's database (PowerDNS cannot read PGlite). */
  databaseUrl: string
  address: string
  port: number
  binary: string
  /** Seconds PowerDNS may serve an answer from its caches: how long a change may take to show. */
  cacheSeconds?: number
  /** Where pdns_server writes its log lines (default: this process's stderr, prefixed). */
  onLog?: (line: string) => void
}

export interface RunningPowerDns {
  address: string
  port: number
  stop(): Promise<void>
}

/** PowerDNS's database session settings (exported so the benchmark asks with the same session). */
export const POWERDNS_SESSION = ['search_path=pdns', 'plan_cache_mode=force_generic_plan']

/** The columns gpgsql reads from a lookup by name (its default record_query's). */
const LOOKUP_COLUMNS = 'SELECT content,ttl,prio,type,domain_id,disabled::int,name,auth::int'

/** A statement that takes `count` parameters and changes nothing. */
const ignoring = (count: number) =>
  `SELECT ${Array.from({ length: count }, (_, i) => `$${i + 1}::text`).join(', ')} WHERE false`

/**
 * Rectifying (pdnsutil rectify-zone, and secure-zone, which rectifies after adding the key) writes empty
 * non-terminals, ordername and auth into `records`; the views compute all three (type NULL rows, ordername NULL
 * for NSEC3 narrow, auth), and a UNION view cannot be written: those writes become statements that change nothing,
 * so the commands an operator knows from PowerDNS's documentation succeed. Parameter counts are gpgsql 4.7's.
 */
const RECTIFY_WRITES_IGNORED: Record<string, string> = {
  'gpgsql-remove-empty-non-terminals-from-zone-query': ignoring(1),
  'gpgsql-delete-empty-non-terminal-query': ignoring(2),
  'gpgsql-insert-empty-non-terminal-order-query': ignoring(4),
  'gpgsql-update-ordername-and-auth-query': ignoring(4),
  'gpgsql-update-ordername-and-auth-type-query': ignoring(5),
  'gpgsql-nullify-ordername-and-update-auth-query': ignoring(3),
  'gpgsql-nullify-ordername-and-update-auth-type-query': ignoring(4),
}

/**
 * PowerDNS's lookups by name, over pdns.records_named(qname) instead of `records WHERE name = $n`: the view's names
 * are computed (label + zone, host + label + zone), so `name = $n` would compute every published record's name per
 * query; records_named splits the asked name into the keys the indexes answer (migration
 * *_pdns_nodata_and_name_lookup; tests/bench/dns-views.ts measures both). Parameters keep gpgsql's order.
 */
export const POWERDNS_QUERIES: Record<string, string> = {
  'gpgsql-basic-query': `${LOOKUP_COLUMNS} FROM pdns.records_named($2) WHERE disabled=false and type=$1`,
  'gpgsql-id-query': `${LOOKUP_COLUMNS} FROM pdns.records_named($2) WHERE disabled=false and type=$1 and domain_id=$3`,
  'gpgsql-any-query': `${LOOKUP_COLUMNS} FROM pdns.records_named($1) WHERE disabled=false`,
  'gpgsql-any-id-query': `${LOOKUP_COLUMNS} FROM pdns.records_named($1) WHERE disabled=false and domain_id=$2`,
  ...RECTIFY_WRITES_IGNORED,
}

/** pdns.conf's lines for the options; exported for the README's production example and its test. */
export function powerDnsConfig(options: PowerDnsOptions, socketDir: string): string {
  const url = new URL(options.databaseUrl)
  const cache = options.cacheSeconds ?? 1
  const setting = (key: string, value: string | number) => `${key}=${value}`
  return [
    setting('launch', 'gpgsql'),
    setting('gpgsql-host', url.hostname || '127.0.0.1'),
    setting('gpgsql-port', url.port || 5432),
    setting('gpgsql-dbname', decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres'),
    setting('gpgsql-user', decodeURIComponent(url.username) || 'postgres'),
    ...(url.password ? [setting('gpgsql-password', decodeURIComponent(url.password))] : []),
    // DNSSEC-capable: a zone with keys in pdns.cryptokeys is signed (signZones), one without is served unsigned.
    setting('gpgsql-dnssec', 'yes'),
    // The registry's own `domains` table shadows PowerDNS's: the views it reads live in the pdns schema. Generic plans:
    // gpgsql prepares each query once per connection, and planning a lookup through the views for its values costs
    // far more than running it; the generic plan already reaches the indexes (records_named splits the parameter).
    setting(
      'gpgsql-extra-connection-parameters',
      `options='${POWERDNS_SESSION.map((option) => `-c ${option}`).join(' ')}'`,
    ),
    ...Object.entries(POWERDNS_QUERIES).map(([key, query]) => setting(key, query)),
    setting('local-address', options.address),
    setting('local-port', options.port),
    setting('socket-dir', socketDir),
    setting('daemon', 'no'),
    setting('guardian', 'no'),
    setting('webserver', 'no'),
    setting('security-poll-suffix', ''),
    setting('cache-ttl', cache),
    setting('query-cache-ttl', cache),
    setting('negquery-cache-ttl', cache),
    setting('zone-cache-refresh-interval', 60),
    setting('loglevel', 4),
    '',
  ].join('\n')
}

/** A private config dir holding pdns.conf for the options (pdns_server and pdnsutil read it). */
function writeConfigDir(options: PowerDnsOptions): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'conac-pdns-'))
  writeFileSync(path.join(dir, 'pdns.conf'), powerDnsConfig(options, dir), { mode: 0o600 })
  return dir
}

/**
 * NSEC3 in narrow mode (RFC 9276's parameters: no extra iterations, no salt): PowerDNS computes the denial of a
 * name on the fly. The views cannot be rectified (`auth` and `ordername` are computed in them, and ordername stays
 * NULL), which plain NSEC and non-narrow NSEC3 would need.
 */
export const NSEC3_NARROW = ['1 0 0 -', 'narrow'] as const

/**
 * Signs the zones that have no keys yet: `pdnsutil add-zone-key <zone> ksk active published ecdsa256` writes the
 * key secure-zone would (one combined signing key, flags 257, into pdns.cryptokeys, a real table) without
 * secure-zone's rectify, which at national scale walks every name for nothing (see RECTIFY_WRITES_IGNORED);
 * `set-nsec3 … narrow` writes the denial mode (pdns.domainmetadata). Zones with keys are left alone, so it can run
 * at every start. Returns the zones it signed. The DS to give the parent (the root) comes from
 * `pdnsutil export-zone-ds <zone>` (README, production).
 */
export async function signZones(options: PowerDnsOptions & { pdnsutil: string; zones: string[] }): Promise<string[]> {
  const dir = writeConfigDir(options)
  const run = promisify(execFile)
  const pdnsutil = (...args: string[]) => run(options.pdnsutil, [`--config-dir=${dir}`, ...args], { timeout: 60_000 })
  const signed: string[] = []
  try {
    for (const zone of options.zones) {
      const { stdout } = await pdnsutil('list-keys', zone)
      if (stdout.includes(zone)) continue
      await pdnsutil('add-zone-key', zone, 'ksk', 'active', 'published', 'ecdsa256')
      await pdnsutil('set-nsec3', zone, ...NSEC3_NARROW)
      signed.push(zone)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return signed
}

/** Starts pdns_server and resolves once it answers the .政务 zone's SOA; rejects if it exits or never answers. */
export async function startPowerDns(options: PowerDnsOptions): Promise<RunningPowerDns> {
  const dir = writeConfigDir(options)
  const log = options.onLog ?? ((line: string) => process.stderr.write(`[pdns] ${line}\n`))
  const child: ChildProcess = spawn(options.binary, [`--config-dir=${dir}`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    const lines = output.split('\n')
    output = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) log(line)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let hasExited = false
  void exited.then(() => (hasExited = true))
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve))

  const stop = async () => {
    if (!hasExited) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 30_000
  for (;;) {
    const failure = await Promise.race([spawnFailed, new Promise<null>((resolve) => setTimeout(resolve, 200, null))])
    if (failure || hasExited) {
      await stop()
      throw new Error(`pdns_server did not start (${failure?.message ?? `exit code ${await exited}`})`)
    }
    const serial = await queryZoneSerial({ address: options.address, port: options.port }, 'xn--zfr164b')
    if (serial !== null) return { address: options.address, port: options.port, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`pdns_server did not answer on ${options.address}:${options.port} within 30 s`)
    }
  }
}
