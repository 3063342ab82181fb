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
// generator) rewrites the counters without deltas. finishImport() announces it (db/crossProcess.ts: the
// `statistics` signal), which drops the answers of this process at once and of every other API process as soon as
// it hears; a rebuild nobody announces (psql) is seen after at most ANSWER_TTL_MS.
import { onCacheSignal } from '../../db/crossProcess.ts'
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

/**
 * Drops the kept answers read through `prisma`, or with no argument every kept answer of this process (after a write
 * the version cannot see, e.g. a counter rebuild). Other processes: announce(prisma, 'statistics').
 */
export function forgetStatisticsAnswers(prisma?: PrismaClient): void {
  if (!prisma) generation += 1
  else {
    const held = answersOf.get(prisma)
    if (held) held.generation = -1 // a lookup that started before is not kept
    answersOf.delete(prisma)
  }
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

/** The databases whose `statistics` signal (db/crossProcess.ts) drops their answers. */
const listening = new WeakSet<PrismaClient>()

function answers(prisma: PrismaClient): { generation: number; answers: Map<string, Answer> } {
  if (!listening.has(prisma)) {
    listening.add(prisma)
    onCacheSignal(prisma, 'statistics', () => forgetStatisticsAnswers(prisma))
  }
  let held = answersOf.get(prisma)
  if (!held || held.generation !== generation) answersOf.set(prisma, (held = { generation, answers: new Map() }))
  return held
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
  const state = answers(prisma)
  const held = state.answers
  const kept = held.get(key)
  if (kept && kept.version === version && Date.now() - kept.keptAt < ANSWER_TTL_MS) return kept.rows as T
  const startedIn = state.generation
  const rows = await load()
  if (!quiet) return rows
  const after = await readVersion(prisma)
  // Not kept when anything was forgotten meanwhile: all answers (the global generation moved) or this database's
  // (its state was replaced, its generation set to -1).
  if (after.quiet && after.version === version && startedIn === generation && state.generation === generation) {
    held.delete(key)
    if (held.size >= MAX_ANSWERS) held.delete(held.keys().next().value!)
    held.set(key, { version, rows, keptAt: Date.now() })
  }
  return rows
}
