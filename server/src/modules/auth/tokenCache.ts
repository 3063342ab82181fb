// Verified API tokens, kept for a short while so an integrator's requests do not each look their token up again
// (issue 21: the lookup was most of a small request's cost). Keyed on the token's hash, never its secret.
//
// How long a change can go unseen:
// - in any API process, none to speak of: every mutation (revokeApiToken, a creator disabled, roles changed, an
//   office reorganised …) empties the cache of the process that ran it when it finishes, and every other API
//   process's as soon as it hears the announcement (db/crossProcess.ts, PostgreSQL's NOTIFY; a revocation is heard
//   when it commits). A lookup that raced with it is not kept (generation). An expiry is checked on every use
//   against the stored expiresAt.
// - written by something that announces nothing (psql, a script) or by a background job: at most the cache's ttl
//   (API_TOKEN_CACHE_MS, default 60 s, the same interval lastUsedAt is touched at); 0 turns it off.
import type { Viewer } from '../../viewer.ts'

type TokenViewer = Extract<Viewer, { kind: 'token' }>

interface Entry {
  viewer: TokenViewer
  tokenId: number
  /** ms since the epoch, or null: never expires. */
  expiresAt: number | null
  /** When lastUsedAt was last written (or read as written), ms since the epoch; 0: never. */
  touchedAt: number
  cachedAt: number
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>()
  /** Bumped by forget(): a lookup that started before is not kept. */
  private generationNow = 0

  constructor(
    readonly ttlMs: number,
    /** Bounds the memory: past this many tokens the oldest entry goes. */
    private readonly maxEntries = 10_000,
  ) {}

  /** The generation a lookup starts in; pass it to set() so a lookup that raced with a write is not kept. */
  get generation(): number {
    return this.generationNow
  }

  /**
   * Drops every kept token (after a write that could change what a token may do). The app calls it on the
   * `tokens` signal of db/crossProcess.ts: announce(prisma, 'tokens'), from this process or another.
   */
  forget(): void {
    this.generationNow += 1
    this.entries.clear()
  }

  get(tokenHash: string, now: number): Entry | undefined {
    const entry = this.entries.get(tokenHash)
    if (!entry) return undefined
    if (now - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(tokenHash)
      return undefined
    }
    return entry
  }

  set(tokenHash: string, entry: Omit<Entry, 'cachedAt'>, startedIn: number, now: number): void {
    if (this.ttlMs <= 0 || startedIn !== this.generationNow) return
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(tokenHash, { ...entry, cachedAt: now })
  }
}
