// 区域统计's baseline source: plain GROUP BY over the base tables, exact for any range but reading every row of the
// subtree (source.ts says what a source answers). The counters (counters.ts) fall back to it for ranges that do
// not start and end on month boundaries; tests and the benchmark compare the two.
import { Prisma } from '../../generated/prisma/client.ts'
import { startOfBeijingDay } from '../../lib/workdays.ts'
import type {
  BadgeRows,
  DomainRows,
  FeeRows,
  Grouped,
  InvoiceRows,
  KeyRows,
  Range,
  RegionNode,
  ReviewRows,
  SiteApplicationRows,
  StatisticsSource,
} from './source.ts'

// ---------------------------------------------------------------------------------------------------------------
// SQL fragments. Column names below are constants of this file; every input value travels as a parameter.

/** `root` and `child` of a row whose region path is `pathColumn`. */
function keys(pathColumn: string, depth: number): Prisma.Sql {
  const path = Prisma.raw(pathColumn)
  return Prisma.sql`split_part(${path}, '/', ${depth + 1}::int) AS "root", split_part(${path}, '/', ${depth + 2}::int) AS "child"`
}

/** The rows whose region path lies in one of the roots' subtrees. */
function inSubtrees(pathColumn: string, roots: RegionNode[]): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(pathColumn)} LIKE ANY (ARRAY[${Prisma.join(roots.map((root) => `${root.path}%`))}]::text[])`
}

/** ` AND column >= from AND column < to` for the parts of the range that are set. */
function inRange(column: string, range: Range): Prisma.Sql {
  const col = Prisma.raw(column)
  return Prisma.sql`${range.from ? Prisma.sql` AND ${col} >= ${range.from}` : Prisma.empty}${range.to ? Prisma.sql` AND ${col} < ${range.to}` : Prisma.empty}`
}

/** The Beijing-time month (YYYY-MM) of a UTC timestamp column (China has no daylight saving). */
function month(column: string): Prisma.Sql {
  return Prisma.sql`to_char(${Prisma.raw(column)} + interval '8 hours', 'YYYY-MM')`
}

const depthOf = (roots: RegionNode[]) => {
  const depth = roots[0]!.depth
  if (roots.some((root) => root.depth !== depth)) throw new Error('statistics: roots of one query must share a depth')
  return depth
}

/** Splits (key1, key2, n) rows into one count list per key. */
function splitKeys<R extends { root: string; child: string; n: number }>(
  rows: R[],
  first: (row: R) => string,
  second: (row: R) => string,
): [KeyRows, KeyRows] {
  return [
    rows.map((row) => ({ root: row.root, child: row.child, key: first(row), n: row.n })),
    rows.map((row) => ({ root: row.root, child: row.child, key: second(row), n: row.n })),
  ]
}

export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * 86_400_000)

/** Rows at the root's own level have an empty child segment: they belong to the root itself. */
function attributed<T extends { root: string; child: string }>(rows: T[]): T[] {
  for (const row of rows) if (!row.child) row.child = row.root
  return rows
}

const UNIT_REGION = 'JOIN units u ON u.id = x."unitId" JOIN regions r ON r.code = u."regionCode"'
const OFFICE_REGION = 'JOIN offices o ON o.id = x."officeId" JOIN regions r ON r.code = o."regionCode"'

// ---------------------------------------------------------------------------------------------------------------

/** The baseline: GROUP BY over the base tables. */
export const sqlStatisticsSource: StatisticsSource = {
  async units({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const counts = await prisma.$queryRaw<Grouped<{ type: string; category: string; n: number }>[]>`
      SELECT ${keys('r.path', depth)}, u."type"::text AS "type", u."systemCategory"::text AS "category", COUNT(*)::int AS "n"
      FROM units u JOIN regions r ON r.code = u."regionCode"
      WHERE ${inSubtrees('r.path', roots)} ${inRange('u."createdAt"', range)}
      GROUP BY 1, 2, 3, 4`
    const [byType, byCategory] = splitKeys(
      attributed(counts),
      (row) => row.type,
      (row) => row.category,
    )
    return { byType, byCategory }
  },

  async domains({ prisma, roots, range, now }) {
    const depth = depthOf(roots)
    const today = startOfBeijingDay(now)
    const in30 = addDays(today, 30)
    const in90 = addDays(today, 90)
    const [counts, expiring, registrations, renewals] = await Promise.all([
      prisma.$queryRaw<Grouped<{ status: string; suffix: string; n: number }>[]>`
        SELECT ${keys('r.path', depth)}, x."status"::text AS "status", x."suffix"::text AS "suffix", COUNT(*)::int AS "n"
        FROM domains x ${Prisma.raw(UNIT_REGION)}
        WHERE ${inSubtrees('r.path', roots)} ${inRange('x."createdAt"', range)}
        GROUP BY 1, 2, 3, 4`,
      prisma.$queryRaw<DomainRows['expiring']>`
        SELECT ${keys('r.path', depth)},
               (COUNT(*) FILTER (WHERE x."expiresAt" < ${in30}))::int AS "within30",
               COUNT(*)::int AS "within90"
        FROM domains x ${Prisma.raw(UNIT_REGION)}
        WHERE ${inSubtrees('r.path', roots)} AND x."status" = 'REGISTERED' AND x."expiresAt" >= ${today} AND x."expiresAt" < ${in90}
        GROUP BY 1, 2`,
      prisma.$queryRaw<DomainRows['registrations']>`
        SELECT ${keys('r.path', depth)}, ${month('x."registeredAt"')} AS "month", COUNT(*)::int AS "n"
        FROM domains x ${Prisma.raw(UNIT_REGION)}
        WHERE ${inSubtrees('r.path', roots)} AND x."registeredAt" IS NOT NULL ${inRange('x."registeredAt"', range)}
        GROUP BY 1, 2, 3`,
      // A renewal counts when it took effect: the charge (扣费) of its fee item; without an item, when it was asked for.
      prisma.$queryRaw<DomainRows['renewals']>`
        SELECT ${keys('r.path', depth)}, ${month('e."at"')} AS "month", COUNT(*)::int AS "n"
        FROM (
          SELECT d."unitId", COALESCE(fi."chargedAt", dr."requestedAt") AS "at"
          FROM domain_renewals dr
          JOIN domains d ON d.id = dr."domainId"
          LEFT JOIN fee_collection_items fi ON fi."renewalId" = dr.id
          WHERE dr."status" = 'CHARGED'
        ) e
        JOIN units u ON u.id = e."unitId" JOIN regions r ON r.code = u."regionCode"
        WHERE ${inSubtrees('r.path', roots)} ${inRange('e."at"', range)}
        GROUP BY 1, 2, 3`,
    ])
    const [byStatus, bySuffix] = splitKeys(
      attributed(counts),
      (row) => row.status,
      (row) => row.suffix,
    )
    return {
      byStatus,
      bySuffix,
      expiring: attributed(expiring),
      registrations: attributed(registrations),
      renewals: attributed(renewals),
    }
  },

  async siteApplications({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const counts = await prisma.$queryRaw<SiteApplicationRows['counts']>`
      SELECT ${keys('r.path', depth)}, x."status"::text AS "status", COUNT(*)::int AS "n"
      FROM site_applications x ${Prisma.raw(UNIT_REGION)}
      WHERE ${inSubtrees('r.path', roots)} AND x."status" <> 'DRAFT' ${inRange('x."submittedAt"', range)}
      GROUP BY 1, 2, 3`
    return { counts: attributed(counts) }
  },

  async badges({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const counts = await prisma.$queryRaw<BadgeRows['counts']>`
      SELECT ${keys('r.path', depth)},
             (COUNT(*) FILTER (WHERE TRUE ${inRange('x."issuedAt"', range)}))::int AS "issued",
             (COUNT(*) FILTER (WHERE x."installedAt" IS NOT NULL ${inRange('x."installedAt"', range)}))::int AS "installed",
             (COUNT(*) FILTER (WHERE x."status" = 'CANCELLED' ${inRange('x."cancelledAt"', range)}))::int AS "cancelled"
      FROM badges x ${Prisma.raw(UNIT_REGION)}
      WHERE ${inSubtrees('r.path', roots)}
      GROUP BY 1, 2`
    return { counts: attributed(counts) }
  },

  async fees({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const [collected, remitted, charged] = await Promise.all([
      prisma.$queryRaw<FeeRows['collected']>`
        SELECT ${keys('r.path', depth)}, ${month('x."collectedAt"')} AS "month", COUNT(*)::int AS "n", SUM(x."amountFen")::bigint AS "fen"
        FROM fee_collections x ${Prisma.raw(OFFICE_REGION)}
        WHERE ${inSubtrees('r.path', roots)} ${inRange('x."collectedAt"', range)}
        GROUP BY 1, 2, 3`,
      prisma.$queryRaw<FeeRows['remitted']>`
        SELECT ${keys('r.path', depth)}, ${month('x."submittedAt"')} AS "month", COUNT(*)::int AS "n", SUM(x."amountFen")::bigint AS "fen"
        FROM remittances x ${Prisma.raw(OFFICE_REGION)}
        WHERE ${inSubtrees('r.path', roots)} ${inRange('x."submittedAt"', range)}
        GROUP BY 1, 2, 3`,
      prisma.$queryRaw<FeeRows['charged']>`
        SELECT ${keys('r.path', depth)}, ${month('fi."chargedAt"')} AS "month", COUNT(*)::int AS "n", SUM(fi."amountFen")::bigint AS "fen"
        FROM fee_collection_items fi
        JOIN fee_collections x ON x.id = fi."feeCollectionId" ${Prisma.raw(OFFICE_REGION)}
        WHERE ${inSubtrees('r.path', roots)} AND fi."chargeTransactionId" IS NOT NULL AND fi."chargedAt" IS NOT NULL ${inRange('fi."chargedAt"', range)}
        GROUP BY 1, 2, 3`,
    ])
    return { collected: attributed(collected), remitted: attributed(remitted), charged: attributed(charged) }
  },

  async invoices({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const [stock, issued] = await Promise.all([
      prisma.$queryRaw<InvoiceRows['stock']>`
        SELECT ${keys('r.path', depth)}, SUM(o."invoiceStock")::int AS "stock"
        FROM offices o JOIN regions r ON r.code = o."regionCode"
        WHERE ${inSubtrees('r.path', roots)}
        GROUP BY 1, 2`,
      // Sheets: the rows that drew sheets from the stock (开具 and 红字). Amount: every row but a split parent (its
      // parts stand for it); 红字 and 作废 rows are negative. The same rules as 两代一统 (invoiceReports/coordination.ts).
      prisma.$queryRaw<InvoiceRows['issued']>`
        SELECT ${keys('r.path', depth)},
               COALESCE(SUM(x."count") FILTER (WHERE x."kind" IN ('NORMAL', 'RED_LETTER')), 0)::int AS "sheets",
               COALESCE(SUM(CASE WHEN sp."parentId" IS NULL THEN x."amountFen" ELSE 0 END), 0)::bigint AS "fen"
        FROM invoices x ${Prisma.raw(OFFICE_REGION)}
        LEFT JOIN (SELECT DISTINCT "parentId" FROM invoices WHERE "kind" = 'SPLIT' AND "parentId" IS NOT NULL) sp ON sp."parentId" = x.id
        WHERE ${inSubtrees('r.path', roots)} ${inRange('x."issuedAt"', range)}
        GROUP BY 1, 2`,
    ])
    return { stock: attributed(stock), issued: attributed(issued) }
  },

  async reviews({ prisma, roots, range }) {
    const depth = depthOf(roots)
    const [decisions, waiting] = await Promise.all([
      // The wait of a decision starts at its waitStartedAt (fixed by the database on insert: the item's previous
      // decision or (re)submission); working days by the SQL calendar (working_days_between, equal to lib/workdays.ts).
      prisma.$queryRaw<ReviewRows['decisions']>`
        SELECT ${keys('r.path', depth)}, rd."level"::text AS "level",
               working_days_between(COALESCE(rd."waitStartedAt", rd."decidedAt"), rd."decidedAt") AS "days", COUNT(*)::int AS "n"
        FROM review_decisions rd
        LEFT JOIN domains d ON d.id = rd."domainId"
        LEFT JOIN site_applications s ON s.id = rd."siteApplicationId"
        LEFT JOIN badge_change_requests c ON c.id = rd."badgeChangeId"
        LEFT JOIN badges b ON b.id = c."badgeId"
        JOIN units u ON u.id = COALESCE(d."unitId", s."unitId", b."unitId")
        JOIN regions r ON r.code = u."regionCode"
        WHERE ${inSubtrees('r.path', roots)} ${inRange('rd."decidedAt"', range)}
        GROUP BY 1, 2, 3, 4`,
      // Waiting now: at the same-level office since the (re)submission (as the escalation job counts it); at CONAC
      // since the office's approval; for the paper materials (书面材料) since CONAC's approval.
      prisma.$queryRaw<ReviewRows['waiting']>`
        SELECT "root", "child", "kind", stat_day("since") AS "day", COUNT(*)::int AS "n" FROM (
        SELECT ${keys('r.path', depth)}, 'DOMAIN' AS "kind",
               CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
                    ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM review_decisions rd WHERE rd."domainId" = x.id AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
               END AS "since"
        FROM domains x ${Prisma.raw(UNIT_REGION)}
        WHERE ${inSubtrees('r.path', roots)} AND x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED')
        UNION ALL
        SELECT ${keys('r.path', depth)}, 'SITE_APPLICATION' AS "kind",
               CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
                    WHEN x."status" = 'PENDING_CONAC_REVIEW' THEN COALESCE((SELECT MAX(rd."decidedAt") FROM review_decisions rd WHERE rd."siteApplicationId" = x.id AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
                    ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM review_decisions rd WHERE rd."siteApplicationId" = x.id AND rd."level" = 'CONAC' AND rd."result" = 'APPROVED'), x."updatedAt")
               END AS "since"
        FROM site_applications x ${Prisma.raw(UNIT_REGION)}
        WHERE ${inSubtrees('r.path', roots)} AND x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER')
          AND NOT (x."status" = 'PENDING_OFFICE_REVIEW' AND x."submittedAt" IS NULL)
        ) w GROUP BY 1, 2, 3, 4`,
    ])
    return { decisions: attributed(decisions), waiting: attributed(waiting) }
  },
}
