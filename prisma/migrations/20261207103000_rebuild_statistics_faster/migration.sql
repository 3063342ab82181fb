-- Hand-written (issues 20 and 21): the counters' rebuild at national scale. EXPLAIN ANALYZE of the rebuild on a
-- 343,000-row import (1.3 M counter rows) found: stat_region_at, a function call per dated row (not inlinable: it
-- holds a subquery), most of the facts' time; and the 3.2 M rows of facts × ancestors × forms sorted to be grouped
-- (spilled to disk, a strcoll per comparison under the database's libc collation), then sorted again for
-- insertion. Now stat_region_at is called only when some object was ever moved by a reorganisation (an
-- uncorrelated EXISTS: one InitPlan per statement, in the statement's own snapshot; with none the region is the
-- unit's, which is what the function answers then); the expanded rows are grouped by hashing (enable_sort off for
-- the function) and only the groups are sorted, bytewise (COLLATE "C"), for insertion. 32.9 s → 24.0 s at that
-- size on an otherwise idle machine. The rows are the same (compared row for row on that import;
-- tests/api/statistics*.test.ts compare the rebuild with the triggers' running totals).
CREATE OR REPLACE FUNCTION "rebuild_region_statistics"() RETURNS BIGINT LANGUAGE plpgsql SET enable_sort = off AS $$
DECLARE written BIGINT;
BEGIN
  -- Writers block at commit (their deferred trigger) until the rebuild is done; their rows then count as deltas.
  LOCK TABLE "region_statistics", "region_statistic_deltas" IN EXCLUSIVE MODE;
  SET LOCAL work_mem = '256MB';
  SET LOCAL jit = off;
  UPDATE "review_decisions" x SET "waitStartedAt" = "review_wait_start"(x) WHERE x."waitStartedAt" IS NULL;
  TRUNCATE "region_statistic_deltas";
  -- Loading without the key and building it afterwards is several times faster than keeping it up row by row.
  TRUNCATE "region_statistics";
  ALTER TABLE "region_statistics" DROP CONSTRAINT "region_statistics_pkey";
  WITH grouped AS MATERIALIZED (
  SELECT a.root COLLATE "C" AS root, f.child COLLATE "C" AS child, f.metric COLLATE "C" AS metric, f.bucket COLLATE "C" AS bucket,
         c.k1 COLLATE "C" AS k1, c.k2 COLLATE "C" AS k2, SUM(c.n) AS n, SUM(c.fen) AS fen
    FROM (
      SELECT c.region, c.metric, c.bucket, c.k1, c.k2, SUM(c.n) AS n, SUM(c.fen) AS fen
        -- The stat_<table> rules written as joins (a function call per row would take an hour at national
        -- scale); the concurrency test compares this with the triggers' running totals. stat_region_at is a
        -- plain SQL expression (inlined): one index probe of the usually tiny reorganised_objects per dated row.
        FROM (
          SELECT x."regionCode" AS region, m.metric, b.bucket, m.k AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
            FROM "units" x,
                 LATERAL (VALUES ('units_type'::varchar, x."type"::varchar), ('units_category', x."systemCategory"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"('DOMAIN', x."id", x."createdAt", u."regionCode") ELSE u."regionCode" END END, m.metric, b.bucket, m.k, '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('domains_status'::varchar, x."status"::varchar), ('domains_suffix', x."suffix"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"('DOMAIN', x."id", x."registeredAt", u."regionCode") ELSE u."regionCode" END, 'registrations', "stat_month"(x."registeredAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."registeredAt" IS NOT NULL
          UNION ALL
          SELECT u."regionCode", 'expiring', "stat_day"(x."expiresAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL
          UNION ALL
          SELECT s.* FROM "domains" x, LATERAL "stat_domains"(x) s WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED') AND s.metric = 'waiting'
          UNION ALL
          SELECT CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"('DOMAIN', d."id", COALESCE(fi."chargedAt", x."requestedAt"), u."regionCode") ELSE u."regionCode" END, 'renewals', "stat_month"(COALESCE(fi."chargedAt", x."requestedAt")), '', '', 1, 0
            FROM "domain_renewals" x JOIN "domains" d ON d."id" = x."domainId" JOIN "units" u ON u."id" = d."unitId"
            LEFT JOIN "fee_collection_items" fi ON fi."renewalId" = x."id"
           WHERE x."status" = 'CHARGED'
          UNION ALL
          SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"('SITE_APPLICATION', x."id", x."submittedAt", u."regionCode") ELSE u."regionCode" END END, 'site_applications', b.bucket, x."status"::varchar, '', 1, 0
            FROM "site_applications" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."submittedAt"))) b(bucket)
           WHERE x."status" <> 'DRAFT' AND b.bucket IS NOT NULL
          UNION ALL
          SELECT s.* FROM "site_applications" x, LATERAL "stat_site_applications"(x) s
           WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER') AND s.metric = 'waiting'
          UNION ALL
          SELECT CASE WHEN e.bucket = '' THEN u."regionCode" ELSE CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"('BADGE', x."id", e.at, u."regionCode") ELSE u."regionCode" END END, e.metric, e.bucket, '', '', 1, 0
            FROM "badges" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('badges_issued'::varchar, ''::varchar, TRUE, x."issuedAt"), ('badges_issued', "stat_month"(x."issuedAt"), TRUE, x."issuedAt"),
                                 ('badges_installed', '', x."installedAt" IS NOT NULL, x."installedAt"), ('badges_installed', "stat_month"(x."installedAt"), x."installedAt" IS NOT NULL, x."installedAt"),
                                 ('badges_cancelled', '', x."status" = 'CANCELLED', x."cancelledAt"), ('badges_cancelled', "stat_month"(x."cancelledAt"), x."status" = 'CANCELLED' AND x."cancelledAt" IS NOT NULL, x."cancelledAt")
                 ) e(metric, bucket, applies, at)
           WHERE e.applies
          UNION ALL
          SELECT o."regionCode", 'fees_collected', "stat_month"(x."collectedAt"), '', '', 1, x."amountFen"
            FROM "fee_collections" x JOIN "offices" o ON o."id" = x."officeId"
          UNION ALL
          SELECT o."regionCode", 'fees_remitted', "stat_month"(x."submittedAt"), '', '', 1, x."amountFen"
            FROM "remittances" x JOIN "offices" o ON o."id" = x."officeId"
          UNION ALL
          SELECT o."regionCode", 'fees_charged', "stat_month"(x."chargedAt"), '', '', 1, x."amountFen"
            FROM "fee_collection_items" x JOIN "fee_collections" f ON f."id" = x."feeCollectionId" JOIN "offices" o ON o."id" = f."officeId"
           WHERE x."chargeTransactionId" IS NOT NULL AND x."chargedAt" IS NOT NULL
          UNION ALL
          SELECT s.* FROM "offices" x, LATERAL "stat_offices"(x) s
          UNION ALL
          SELECT s.* FROM "invoices" x, LATERAL "stat_invoices"(x) s
          UNION ALL
          SELECT CASE WHEN EXISTS (SELECT 1 FROM "reorganised_objects" WHERE "toUnitId" IS NOT NULL) THEN "stat_region_at"(CASE WHEN x."domainId" IS NOT NULL THEN 'DOMAIN' WHEN x."siteApplicationId" IS NOT NULL THEN 'SITE_APPLICATION' ELSE 'BADGE' END,
                                  COALESCE(x."domainId", x."siteApplicationId", c."badgeId"), x."decidedAt", u."regionCode") ELSE u."regionCode" END, 'review_days', b.bucket, x."level"::varchar,
                 GREATEST(0, COALESCE(ce."cumulative" - cs."cumulative",
                                      "working_days_between"(COALESCE(x."waitStartedAt", x."decidedAt"), x."decidedAt")))::varchar, 1, 0
            FROM "review_decisions" x
            LEFT JOIN "domains" d ON d."id" = x."domainId"
            LEFT JOIN "site_applications" sa ON sa."id" = x."siteApplicationId"
            LEFT JOIN "badge_change_requests" c ON c."id" = x."badgeChangeId"
            LEFT JOIN "badges" g ON g."id" = c."badgeId"
            JOIN "units" u ON u."id" = COALESCE(d."unitId", sa."unitId", g."unitId")
            LEFT JOIN "working_calendar" cs ON cs."day" = (COALESCE(x."waitStartedAt", x."decidedAt") + interval '8 hours')::date
            LEFT JOIN "working_calendar" ce ON ce."day" = (x."decidedAt" + interval '8 hours')::date,
            LATERAL (VALUES (''::varchar), ("stat_month"(x."decidedAt"))) b(bucket)
        ) c
       GROUP BY 1, 2, 3, 4, 5
    ) c
    CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
    CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
  -- Grouped by hashing (the function is declared with enable_sort off: sorting the 3.2 M expanded rows to group
  -- them spilled to disk and was half the rebuild), then the 1.3 M groups sorted in key order for insertion (a
  -- root's rows of one metric sit together on disk, so a read touches few pages), compared bytewise (COLLATE "C":
  -- under a libc locale such as C.UTF-8 each comparison is otherwise a strcoll call).
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0
  )
  INSERT INTO "region_statistics" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
  SELECT * FROM grouped ORDER BY root, metric, bucket, child, k1, k2;
  GET DIAGNOSTICS written = ROW_COUNT;
  ALTER TABLE "region_statistics" ADD CONSTRAINT "region_statistics_pkey" PRIMARY KEY ("root", "metric", "bucket", "child", "k1", "k2");
  RETURN written;
END $$;
