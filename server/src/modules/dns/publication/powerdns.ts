// PowerDNS Authoritative (Debian's pdns-server + pdns-backend-pgsql) as the registry's authoritative server. It
// keeps no data of its own: the gpgsql backend reads the views of the `pdns` schema (migration
// *_powerdns_views), which read the registry's own tables, so a saved record is served as soon as PowerDNS's
// caches (a second or two here) let it through, and a PowerDNS that was down catches up when it starts.
// The API starts it with DNS_SERVER=powerdns (main.ts); the tests start one per test file on their database.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
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
    setting('gpgsql-dnssec', 'no'),
    // The registry's own `domains` table shadows PowerDNS's: the views it reads live in the pdns schema.
    setting('gpgsql-extra-connection-parameters', "options='-c search_path=pdns'"),
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

/** Starts pdns_server and resolves once it answers the .政务 zone's SOA; rejects if it exits or never answers. */
export async function startPowerDns(options: PowerDnsOptions): Promise<RunningPowerDns> {
  const dir = mkdtempSync(path.join(tmpdir(), 'conac-pdns-'))
  writeFileSync(path.join(dir, 'pdns.conf'), powerDnsConfig(options, dir), { mode: 0o600 })
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
