// PowerDNS Authoritative for the DNS tests: one pdns_server per test file, reading that file's PostgreSQL test
// database through the pdns views (the same launcher the API uses with DNS_SERVER=powerdns), and `dig` to ask it.
// Needs Debian's pdns-server, pdns-backend-pgsql and dnsutils (.ci/run installs them) and TEST_DATABASE_URL:
// PowerDNS cannot read the embedded PGlite database, so on PGlite these tests are skipped.
import { execFile } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { promisify } from 'node:util'
import { signZones, startPowerDns, type RunningPowerDns } from '../../server/src/modules/dns/publication/powerdns.ts'
import type { TestDatabase } from './database.ts'

export const POWERDNS_BINARY = process.env.POWERDNS_BINARY || '/usr/sbin/pdns_server'
const PDNSUTIL = '/usr/bin/pdnsutil'
const DIG = '/usr/bin/dig'

/** Why the PowerDNS tests cannot run here, or null when they can. */
export function powerDnsUnavailable(): string | null {
  if (!process.env.TEST_DATABASE_URL) return 'PowerDNS reads PostgreSQL only (set TEST_DATABASE_URL)'
  if (!existsSync(POWERDNS_BINARY))
    return `${POWERDNS_BINARY} is missing (apt-get install pdns-server pdns-backend-pgsql)`
  if (!existsSync(DIG)) return `${DIG} is missing (apt-get install dnsutils)`
  return null
}

/** A port free for both TCP and UDP on 127.0.0.1 (PowerDNS listens on both). */
export async function freeDnsPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4')
      socket.once('error', () => resolve(false))
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)))
    })
    if (udpFree) return port
  }
}

function testPowerDnsOptions(db: TestDatabase, port: number) {
  if (!db.url) throw new Error('PowerDNS needs a PostgreSQL test database')
  return { databaseUrl: db.url, address: '127.0.0.1', port, binary: POWERDNS_BINARY }
}

/** Signs both zones of the test database with pdnsutil (keys in its pdns.cryptokeys); returns the zones signed. */
export async function signTestZones(db: TestDatabase, port: number): Promise<string[]> {
  return signZones({ ...testPowerDnsOptions(db, port), pdnsutil: PDNSUTIL, zones: ['xn--zfr164b', 'xn--55qw42g'] })
}

export async function startTestPowerDns(db: TestDatabase, port: number): Promise<RunningPowerDns> {
  const lines: string[] = []
  try {
    return await startPowerDns({ ...testPowerDnsOptions(db, port), onLog: (line) => lines.push(line) })
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${lines.slice(-20).join('\n')}`, { cause: error })
  }
}

export interface DigAnswer {
  /** NOERROR, NXDOMAIN, REFUSED … */
  status: string
  /** Answer section, one entry per record: "TYPE rdata" (e.g. "A 192.0.2.1", "MX 10 mail.example."). */
  answers: string[]
  /** The answer for the question's own type only, rdata only. */
  values: string[]
  /** Authority section, as `answers` (e.g. "SOA ns1.conac.cn. hostmaster.conac.cn. 7 …" for NODATA or NXDOMAIN). */
  authority: string[]
}

/** A section of dig's output as "TYPE rdata" entries. */
function digSection(stdout: string, title: string): string[] {
  const section = new RegExp(`;; ${title} SECTION:\\n([\\s\\S]*?)\\n\\n`).exec(stdout)?.[1] ?? ''
  return section
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, , , recordType, ...rdata] = line.split(/\s+/)
      return `${recordType} ${rdata.join(' ')}`
    })
}

/**
 * `dig @127.0.0.1 -p <port> <name> <type>`; the name may be a U-label (dig +idnin turns it into the A-label).
 * `dnssec` sets the DO bit (+dnssec): a signed zone then adds RRSIG, and NSEC3 to denials.
 */
export async function dig(
  port: number,
  name: string,
  type: string,
  options: { dnssec?: boolean } = {},
): Promise<DigAnswer> {
  const flags = ['+norec', '+idnin', '+noidnout', '+time=2', '+tries=2', ...(options.dnssec ? ['+dnssec'] : [])]
  const { stdout } = await promisify(execFile)(DIG, [...flags, '@127.0.0.1', '-p', String(port), name, type], {
    timeout: 20_000,
  })
  const status = /status: ([A-Z]+)/.exec(stdout)?.[1] ?? 'NO_ANSWER'
  const answers = digSection(stdout, 'ANSWER')
  const values = answers
    .filter((answer) => answer.startsWith(`${type} `))
    .map((answer) => answer.slice(type.length + 1))
  return { status, answers, values, authority: digSection(stdout, 'AUTHORITY') }
}

/** Asks until `accept` takes the answer (PowerDNS's caches hold an answer for a second or so); generous deadline. */
export async function digUntil(
  port: number,
  name: string,
  type: string,
  accept: (answer: DigAnswer) => boolean,
  // Generous: PowerDNS's caches expire within a second, but a busy two-core machine may take far longer to answer.
  timeoutMs = 60_000,
): Promise<DigAnswer> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await dig(port, name, type)
    if (accept(answer)) return answer
    if (Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
