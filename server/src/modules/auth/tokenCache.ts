// Verified API tokens, kept for a short while so an integrator's requests do not each look their token up again
// (issue 21: the lookup was most of a small request's cost). Keyed on the token's hash, never its secret.
//
// How long a change can go unseen:
// - in this process, none: every mutation run here (revokeApiToken, a creator disabled, roles changed, an office
//   reorganised …) empties every cache when it finishes, and a lookup that raced with it is not kept (generation);
//   an expiry is checked on every use against the stored expiresAt.
// - written by another process (a second API process, a script, psql) or by a background job of this one: at most
//   the cache's ttl (API_TOKEN_CACHE_MS, default 60 s, the same interval lastUsedAt is touched at); 0 turns it off.
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

/** Bumped by forgetVerifiedTokens(): every cache of the process drops what it holds before its next use. */
let generation = 0

/** Empties every token cache of this process (after a write that could change what a token may do). */
export function forgetVerifiedTokens(): void {
  generation += 1
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>()
  private seen = generation

  constructor(
    readonly ttlMs: number,
    /** Bounds the memory: past this many tokens the oldest entry goes. */
    private readonly maxEntries = 10_000,
  ) {}

  /** The generation a lookup starts in; pass it to set() so a lookup that raced with a write is not kept. */
  get generation(): number {
    return generation
  }

  get(tokenHash: string, now: number): Entry | undefined {
    this.sync()
    const entry = this.entries.get(tokenHash)
    if (!entry) return undefined
    if (now - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(tokenHash)
      return undefined
    }
    return entry
  }

  set(tokenHash: string, entry: Omit<Entry, 'cachedAt'>, startedIn: number, now: number): void {
    if (this.ttlMs <= 0 || startedIn !== generation) return
    this.sync()
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(tokenHash, { ...entry, cachedAt: now })
  }

  private sync() {
    if (this.seen === generation) return
    this.entries.clear()
    this.seen = generation
  }
}
