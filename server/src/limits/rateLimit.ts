// Token buckets refilled continuously (points per window): API tokens' rate limit by query cost (one bucket per
// token, costLimit.ts), RDAP's per-address request limit (http/rdap.ts) and WHOIS's (whois/server.ts).
//
// Kept in the database (table rate_limit_buckets), so every API process spends from the same buckets: a token
// served by two processes has one budget, not one per process. A spend is ONE statement, an upsert that refills
// the bucket for the time elapsed and takes the cost if the bucket holds it, on the row's lock: spends racing from
// any number of processes are applied one after another, never read-then-write, so they cannot overspend.
// The table is UNLOGGED (no WAL per request; a crash empties it, i.e. every bucket full) and holds only buckets that
// are not full: a row past its full_at is the same as no row, and the scheduler's tick deletes those
// (forgetFullBuckets). The same SQL runs on PGlite (one process there).
//
// The time of a spend is PostgreSQL's (statement_timestamp()), one clock for all processes; tests pass their own.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { queryPrepared } from '../db/prepared.ts'

export interface RateLimitOptions {
  /** Bucket size: points a token may spend at once, and what a full window refills. */
  points: number
  windowSeconds: number
  /** The clock in milliseconds (tests drive it); default: the database's clock. */
  now?: () => number
}

export interface Spending {
  allowed: boolean
  limit: number
  /** Whole points left after this operation (unchanged when refused). */
  remaining: number
  /** Seconds until the bucket is full again. */
  resetSeconds: number
  /** When refused: seconds until the bucket holds enough for this cost. */
  retryAfterSeconds: number
}

/**
 * The spend, $1 key, $2 capacity, $3 cost, $4 points per second, $5 the time (null: the database's). A new bucket
 * starts full; an existing one first refills for the time since its last spend (never above capacity, never for
 * time running backwards: `at` only moves forward), then pays the cost if it can. In ON CONFLICT's SET, `b` is the
 * row as it was and EXCLUDED the row proposed for a new bucket (its `at` is this spend's time). RETURNING sees only
 * the new row, so whether the spend was allowed is stored with it (last_allowed).
 */
const REFILLED = `LEAST($2::float8,
  b.points + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.at - b.at)::float8) * $4::float8)`
const AFTER = `CASE WHEN ${REFILLED} >= $3::float8 THEN ${REFILLED} - $3::float8 ELSE ${REFILLED} END`
export const SPEND_SQL = `
INSERT INTO rate_limit_buckets AS b (key, points, at, full_at, last_allowed)
SELECT $1::text, fresh.points, fresh.at, fresh.at + (($2::float8 - fresh.points) / $4::float8) * interval '1 second',
       $3::float8 <= $2::float8
  FROM (SELECT CASE WHEN $3::float8 <= $2::float8 THEN $2::float8 - $3::float8 ELSE $2::float8 END AS points,
               COALESCE($5::timestamptz, statement_timestamp()) AS at) fresh
ON CONFLICT (key) DO UPDATE SET
  points = ${AFTER},
  last_allowed = ${REFILLED} >= $3::float8,
  at = GREATEST(b.at, EXCLUDED.at),
  full_at = GREATEST(b.at, EXCLUDED.at) + (($2::float8 - ${AFTER}) / $4::float8) * interval '1 second'
RETURNING points, last_allowed AS allowed`

/** How long a free operation's headers may come from this process's last spend of the bucket. */
const FREE_LOOK_MS = 1000

export class TokenBuckets<Key extends string | number = number> {
  private readonly perSecond: number
  private readonly prefix: string
  /** This process's last spend of each bucket: points left, and when (Date.now()). */
  private readonly seen = new Map<string, { points: number; at: number }>()

  /**
   * `kind` names what the buckets count (token, rdap, whois). The key of a bucket in the table also holds its rules
   * (points/window): services with other rules over one database (a test's tight WHOIS server beside a generous
   * one, or a process started with other settings) keep buckets of their own instead of reading each other's.
   */
  constructor(
    private readonly prisma: PrismaClient,
    kind: string,
    private readonly options: RateLimitOptions,
  ) {
    this.perSecond = options.points / options.windowSeconds
    this.prefix = `${kind}:${options.points}/${options.windowSeconds}:`
  }

  get capacity(): number {
    return this.options.points
  }

  /** Spends `cost` points of the key's bucket (a token's, an address's) if it holds them; refuses otherwise. */
  async spend(key: Key, cost: number): Promise<Spending> {
    const id = this.prefix + String(key)
    const now = this.options.now
    // A free operation (`{ __typename }`, an integrator's health probe) takes nothing, so the database is asked
    // only for the headers' figures: within FREE_LOOK_MS of this process's last spend of the bucket they come from
    // that spend, refilled for the time since (they may not show another process's spends of that second).
    // Without this every free request was a round trip to PostgreSQL (issue 21's `{ __typename }` figure).
    if (cost === 0 && !now) {
      const seen = this.seen.get(id)
      const elapsedMs = seen ? Date.now() - seen.at : Infinity
      if (seen && elapsedMs >= 0 && elapsedMs < FREE_LOOK_MS)
        return this.spending(true, Math.min(this.capacity, seen.points + (elapsedMs / 1000) * this.perSecond), 0)
    }
    const [row] = await queryPrepared<{ points: number; allowed: boolean }>(this.prisma, {
      text: SPEND_SQL,
      values: [id, this.capacity, cost, this.perSecond, now ? new Date(now()) : null],
    })
    const points = Number(row!.points)
    if (!now) {
      if (this.seen.size >= 10_000) this.seen.clear()
      this.seen.set(id, { points, at: Date.now() })
    }
    return this.spending(row!.allowed, points, cost)
  }

  private spending(allowed: boolean, points: number, cost: number): Spending {
    const secondsFor = (missing: number) => Math.max(0, Math.ceil(missing / this.perSecond))
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(points),
      resetSeconds: secondsFor(this.capacity - points),
      retryAfterSeconds: allowed ? 0 : Math.max(1, secondsFor(cost - points)),
    }
  }
}

/**
 * A full bucket is the same as none: deletes the rows past their full_at, so the table holds the buckets in use
 * (the scheduler's tick, every minute). Rows a spend holds right now are skipped (SKIP LOCKED) and the condition is
 * checked again on the locked row, so a bucket spent from meanwhile is kept. Returns how many went.
 */
export async function forgetFullBuckets(prisma: PrismaClient | Prisma.TransactionClient, at?: Date): Promise<number> {
  return prisma.$executeRawUnsafe(
    `DELETE FROM rate_limit_buckets
      WHERE key IN (SELECT key FROM rate_limit_buckets
                     WHERE full_at <= COALESCE($1::timestamptz, statement_timestamp()) FOR UPDATE SKIP LOCKED)
        AND full_at <= COALESCE($1::timestamptz, statement_timestamp())`,
    at ?? null,
  )
}
