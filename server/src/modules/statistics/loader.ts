// The per-request loader of 区域统计: asks the StatisticsSource once per family and depth (batched across siblings
// and cousins in a nested `children` selection), caches the answer for the request, and splits a root's rows by
// child once for all its child nodes. The figures (figures.ts) read their rows through it.
import type { Context } from '../../context.ts'
import { counterStatisticsSource } from './counters.ts'
import type { Family, FamilyRows, Grouped, Range, RegionNode, SourceQuery, StatisticsSource } from './source.ts'

/**
 * A node of the answer: a region, and where its numbers come from. A requested root reads the rows of its own
 * query (all children); a child reads its parent's rows restricted to itself, so drilling down one level costs nothing.
 */
export interface StatisticsNode {
  region: RegionNode
  range: Range
  /** The root whose grouped rows hold this node's numbers. */
  source: RegionNode
  /** null: every row of `source`; else only the rows of this child of `source`. */
  child: string | null
  /** Whether the request asks for a child's monthly series (SourceQuery.childSeries). */
  childSeries: boolean
}

export const depthOfPath = (path: string) => path.split('/').filter(Boolean).length

/**
 * Asks the source once per (family, range, depth) for every root of that depth requested in the same turn of the
 * event loop (siblings and cousins in a nested `children` selection), and caches the answer for the request.
 */
export class StatisticsLoader {
  readonly now = new Date()
  private readonly perRoot = new Map<string, Promise<unknown>>()
  /** A root's rows split by child once, for all its child nodes (a province has ~9,000 rows and 19 children). */
  private readonly perChild = new Map<string, Promise<(child: string) => unknown>>()
  private readonly batches = new Map<string, { roots: Map<string, RegionNode>; result: Promise<unknown> }>()
  private readonly childRegions = new Map<string, Promise<RegionNode[]>>()

  constructor(
    private readonly ctx: Context,
    private readonly source: StatisticsSource = counterStatisticsSource,
  ) {}

  /** The family's rows of one root (all its children). */
  rowsOf<F extends Family>(family: F, root: RegionNode, range: Range, childSeries: boolean): Promise<FamilyRows<F>> {
    const rangeKey = `${rangeKeyOf(range)}|${childSeries}`
    const key = `${family}|${rangeKey}|${root.code}`
    const cached = this.perRoot.get(key)
    if (cached) return cached as Promise<FamilyRows<F>>
    const batchKey = `${family}|${rangeKey}|${root.depth}`
    let batch = this.batches.get(batchKey)
    if (!batch) {
      const roots = new Map<string, RegionNode>()
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then((): Promise<unknown> => {
        this.batches.delete(batchKey)
        const load = this.source[family] as (query: SourceQuery) => Promise<unknown>
        return load.call(this.source, {
          prisma: this.ctx.prisma,
          roots: [...roots.values()],
          range,
          now: this.now,
          childSeries,
        })
      })
      batch = { roots, result }
      this.batches.set(batchKey, batch)
    }
    batch.roots.set(root.code, root)
    const mine = batch.result.then((rows) => onlyRows(rows as FamilyRows<F>, (row) => row.root === root.code))
    this.perRoot.set(key, mine)
    return mine
  }

  /** The family's rows of one node. */
  async rowsOfNode<F extends Family>(family: F, node: StatisticsNode): Promise<FamilyRows<F>> {
    if (node.child === null) return this.rowsOf(family, node.source, node.range, node.childSeries)
    const key = `${family}|${rangeKeyOf(node.range)}|${node.childSeries}|${node.source.code}`
    let split = this.perChild.get(key)
    if (!split)
      this.perChild.set(key, (split = this.rowsOf(family, node.source, node.range, node.childSeries).then(byChild)))
    return (await split)(node.child) as FamilyRows<F>
  }

  /** The regions directly below `region`, in code order (one statement for all the regions asked in a turn). */
  children(region: RegionNode): Promise<RegionNode[]> {
    const cached = this.childRegions.get(region.code)
    if (cached) return cached
    const promise = this.childBatch(region.code).then((byParent) => byParent.get(region.code) ?? [])
    this.childRegions.set(region.code, promise)
    return promise
  }

  private pendingParents: Set<string> | null = null
  private pendingResult: Promise<Map<string, RegionNode[]>> | null = null

  private childBatch(code: string): Promise<Map<string, RegionNode[]>> {
    if (!this.pendingParents || !this.pendingResult) {
      const parents = new Set<string>()
      this.pendingParents = parents
      this.pendingResult = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pendingParents = null
        this.pendingResult = null
        const rows = await this.ctx.prisma.region.findMany({
          where: { parentCode: { in: [...parents] } },
          select: { code: true, path: true, parentCode: true },
          orderBy: { code: 'asc' },
        })
        const byParent = new Map<string, RegionNode[]>()
        for (const row of rows) {
          const list = byParent.get(row.parentCode!) ?? []
          list.push({ code: row.code, path: row.path, depth: depthOfPath(row.path) })
          byParent.set(row.parentCode!, list)
        }
        return byParent
      })
    }
    this.pendingParents.add(code)
    return this.pendingResult
  }
}

const rangeKeyOf = (range: Range) => `${range.from?.toISOString() ?? ''}|${range.to?.toISOString() ?? ''}`

function onlyRows<R>(rows: R, keep: (row: { root: string; child: string }) => boolean): R {
  const out: Record<string, unknown[]> = {}
  for (const [part, list] of Object.entries(rows as Record<string, Grouped<object>[]>)) out[part] = list.filter(keep)
  return out as R
}

/** Family rows split by child: each child's rows with every part of the family (empty parts included). */
function byChild(rows: unknown): (child: string) => unknown {
  const parts = Object.entries(rows as Record<string, Grouped<object>[]>)
  const empty = () => Object.fromEntries(parts.map(([name]) => [name, [] as unknown[]]))
  const out = new Map<string, Record<string, unknown[]>>()
  for (const [part, list] of parts) {
    for (const row of list) {
      let entry = out.get(row.child)
      if (!entry) out.set(row.child, (entry = empty()))
      entry[part]!.push(row)
    }
  }
  return (child) => out.get(child) ?? empty()
}

const loaders = new WeakMap<Context, StatisticsLoader>()
let activeSource: StatisticsSource = counterStatisticsSource

/** Which source answers from now on (the counters unless swapped, e.g. by a test or the benchmark); returns the previous one. */
export function useStatisticsSource(source: StatisticsSource): StatisticsSource {
  const previous = activeSource
  activeSource = source
  return previous
}

export function loaderOf(ctx: Context): StatisticsLoader {
  let loader = loaders.get(ctx)
  if (!loader) {
    loader = new StatisticsLoader(ctx, activeSource)
    loaders.set(ctx, loader)
  }
  return loader
}

/** The child nodes of a node: each reads this node's region's rows restricted to itself. */
export async function childNodes(ctx: Context, node: StatisticsNode): Promise<StatisticsNode[]> {
  const regions = await loaderOf(ctx).children(node.region)
  return regions.map((region) => ({
    region,
    range: node.range,
    source: node.region,
    child: region.code,
    childSeries: node.childSeries,
  }))
}
