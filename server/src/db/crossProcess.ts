// Caches that every API process must drop when any process writes what the caches cannot see for themselves:
//   tokens      the verified API tokens (modules/auth/tokenCache.ts): a token revoked, any mutation;
//   statistics  the dashboards' kept answers (modules/statistics/answerCache.ts): the counters rebuilt after an import.
// announce(prisma, signal) drops this process's caches at once and tells the others with PostgreSQL's NOTIFY on the
// channel conac_caches; each API process LISTENs on one dedicated connection of its own and drops its caches when it
// hears another process's signal. Scripts (数据迁移 from the command line, the dataset generator) announce through
// their pool without listening.
//
// A notification is delivered only to connections listening when it is sent, so while the listening connection is
// down this process cannot hear anything: on losing it the caches are dropped, then it reconnects (backing off up to
// 30 s) and drops them again once it listens, for what was said in between. In the meantime a cache holds entries
// for at most its own expiry (API_TOKEN_CACHE_MS; an answer's 60 s), the bound without any of this.
//
// On PGlite (the embedded default) there is one process only (it owns the data directory), so announce() runs the
// local handlers and sends nothing. PGlite could LISTEN/NOTIFY in-process, but that would only be a round trip to
// tell ourselves what we already know.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { logFor } from '../observability/log.ts'
import { registeredPool as poolOf } from './prepared.ts'

export const CACHE_CHANNEL = 'conac_caches'

export type CacheSignal = 'tokens' | 'statistics'
const SIGNALS: readonly CacheSignal[] = ['tokens', 'statistics']

const log = logFor('caches')

const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 30_000

/** One per PrismaClient (per database a process opened): its handlers and, on PostgreSQL, its listener. */
interface Hub {
  /** In every payload this hub sends, so its listener knows its own (already handled) notifications. */
  readonly id: string
  readonly handlers: Map<CacheSignal, Set<() => void>>
  listener: Listener | null
}

const hubs = new WeakMap<object, Hub>()

function hubOf(prisma: PrismaClient): Hub {
  let hub = hubs.get(prisma)
  if (!hub) hubs.set(prisma, (hub = { id: randomUUID(), handlers: new Map(), listener: null }))
  return hub
}

function run(hub: Hub, signals: readonly CacheSignal[]) {
  for (const signal of signals)
    for (const handler of hub.handlers.get(signal) ?? []) {
      try {
        handler()
      } catch (error) {
        log.error({ err: error, signal }, 'a cache handler failed')
      }
    }
}

/**
 * Runs `handler` whenever `signal` is announced, by this process or (on PostgreSQL) another one, and whenever this
 * process may have missed an announcement. The first handler of a PostgreSQL database starts its listener; the
 * Database's close() stops it. Returns a function that removes the handler.
 */
export function onCacheSignal(prisma: PrismaClient, signal: CacheSignal, handler: () => void): () => void {
  const hub = hubOf(prisma)
  let set = hub.handlers.get(signal)
  if (!set) hub.handlers.set(signal, (set = new Set()))
  set.add(handler)
  const pool = poolOf(prisma)
  if (pool && !hub.listener) hub.listener = new Listener(pool, hub)
  return () => set.delete(handler)
}

/** Runs this process's handlers of `signal` now (after a commit whose NOTIFY went with it: notifyOnCommit). */
export function forgetHere(prisma: PrismaClient, signal: CacheSignal): void {
  const hub = hubs.get(prisma)
  if (hub) run(hub, [signal])
}

/**
 * Drops `signal`'s caches in this process at once and in every other API process as soon as they hear it. Call it
 * after the write committed: the NOTIFY is its own statement (one sent inside a transaction would wait for that
 * transaction), on the listening connection when there is one, so it never waits for, or takes, a connection of
 * the pool that requests need; else (a script) through the pool. Sends are shared: while one is on its way, the
 * callers that come meanwhile share the one sent after it, so a burst of mutations costs two statements.
 */
export async function announce(prisma: PrismaClient, signal: CacheSignal): Promise<void> {
  forgetHere(prisma, signal)
  const pool = poolOf(prisma)
  if (!pool) return
  const hub = hubs.get(prisma)
  await sendShared(pool, payloadOf(prisma, signal), (payload) => {
    const sent = hub?.listener?.notify(payload)
    return sent ?? pool.query(NOTIFY, [CACHE_CHANNEL, payload]).then(() => undefined)
  })
}

const NOTIFY = 'SELECT pg_notify($1, $2)'

/**
 * Inside a transaction: every other API process hears `signal` when the transaction commits, and nothing if it
 * rolls back. The caller runs forgetHere(prisma, signal) after the commit (not before: a lookup in between would
 * keep what the transaction is changing).
 */
export async function notifyOnCommit(
  tx: Prisma.TransactionClient,
  prisma: PrismaClient,
  signal: CacheSignal,
): Promise<void> {
  if (!poolOf(prisma)) return // PGlite: one process
  await tx.$executeRawUnsafe(NOTIFY, CACHE_CHANNEL, payloadOf(prisma, signal))
}

