// Counter-based randomness: every entity (unit i, domain j, ...) gets its own small generator seeded from
// (seed, stream, index), so any row can be recomputed on its own and the output does not depend on load order.

/** 32-bit integer hash (lowbias32 by Chris Wellons). */
export function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0
  x = Math.imul(x, 0x7feb352d) >>> 0
  x = (x ^ (x >>> 15)) >>> 0
  x = Math.imul(x, 0x846ca68b) >>> 0
  return (x ^ (x >>> 16)) >>> 0
}

export function hash3(a: number, b: number, c: number): number {
  return hash32((hash32((hash32(a) ^ b) >>> 0) ^ c) >>> 0)
}

/** mulberry32: fast, good enough for synthetic data. Re-seedable so one object serves a whole loop. */
export class Rng {
  private state = 0
  constructor(
    private readonly seed: number,
    private readonly stream: number,
  ) {}

  /** Positions the generator at entity `index` of this stream. */
  at(index: number): this {
    this.state = hash3(this.seed, this.stream, index)
    return this
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  chance(p: number): boolean {
    return this.next() < p
  }
}

/** Picks an index by weight from a precomputed cumulative table (last element = total). */
export function pickWeighted(cumulative: readonly number[], r: number): number {
  const target = r * cumulative[cumulative.length - 1]!
  for (let i = 0; i < cumulative.length; i++) if (target < cumulative[i]!) return i
  return cumulative.length - 1
}

export function cumulate(weights: readonly number[]): number[] {
  let sum = 0
  return weights.map((w) => (sum += w))
}
