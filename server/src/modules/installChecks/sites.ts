// Which badges a run still has to check, read from the database in batches (a national run never holds the list):
// ACTIVE, self-built, with an English domain; due, that is never checked, or last found missing or failing, or found
// installed longer ago than the re-check interval; and not yet recorded in this run (so a resumed run goes on where
// it stopped). Batches come in the order of the index badges_install_check_order (a hash of the domain, then the
// id): the badges of one domain are next to each other, and a batch never splits a domain, so each site is fetched
// once per run.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { retryingWhileAway } from './recorder.ts'
import type { CheckableBadge } from './runs.ts'

export interface DueSite {
  /** The registered English domain, as the first of its badges spells it. */
  domain: string
  badges: CheckableBadge[]
}

type Row = CheckableBadge & { siteKey: string }

export const DEFAULT_READ_BATCH = 1000

/** Badges and distinct sites due in run `runId` (a fresh run's total). */
export async function countDueBadges(
  prisma: PrismaClient,
  runId: number,
  installedCheckedBefore: Date,
): Promise<{ badges: number; sites: number }> {
  const [row] = await prisma.$queryRaw<{ badges: number; sites: number }[]>`
    SELECT count(*)::int AS badges, count(DISTINCT lower(b."englishDomain"))::int AS sites
      FROM "badges" b
     WHERE b."status" = 'ACTIVE' AND b."placement" = 'SELF_BUILT' AND b."englishDomain" IS NOT NULL
       AND (b."lastCheckedAt" IS NULL OR b."lastCheckFound" IS NOT TRUE OR b."lastCheckedAt" < ${installedCheckedBefore})
       AND NOT EXISTS (SELECT 1 FROM "badge_install_checks" c WHERE c."runId" = ${runId} AND c."badgeId" = b."id")`
  return { badges: row?.badges ?? 0, sites: row?.sites ?? 0 }
}

/** The due badges of run `runId`, a batch of whole sites at a time. */
export async function* dueSiteBatches(
  prisma: PrismaClient,
  runId: number,
  installedCheckedBefore: Date,
  batchSize = DEFAULT_READ_BATCH,
): AsyncGenerator<DueSite[]> {
  let afterKey = ''
  let afterId = 0
  for (;;) {
    const rows = await retryingWhileAway(
      'reading the next badges to check',
      () => prisma.$queryRaw<Row[]>`
      SELECT b."id", b."badgeNumber", b."englishDomain", md5(lower(b."englishDomain")) AS "siteKey"
        FROM "badges" b
       WHERE b."status" = 'ACTIVE' AND b."placement" = 'SELF_BUILT' AND b."englishDomain" IS NOT NULL
         AND (md5(lower(b."englishDomain")), b."id") > (${afterKey}, ${afterId})
         AND (b."lastCheckedAt" IS NULL OR b."lastCheckFound" IS NOT TRUE OR b."lastCheckedAt" < ${installedCheckedBefore})
         AND NOT EXISTS (SELECT 1 FROM "badge_install_checks" c WHERE c."runId" = ${runId} AND c."badgeId" = b."id")
       ORDER BY md5(lower(b."englishDomain")), b."id"
       LIMIT ${batchSize}`,
    )
    if (rows.length === 0) return
    let take = rows
    // A full batch may end inside a domain: leave that domain to the next batch, unless it fills the batch alone.
    if (rows.length === batchSize) {
      const lastKey = rows[rows.length - 1]!.siteKey
      const firstOfLast = rows.findIndex((row) => row.siteKey === lastKey)
      if (firstOfLast > 0) take = rows.slice(0, firstOfLast)
    }
    const sites: DueSite[] = []
    let siteKey: string | null = null
    for (const row of take) {
      const badge = { id: row.id, badgeNumber: row.badgeNumber, englishDomain: row.englishDomain }
      if (row.siteKey === siteKey) sites[sites.length - 1]!.badges.push(badge)
      else sites.push({ domain: row.englishDomain, badges: [badge] })
      siteKey = row.siteKey
    }
    yield sites
    const end = take[take.length - 1]!
    afterKey = end.siteKey
    afterId = end.id
    if (rows.length < batchSize) return
  }
}