/** Resolves once this process listens for `prisma`'s database (at once when there is nothing to listen to). */
export function crossProcessListening(prisma: PrismaClient): Promise<void> {
  return hubs.get(prisma)?.listener?.listening ?? Promise.resolve()
}

/** Closes the listening connection of `prisma`'s database, if any (Database.close()). */
export async function stopCrossProcess(prisma: PrismaClient): Promise<void> {
  const hub = hubs.get(prisma)
  const listener = hub?.listener
  if (!hub || !listener) return
  hub.listener = null
  await listener.stop()
}

/** `signal sender`: a plain text payload anyone can send (e.g. `SELECT pg_notify('conac_caches', 'statistics')`). */
function payloadOf(prisma: PrismaClient, signal: CacheSignal): string {
  return `${signal} ${hubs.get(prisma)?.id ?? 'script'}`
}

interface Sending {
  running: Promise<void> | null
  queued: Promise<void> | null
}
const sendings = new WeakMap<pg.Pool, Map<string, Sending>>()

/** One NOTIFY of `payload` that starts after this call; calls made while one runs share the next one. */
function sendShared(pool: pg.Pool, payload: string, send: (payload: string) => Promise<void>): Promise<void> {
  let byPayload = sendings.get(pool)
  if (!byPayload) sendings.set(pool, (byPayload = new Map()))
  let sending = byPayload.get(payload)
  if (!sending) byPayload.set(payload, (sending = { running: null, queued: null }))
  const state = sending
  const start = (): Promise<void> =>
    (state.running = send(payload).finally(() => {
      state.running = null
    }))
  if (!state.running) return start()
  // The one running may have started before the caller's write committed: the caller needs the next one.
  state.queued ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.queued = null
      return state.running ?? start()
    })
  return state.queued
}

/** The dedicated LISTEN connection of one database, reconnecting when it is lost. */
class Listener {
  /** Resolves when LISTEN first succeeds. */
  readonly listening: Promise<void>
  private markListening!: () => void
  private client: pg.Client | null = null
  private readonly lost = new WeakSet<pg.Client>()
  private retryMs = FIRST_RETRY_MS
  private timer: NodeJS.Timeout | undefined
  private connecting: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly pool: pg.Pool,
    private readonly hub: Hub,
  ) {
    this.listening = new Promise((resolve) => (this.markListening = resolve))
    this.connect()
  }

  private connect() {
    this.connecting = this.tryConnect().finally(() => {
      this.connecting = null
    })
  }

  private async tryConnect() {
    // The pool's own settings (host, credentials, TLS …), as one more connection of this process.
    const client = new pg.Client({
      ...this.pool.options,
      application_name: 'conac-api cache listener',
      // A peer that vanished without a word (a network partition) is noticed within a minute, not hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    })
    client.on('error', (error) => this.lose(client, error))
    client.on('end', () => this.lose(client))
    client.on('notification', (message) => {
      if (message.channel === CACHE_CHANNEL) this.hear(message.payload ?? '')
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CACHE_CHANNEL}`)
    } catch (error) {
      this.lose(client, error as Error)
      return
    }
    if (this.stopped || this.lost.has(client)) {
      await client.end().catch(() => undefined)
      return
    }
    this.client = client
    this.retryMs = FIRST_RETRY_MS
    // What was announced before this connection listened went unheard (the first time: nothing was kept yet).
    run(this.hub, SIGNALS)
    this.markListening()
  }

  /** Sends a NOTIFY on this connection; undefined when it is not listening now (the caller uses the pool). */
  notify(payload: string): Promise<void> | undefined {
    return this.client?.query(NOTIFY, [CACHE_CHANNEL, payload]).then(
      () => undefined,
      (error: unknown) => {
        if (!this.stopped) throw error // stopped: the database is closing, nobody is left to tell
      },
    )
  }

  private hear(payload: string) {
    const [signal, sender] = payload.split(' ')
    if (sender === this.hub.id) return // ours: handled when announced
    // A signal this version does not know (a newer process's) drops everything: the safe side.
    run(this.hub, SIGNALS.includes(signal as CacheSignal) ? [signal as CacheSignal] : SIGNALS)
  }

  private lose(client: pg.Client, error?: Error) {
    if (this.lost.has(client)) return
    this.lost.add(client)
    if (this.client === client) this.client = null
    client.end().catch(() => undefined)
    if (this.stopped) return
    // Nothing can be heard until it listens again: what is kept now may already be stale.
    run(this.hub, SIGNALS)
    log.warn(
      { err: error?.message ?? 'connection ended', retryMs: this.retryMs },
      `lost the ${CACHE_CHANNEL} listener; reconnecting`,
    )
    this.timer = setTimeout(() => this.connect(), this.retryMs)
    this.timer.unref()
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS)
  }

  async stop() {
    this.stopped = true
    clearTimeout(this.timer)
    await this.connecting // ends its connection itself, seeing `stopped`
    const client = this.client
    this.client = null
    if (client) {
      this.lost.add(client)
      await client.end().catch(() => undefined)
    }
  }
}
