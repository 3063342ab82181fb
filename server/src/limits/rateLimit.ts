// Token buckets refilled continuously (points per window): API tokens' rate limit by query cost (one bucket per
// token, costLimit.ts) and RDAP's per-address request limit (one bucket per client address, http/rdap.ts).
//
// Kept in this process's memory: right for the one API process this system runs. With several API processes each
// would keep its own buckets (a token would get points x processes); a shared store (e.g. Redis) would be needed.

export interface RateLimitOptions {
  /** Bucket size: points a token may spend at once, and what a full window refills. */
  points: number
  windowSeconds: number
  /** The clock in milliseconds (tests drive it). */
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

export class TokenBuckets<Key = number> {
  private readonly buckets = new Map<Key, { points: number; at: number }>()
  private readonly perMs: number
  private readonly now: () => number

  constructor(private readonly options: RateLimitOptions) {
    this.perMs = options.points / (options.windowSeconds * 1000)
    this.now = options.now ?? Date.now
  }

  get capacity(): number {
    return this.options.points
  }

  /** Spends `cost` points of the key's bucket (a token's, an address's) if it holds them; refuses otherwise. */
  spend(key: Key, cost: number): Spending {
    const now = this.now()
    const bucket = this.buckets.get(key)
    const elapsed = bucket ? Math.max(0, now - bucket.at) : 0
    let points = bucket ? Math.min(this.capacity, bucket.points + elapsed * this.perMs) : this.capacity
    const allowed = cost <= points
    if (allowed) points -= cost
    this.buckets.set(key, { points, at: now })
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now)
    const secondsFor = (missing: number) => Math.max(0, Math.ceil(missing / this.perMs / 1000))
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(points),
      resetSeconds: secondsFor(this.capacity - points),
      retryAfterSeconds: allowed ? 0 : Math.max(1, secondsFor(cost - points)),
    }
  }

  /** A full bucket is the same as none: drop those so memory follows the keys in use. */
  private forgetFullBuckets(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.points + (now - bucket.at) * this.perMs >= this.capacity) this.buckets.delete(key)
    }
  }
}
