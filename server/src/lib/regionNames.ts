// Region names by code, per request: Region.fullName needs the names of every region on a path, and a list of
// rows asks for them once per row. Lookups made in the same tick go out as one query, names already known (from
// an earlier batch, or primed by a query that loaded them along with its rows) cost nothing.
import type { Context } from '../context.ts'

interface Cache {
  names: Map<string, string | null>
  pending: Map<string, Promise<string | null>>
  batch: { codes: Set<string>; done: Promise<void> } | null
}

const caches = new WeakMap<object, Cache>()

function cacheOf(ctx: Context): Cache {
  let cache = caches.get(ctx)
  if (!cache) {
    cache = { names: new Map(), pending: new Map(), batch: null }
    caches.set(ctx, cache)
  }
  return cache
}

/** Records names loaded elsewhere (code -> name), so later lookups in this request need no query. */
export function primeRegionNames(ctx: Context, names: Record<string, string>) {
  const cache = cacheOf(ctx)
  for (const [code, name] of Object.entries(names)) cache.names.set(code, name)
}

// After the promise jobs of this tick, like DataLoader: sibling rows resolved in the same pass share the batch.
const afterThisTick = (run: () => void) => void Promise.resolve().then(() => process.nextTick(run))

function load(ctx: Context, cache: Cache, code: string): Promise<string | null> {
  let batch = cache.batch
  if (!batch) {
    const codes = new Set<string>()
    const done = new Promise<void>((resolve, reject) => {
      afterThisTick(() => {
        cache.batch = null
        ctx.prisma.region
          .findMany({ where: { code: { in: [...codes] } }, select: { code: true, name: true } })
          .then((rows) => {
            for (const code of codes) cache.names.set(code, null)
            for (const row of rows) cache.names.set(row.code, row.name)
            for (const code of codes) cache.pending.delete(code)
            resolve()
          }, reject)
      })
    })
    batch = cache.batch = { codes, done }
  }
  batch.codes.add(code)
  const name = batch.done.then(() => cache.names.get(code) ?? null)
  cache.pending.set(code, name)
  return name
}

/** The names of `codes` (null for a code that does not exist), from this request's cache or one batched query. */
export async function regionNames(ctx: Context, codes: string[]): Promise<Map<string, string | null>> {
  const cache = cacheOf(ctx)
  const waiting: Promise<unknown>[] = []
  for (const code of codes) {
    if (cache.names.has(code)) continue
    waiting.push(cache.pending.get(code) ?? load(ctx, cache, code))
  }
  if (waiting.length) await Promise.all(waiting)
  return new Map(codes.map((code) => [code, cache.names.get(code) ?? null]))
}
