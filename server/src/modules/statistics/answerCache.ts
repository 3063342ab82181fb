// The counters' answers kept between requests (issue 21): a dashboard asked again while the counters have not
// changed is answered without reading them again.
//
// The key is the counters' version: every change to the counters appends a delta row (the triggers of migration
// 20261122220844_region_statistics), whose id comes from region_statistic_deltas_id_seq, so the sequence's position
// moves with every change. Folding the deltas into region_statistics (compact_region_statistics) moves numbers
// between the two tables without changing any sum, so it keeps the version and the answer. A sequence is not
// transactional, though: a writer takes its id before it commits. An answer is therefore kept only when no
// transaction was in progress at the version read before it and at the one after it, and the version did not move
// in between; then every delta up to that version was committed and visible to the reads of the answer.
//
// What the version does not see: rebuild_region_statistics() (after a bulk import, or the national dataset
// generator) rewrites the counters without deltas. In this process finishImport() calls forgetStatisticsAnswers();
// written by another process, a kept answer lives at most ANSWER_TTL_MS.
import type { PrismaClient } from '../../generated/prisma/client.ts'

const ANSWER_TTL_MS = 60_000
/** Answers kept per database; a province's answer is a few thousand small rows. */
const MAX_ANSWERS = 64

interface Version {
  version: string
  /** No transaction of the database was in progress when the version was read. */
  quiet: boolean
}

interface Answer {
  version: string
  rows: unknown
  keptAt: number
}

let generation = 0

/** Every kept answer of this process is dropped (after a write the version cannot see, e.g. a counter rebuild). */
export function forgetStatisticsAnswers(): void {
  generation += 1
}

let enabled = true

/** Tests and benchmarks: whether answers are kept at all (on by default); returns the previous setting. */
export function keepStatisticsAnswers(on: boolean): boolean {
  const previous = enabled
  enabled = on
  return previous
}

const answersOf = new WeakMap<PrismaClient, { generation: number; answers: Map<string, Answer> }>()
/** The version read at the start of a request (by its `now`), shared by all its reads. */
const versionOfRequest = new WeakMap<Date, Promise<Version>>()

async function readVersion(prisma: PrismaClient): Promise<Version> {
  const [row] = await prisma.$queryRaw<{ version: string; quiet: boolean }[]>`
    SELECT s.last_value::text || CASE WHEN s.is_called THEN '+' ELSE '' END AS "version",
      NOT EXISTS (SELECT FROM pg_snapshot_xip(pg_current_snapshot())) AS "quiet"
    FROM region_statistic_deltas_id_seq s`
  return { version: row!.version, quiet: row!.quiet }
}

function answers(prisma: PrismaClient): Map<string, Answer> {
  let held = answersOf.get(prisma)
  if (!held || held.generation !== generation) answersOf.set(prisma, (held = { generation, answers: new Map() }))
  return held.answers
}

/**
 * The rows of `key` (everything the answer depends on besides the counters: roots, range, the Beijing day …),
 * from a kept answer when the counters' version is the one it was read at, else from `load` (and kept if safe).
 */
export async function keptStatisticsRows<T>(
  prisma: PrismaClient,
  now: Date,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!enabled) return load()
  let before = versionOfRequest.get(now)
  if (!before) versionOfRequest.set(now, (before = readVersion(prisma)))
  const { version, quiet } = await before
  const held = answers(prisma)
  const kept = held.get(key)
  if (kept && kept.version === version && Date.now() - kept.keptAt < ANSWER_TTL_MS) return kept.rows as T
  const startedIn = generation
  const rows = await load()
  if (!quiet) return rows
  const after = await readVersion(prisma)
  if (after.quiet && after.version === version && startedIn === generation) {
    held.delete(key)
    if (held.size >= MAX_ANSWERS) held.delete(held.keys().next().value!)
    held.set(key, { version, rows, keptAt: Date.now() })
  }
  return rows
}
