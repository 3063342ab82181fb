// A PostgreSQL server of a test's own (Debian's PostgreSQL 15 binaries, a fresh cluster in a temporary folder), for
// tests that stop and start the database under running processes: the shared TEST_DATABASE_URL server cannot be
// stopped while other test files use it. As root (CI) the server runs as the postgres user, which initdb requires.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { freePort } from './processes.ts'

export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin'

export function postgresBinariesInstalled(): boolean {
  return existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'))
}

export interface OwnPostgres {
  port: number
  /** postgresql://postgres@127.0.0.1:port/<database> */
  url(database?: string): string
  /** Stops the server (fast shutdown: open connections are cut, as when a database host goes away). */
  stop(): void
  start(): void
  /** Stops it and deletes its files. */
  remove(): void
}

function asPostgresUser(command: string, args: string[]): void {
  const asRoot = userInfo().uid === 0
  const quoted = [command, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ')
  if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' })
  else execFileSync(command, args, { stdio: 'pipe' })
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const folder = mkdtempSync(path.join(tmpdir(), 'conac-own-pg-'))
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    chownSync(folder, uid, -1)
  }
  const data = path.join(folder, 'data')
  const port = await freePort()
  asPostgresUser(path.join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ])
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c max_connections=200`
  const pgCtl = (...args: string[]) => asPostgresUser(path.join(PG_BIN, 'pg_ctl'), ['-D', data, ...args])
  const start = () => pgCtl('-l', path.join(folder, 'server.log'), '-w', '-t', '120', '-o', options, 'start')
  const stop = () => pgCtl('-m', 'fast', '-w', '-t', '120', 'stop')
  start()
  return {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    remove() {
      try {
        stop()
      } catch {
        /* already stopped */
      }
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
